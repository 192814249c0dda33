import { afterEach, describe, expect, test } from 'vitest'
import { benchTogether, expectCpu, expectHeap, expectLatency, PerfAssertionError } from '../src/index'
import type { BenchEntry, ExpectationEntry, RecordEntry } from '../src/model/entries'
import { setTestContext, type TestContext } from '../src/record/context'
import { FakeClock } from './fake-clock'

afterEach(() => setTestContext(undefined))

function inTest(): RecordEntry[] {
  const context: TestContext = { file: 'a.test.ts', titlePath: ['suite', 'case'], entries: [] }
  setTestContext(context)
  return context.entries
}

describe('benchTogether() driven by a fake clock', () => {
  test('alternates blocks of each function and pairs them by round: a call that takes 20 % longer reads +20 % in every round', async () => {
    const clock = new FakeClock()
    const { next, old } = await benchTogether({ next: () => clock.advance(0.0012), old: () => clock.advance(0.001) }, { clock, time: 100, warmup: 10 })
    const rounds = next.together!.rounds
    expect(rounds.p50.length).toBe(old.together!.rounds.p50.length)
    // 10 ms blocks until each has 100 ms: 10 rounds, an even number.
    expect(rounds.p50.length).toBe(10)
    rounds.p50.forEach((p50, i) => expect(p50 / old.together!.rounds.p50[i]!).toBeCloseTo(1.2, 9))
    rounds.mean.forEach((mean) => expect(mean).toBeCloseTo(0.0012, 12))
    expect(next.latency.p50).toBeCloseTo(0.0012, 5)
    expect(next.sampling.sampleTime).toBeGreaterThanOrEqual(100)
    expect(next.sampling.mode).toBe('batched')
    expect(next.together!.group).toBe(old.together!.group)
    expect(next.together!.others).toEqual([old.id])
    expect(next.together!.block).toBe(10)
    expect(next.cpu).toBeUndefined()
    expect(next.heap).toBeUndefined()

    expect(() => expectLatency(next).p50.toBeWithin('5%').of(old)).toThrow(
      new PerfAssertionError('p50 latency of "next" was more than 5.0% above "old" with 95% confidence: 1.20µs vs 1.00µs, difference +20% (95% CI +20% to +20%, 10 rounds), needed ≤ +5.0%'),
    )
    expect(() => expectLatency(next).mean.toBeWithin('25%').of(old)).not.toThrow()
    expect(() => expectLatency(old).p50.toBeWithin('0%').of(next)).not.toThrow()
  })

  test('at least `rounds` rounds, rounded up to an even number, even past the time budget', async () => {
    const clock = new FakeClock()
    const { a } = await benchTogether({ a: () => clock.advance(0.02), b: () => clock.advance(0.02) }, { clock, time: 10, warmup: false, rounds: 7 })
    expect(a.together!.rounds.p50).toHaveLength(8)
    expect(a.sampling.stoppedBy).toBe('iterations')
    expect(a.sampling.mode).toBe('per-call')
  })

  test('a function named __proto__ is a result like the others; a symbol key is refused, not skipped', async () => {
    const clock = new FakeClock()
    const fns = { ['__proto__']: () => clock.advance(0.001), b: () => clock.advance(0.001) }
    const r = await benchTogether(fns, { clock, time: 10, warmup: false })
    expect(Object.keys(r)).toEqual(['__proto__', 'b'])
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(r, '__proto__')?.value).toMatchObject({ name: '__proto__' })
    const key = Symbol('c')
    await expect(benchTogether({ a: () => 1, b: () => 2, [key]: () => 3 })).rejects.toThrow('perfspec: benchTogether() names each function by a string key, e.g. ')
    await expect(benchTogether({ a: () => 1, b: () => 2, [key]: () => 3 })).rejects.toThrow('received a symbol key (Symbol(c))')
  })

  test('each result is recorded under its name, without a baseline, as bench() records one', async () => {
    const entries = inTest()
    const clock = new FakeClock()
    const { next, old } = await benchTogether({ next: () => clock.advance(0.001), old: () => clock.advance(0.001) }, { clock, time: 40, warmup: false })
    expect(next.id).toBe('a.test.ts > suite > case > next')
    expect(old.id).toBe('a.test.ts > suite > case > old')
    expect(entries).toEqual([
      { kind: 'bench', id: next.id, name: 'next', baseline: false, result: next },
      { kind: 'bench', id: old.id, name: 'old', baseline: false, result: old },
    ])
    expectLatency(next).p50.toBeWithin('5%').of(old)
    expect((entries[2] as ExpectationEntry).status).toBe('PASS')
  })

  test('three and more functions: every pair can be compared', async () => {
    const clock = new FakeClock()
    const r = await benchTogether({ a: () => clock.advance(0.001), b: () => clock.advance(0.0011), c: () => clock.advance(0.002) }, { clock, time: 40, warmup: false })
    expect(r.a.together!.others).toEqual([r.b.id, r.c.id])
    expect(() => expectLatency(r.b).p50.toBeWithin('15%').of(r.a)).not.toThrow()
    expect(() => expectLatency(r.c).p50.toBeWithin('15%').of(r.b)).toThrow(/"c" was more than 15% above "b"/)
  })
})

