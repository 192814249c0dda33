import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { expectCollected, expectCpu, expectErrors, expectHeap, expectInstances, expectLatency, expectNoLeak, expectScaling, expectThroughput } from '../src/index'
import { setTestContext, type TestContext } from '../src/record/context'
import { unfinishedError, UnfinishedExpectationError } from '../src/record/unfinished'
import { fixedResult } from './support/fixed-result'
import { syntheticScaling } from './support/synthetic-scaling'

// A matcher chain left unfinished (`expectLatency(r).p95` with no `.toBeLessThan(…)`) is valid
// code that checks nothing. Each test here runs in a test context of its own, as an adapter sets
// it, and reads what the adapter would fail the test with at its end.

let context: TestContext
beforeEach(() => {
  context = { file: 'f.test.ts', titlePath: ['t'], entries: [] }
  setTestContext(context)
})
afterEach(() => setTestContext(undefined))

/** What the adapter would fail the test with now; clears it. */
function atEnd(): string | undefined {
  return unfinishedError(context)?.message
}

const r = fixedResult(0.05, {
  cpu: { user: 1, system: 0, perOp: 0.001, utilization: 0.5 },
  heap: { bytesPerOp: 10, growth: 0 },
  errors: { count: 0, rate: 0 },
})

describe('a chain left unfinished fails its test at the end, naming it', () => {
  test('a statistic without its matcher: the chain, the line and what may follow', () => {
    expectLatency(r).p95
    const message = atEnd()
    expect(message).toMatch(/^perfspec: an expectation was left unfinished, so it asserts nothing:\n {2}expectLatency\(…\)\.p95 at .*unfinished-chains\.test\.ts:\d+:\d+: go on with \.toBeLessThan\(…\) or \.toBeLessThanOrEqual\(…\)$/)
    // Reported once.
    expect(atEnd()).toBeUndefined()
  })

  test('the line is the one of the chain', () => {
    const line = Number(/:(\d+):\d+\n/.exec(new Error().stack ?? '')?.[1]) + 1
    expectLatency(r).p99
    expect(atEnd()).toContain(`unfinished-chains.test.ts:${line}:`)
  })

  test('every matcher set: each start alone, and each figure alone', () => {
    expectLatency(r)
    expectThroughput(r)
    expectCpu(r).perOp
    expectHeap(r).growth
    expectErrors(r).rate
    const message = atEnd()!
    expect(message).toMatch(/^perfspec: 5 expectations were left unfinished, so they assert nothing:\n/)
    expect(message).toMatch(/ {2}expectLatency\(…\) at .*: go on with \.min or \.mean .* or \.toBeFasterThan\(…\)\n/)
    expect(message).toMatch(/ {2}expectThroughput\(…\) at .*: go on with \.toBeGreaterThan\(…\) or \.toBeGreaterThanOrEqual\(…\)\n/)
    expect(message).toContain('expectCpu(…).perOp at ')
    expect(message).toContain('expectHeap(…).growth at ')
    expect(message).toContain('expectErrors(…).rate at ')
  })

  test('toBeWithin(margin) without .of(other)', () => {
    expectLatency(r).p50.toBeWithin('5%')
    expect(atEnd()).toMatch(/expectLatency\(…\)\.p50\.toBeWithin\(…\) at .*: go on with \.of\(…\)$/)
  })

  test('expectScaling and expectInstances without their matcher', () => {
    expectScaling(syntheticScaling('f > t > sort', { sizes: [100, 1000, 10000], cost: (n) => n * 1e-5 }))
    expectInstances(() => ({}), { of: Object, iterations: 1 })
    const message = atEnd()!
    expect(message).toContain('expectScaling(…) at ')
    expect(message).toContain('go on with .toBeAtMost(…)')
    expect(message).toContain('expectInstances(…) at ')
  })

  test('a destructured statistic left unused is named, its sibling that was used is not', () => {
    const { p95, p99 } = expectLatency(r)
    p95.toBeLessThan('1s')
    void p99
    const message = atEnd()!
    expect(message).toContain('expectLatency(…).p99 at ')
    expect(message).not.toContain('.p95 at')
  })

  test('the error is its own kind, not an assertion of a figure', () => {
    expectLatency(r).p95
    expect(unfinishedError(context)).toBeInstanceOf(UnfinishedExpectationError)
  })
})