describe('benchTogether() failures', () => {
  test('a function that throws fails the call, naming it; every result is recorded as failed', async () => {
    const entries = inTest()
    const clock = new FakeClock()
    let calls = 0
    const failing = () => {
      clock.advance(0.001)
      if (++calls > 1000) throw new Error('boom')
    }
    await expect(benchTogether({ good: () => clock.advance(0.001), bad: failing }, { clock, time: 40, warmup: false })).rejects.toThrow('bench "bad" failed: boom')
    expect(entries.map((e) => [(e as BenchEntry).name, (e as BenchEntry).error])).toEqual([
      ['good', 'measured together with "bad", which failed: boom'],
      ['bad', 'boom'],
    ])
  })

  test('setup and teardown run once around the call; one that throws names every function', async () => {
    const clock = new FakeClock()
    const log: string[] = []
    await benchTogether({ a: () => clock.advance(0.001), b: () => clock.advance(0.001) }, { clock, time: 20, warmup: false, setup: () => log.push('setup'), teardown: () => log.push('teardown') })
    expect(log).toEqual(['setup', 'teardown'])
    await expect(
      benchTogether({ a: () => clock.advance(0.001), b: () => clock.advance(0.001) }, { clock, setup: () => { throw new Error('no db') } }),
    ).rejects.toThrow('bench "a", "b" failed: setup threw: no db')
  })

  test('a signal that aborts stops the call', async () => {
    const clock = new FakeClock()
    const controller = new AbortController()
    let calls = 0
    const fn = () => {
      clock.advance(0.001)
      if (++calls === 5000) controller.abort(new Error('enough'))
    }
    await expect(benchTogether({ a: fn, b: () => clock.advance(0.001) }, { clock, time: 1000, warmup: false, signal: controller.signal })).rejects.toThrow('bench "a", "b" failed: stopped before it finished: enough')
  })

  test("cut off by its test's timeout, every function is recorded as failed the moment the test's signal aborts", async () => {
    const ended = new AbortController()
    const context: TestContext = { file: 'a.test.ts', titlePath: ['slow'], entries: [], signal: ended.signal }
    setTestContext(context)
    let resume = () => undefined as void
    const clock = new FakeClock()
    const run = benchTogether({ a: () => clock.advance(0.001), b: () => clock.advance(0.001) }, { clock, time: 10, warmup: false, setup: () => new Promise<void>((done) => (resume = done)) })
    await Promise.resolve()
    ended.abort(new Error('Test timed out in 200ms.'))
    const error = 'stopped before it finished: Test timed out in 200ms.'
    expect(context.entries).toEqual([
      { kind: 'bench', id: 'a.test.ts > slow > a', name: 'a', baseline: false, error },
      { kind: 'bench', id: 'a.test.ts > slow > b', name: 'b', baseline: false, error },
    ])
    resume()
    await expect(run).rejects.toThrow('bench "a", "b" failed: stopped before it finished: Test timed out in 200ms.')
    expect(context.entries).toHaveLength(2)
  })
})

describe('benchTogether() arguments', () => {
  test.each([
    [undefined, 'perfspec: benchTogether() functions (first argument) must be an object of functions by name, e.g. benchTogether({ next: () => parseV2(doc), old: () => parseV1(doc) }); received undefined'],
    [[() => 1, () => 2], /must be an object of functions by name/],
    [{ only: () => 1 }, 'perfspec: benchTogether() measures 2 to 8 functions together, e.g. benchTogether({ next: () => parseV2(doc), old: () => parseV1(doc) }); received "only"'],
    [Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, () => i])), /measures 2 to 8 functions together/],
    [{ a: () => 1, b: 'fn' }, 'perfspec: benchTogether() function "b" must be a function, e.g. benchTogether({ next: () => parseV2(doc), old: () => parseV1(doc) }); received "fn"'],
    [{ a: () => 1, 'b\n': () => 2 }, /benchTogether\(\) name "b\\n" contains the control character/],
  ])('functions %#', async (fns, message) => {
    await expect(benchTogether(fns as never)).rejects.toThrow(TypeError)
    await expect(benchTogether(fns as never)).rejects.toThrow(message)
  })

  test.each([
    [{ cpu: { pid: 1 } }, /benchTogether\(\) option "cpu" must be true or false \(the CPU of this process, read around each block; for another process's CPU use bench\(\) with \{ cpu: \{ pid \} \}\)/],
    [{ rounds: 5 }, `perfspec: benchTogether() option "rounds" must be a whole number from 6 to 1000, such as 20; received 5`],
    [{ time: 'soon' }, /benchTogether\(\) option "time"/],
    [{ heap: 'yes' }, `perfspec: benchTogether() option "heap" must be true or false; received "yes"`],
    [{ baseline: false }, 'perfspec: unknown benchTogether() option "baseline"; accepted options: time, warmup, rounds, cpu, heap, setup, teardown, signal, clock'],
  ])('options %#', async (options, message) => {
    const fns = { a: () => 1, b: () => 2 }
    await expect(benchTogether(fns, options as never)).rejects.toThrow(TypeError)
    await expect(benchTogether(fns, options as never)).rejects.toThrow(message)
  })
})

describe('benchTogether() on real code (wide margins)', () => {
  const parse = (documents: number) => () => {
    let keys = 0
    for (let i = 0; i < documents; i++) keys += Object.keys(JSON.parse('{"a":1,"b":[1,2,3],"c":"xyz"}')).length
    return keys
  }

  test('the same function twice is never more than 50 % above itself, by latency, CPU or heap', async () => {
    const fn = parse(10)
    const { next, old } = await benchTogether({ next: fn, old: fn }, { cpu: true, heap: true, time: '150ms', warmup: '20ms' })
    expect(next.cpu!.perOp).toBeGreaterThan(0)
    expect(next.heap!.bytesPerOp).toBeGreaterThan(100)
    expect(next.together!.heapRounds!.length).toBeGreaterThanOrEqual(6)
    // One function, called from one shared call site: the same bytes per call, not one loop's
    // compilation against another's (two loops read 546 and 694 B, 27 % apart, before the shared
    // site). What else the process allocates meanwhile adds to a reading: with two test suites
    // running on 2 cores (a newcomer's npm test beside CI) the two read 10 % apart once.
    expect(Math.abs(next.heap!.bytesPerOp / old.heap!.bytesPerOp - 1)).toBeLessThan(0.15)
    expectLatency(next).p50.toBeWithin('50%').of(old)
    expectCpu(next).perOp.toBeWithin('50%').of(old)
    expectHeap(next).bytesPerOp.toBeWithin('50%').of(old)
  })

  test('three times the work is more than 5 % above, by latency, CPU and heap', async () => {
    const { next, old } = await benchTogether({ next: parse(30), old: parse(10) }, { cpu: true, heap: true, time: '150ms', warmup: '20ms' })
    expect(() => expectLatency(next).p50.toBeWithin('5%').of(old)).toThrow(PerfAssertionError)
    expect(() => expectCpu(next).perOp.toBeWithin('5%').of(old)).toThrow(PerfAssertionError)
    expect(() => expectHeap(next).bytesPerOp.toBeWithin('5%').of(old)).toThrow(PerfAssertionError)
  })
})