describe('a check that returns a promise is unfinished until awaited', () => {
  test('expectNoLeak, expectCollected and expectInstances(…).toBeAtMost not awaited are named', async () => {
    class Kept {}
    const leak = expectNoLeak(42 as never)
    const collected = expectCollected(42 as never)
    const instances = expectInstances(() => new Kept(), { of: Kept, iterations: 1 }).toBeAtMost(1)
    const message = atEnd()!
    expect(message).toMatch(/ {2}expectNoLeak\(…\) at .*unfinished-chains\.test\.ts:\d+:\d+: await it \(it returns a promise\), or return it from the test\n/)
    expect(message).toContain('  expectCollected(…) at ')
    expect(message).toContain('  expectInstances(…).toBeAtMost(…) at ')
    // Awaited late, here, so that no rejection goes unhandled.
    await expect(leak).rejects.toThrow(TypeError)
    await expect(collected).rejects.toThrow(TypeError)
    await expect(instances).resolves.toMatchObject({ alive: expect.any(Number) })
  })

  test('once reported, its late failure is no unhandled rejection (which would crash a Jest worker)', async () => {
    const unhandled: unknown[] = []
    const listen = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', listen)
    try {
      void expectNoLeak(42 as never)
      expect(atEnd()).toContain('expectNoLeak(…) at ')
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', listen)
    }
  })

  test('awaited, caught or chained, it is finished', async () => {
    // A bare await: on a plain native promise it would read no `then`.
    await expectCollected(() => ({}))
    class Short {}
    await expectInstances(() => new Short(), { of: Short, iterations: 1 }).toBeAtMost(1)
    await (async () => expectCollected(() => ({})))()
    try {
      await expectNoLeak(42 as never)
    } catch {
      // refused: a TypeError
    }
    await expect(expectNoLeak(42 as never)).rejects.toThrow(TypeError)
    await expectCollected(42 as never).catch(() => undefined)
    void expectCollected(42 as never).then(undefined, () => undefined)
    expect(atEnd()).toBeUndefined()
  })
})

describe('finished chains leave nothing', () => {
  test('every matcher call finishes its chain, whether it passes, fails or refuses its argument', () => {
    expectLatency(r).p95.toBeLessThan('1s')
    expect(() => expectLatency(r).p95.toBeLessThan('1us')).toThrow(/p95 latency/)
    expect(() => expectLatency(r).p95.toBeLessThan('fast' as never)).toThrow(TypeError)
    expectThroughput(r).toBeGreaterThan(1)
    expectCpu(r).utilization.toBeLessThanOrEqual('100%')
    expectHeap(r).bytesPerOp.toBeLessThan('1KB')
    expectErrors(r).count.toBeLessThanOrEqual(0)
    const m = expectLatency(r)
    m.p50.toBeLessThan(1)
    m.p50.toBeLessThan(2)
    expect(atEnd()).toBeUndefined()
  })

  test('a name that is no property throws and begins nothing', () => {
    expect(() => (expectLatency(r) as unknown as Record<string, unknown>).p42).toThrow(/has no property "p42"/)
    expect(atEnd()).toBeUndefined()
  })

  test('what printers and await read (then, toJSON, toString) neither finishes nor begins a link', () => {
    const m = expectLatency(r)
    void (m as unknown as { then?: unknown }).then
    void String(m.toString)
    expect(atEnd()).toMatch(/expectLatency\(…\) at /)
  })

  test('outside any test nothing is kept', () => {
    setTestContext(undefined)
    expectLatency(r).p95
    expect(unfinishedError(undefined)).toBeUndefined()
    expect(atEnd()).toBeUndefined()
  })
})
