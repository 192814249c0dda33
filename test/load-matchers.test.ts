import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { bench } from '../src/bench'
import { normal, seededRandom } from '../src/analyse/random'
import { expectErrors } from '../src/assert/error-rate'
import { expectLatency } from '../src/assert/latency'
import { PerfAssertionError } from '../src/assert/assertion-error'
import { setTestContext, type TestContext } from '../src/record/context'
import type { ExpectationEntry } from '../src/model/entries'
import { VirtualTime } from './support/virtual-time'

let context: TestContext
beforeEach(() => {
  context = { file: 'test/load-matchers.test.ts', titlePath: ['matchers'], entries: [] }
  setTestContext(context)
})
afterEach(() => setTestContext(undefined))

const expectations = () => context.entries.filter((e): e is ExpectationEntry => e.kind === 'expectation')

/** A deterministic closed-model run (one call in flight) over log-normal service times around `median` ms. */
async function service(name: string, median: number, seed: number, failEvery = 0) {
  const time = new VirtualTime()
  const random = seededRandom(seed)
  let call = 0
  return bench(
    name,
    async () => {
      await time.sleep(median * Math.exp(0.25 * normal(random)))
      if (failEvery && ++call % failEvery === 0) throw new Error('HTTP 503')
    },
    { clock: time, scheduler: time, warmup: false, concurrency: 1, time: '2s' },
  )
}

describe('expectLatency(a).toBeFasterThan(b)', () => {
  test('passes when a is clearly faster, and records the comparison', async () => {
    const warm = await service('warm', 1, 1)
    const cold = await service('cold', 2, 2)
    expectLatency(warm).toBeFasterThan(cold)
    expectLatency(warm).toBeFasterThan(cold, { by: '30%' })
    const [entry] = expectations()
    expect(entry).toMatchObject({ benchId: 'test/load-matchers.test.ts > matchers > warm', comparator: 'faster than', status: 'PASS', unit: 'fraction', limit: -0.01 })
    expect(entry!.comparison).toMatchObject({ otherName: 'cold', confidence: 0.95, required: 0.01, method: 'bootstrap CI of the ratio of medians' })
    expect(entry!.comparison!.change).toBeCloseTo(-0.5, 1)
    expect(entry!.comparison!.interval[1]).toBeLessThan(-0.4)
  })

  test('fails with both medians, the difference and its interval', async () => {
    const a = await service('new', 1, 3)
    const b = await service('old', 1.02, 4)
    let error: unknown
    try {
      expectLatency(a).toBeFasterThan(b, { by: '10%' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PerfAssertionError)
    expect((error as Error).message).toMatch(
      /^"new" was not faster than "old" by 10% with 95% confidence: median [\d.]+(ms|µs) \(n=1,\d{3}\) vs [\d.]+ms \(n=1,\d{3}\), difference [−+][\d.]+% \(95% CI [−+][\d.]+% to [−+][\d.]+%\), needed ≤ −10%$/,
    )
    expect(expectations()[0]).toMatchObject({ status: 'FAIL', limit: -0.1 })
  })

  test('the same service measured twice is not faster than itself', async () => {
    const first = await service('run 1', 1, 10)
    const second = await service('run 2', 1, 11)
    expect(() => expectLatency(first).toBeFasterThan(second)).toThrow(PerfAssertionError)
    expect(() => expectLatency(second).toBeFasterThan(first)).toThrow(PerfAssertionError)
  })

  test('bad arguments are TypeErrors naming them', async () => {
    const r = await service('x', 1, 12)
    expect(() => expectLatency(r).toBeFasterThan({} as never)).toThrow(/toBeFasterThan\(\) needs the result of bench\(\)/)
    expect(() => expectLatency(r).toBeFasterThan(r, { by: 'lots' })).toThrow(/option "by" must be a percentage string such as '10%', or a fraction below 1 such as 0\.1; received "lots"/)
    expect(() => expectLatency(r).toBeFasterThan(r, { by: '100%' })).toThrow(/option "by"/)
    expect(() => expectLatency(r).toBeFasterThan(r, { confidence: 1 })).toThrow(/option "confidence"/)
  })

  test('unknown options are TypeErrors naming the key and listing the options', async () => {
    const r = await service('x', 1, 13)
    expect(() => expectLatency(r).toBeFasterThan(r, { foo: 1 } as never)).toThrow(TypeError)
    expect(() => expectLatency(r).toBeFasterThan(r, { foo: 1 } as never)).toThrow('perfspec: unknown expectLatency(…).toBeFasterThan() option "foo"; accepted options: by, confidence')
    expect(() => expectLatency(r).toBeFasterThan(r, { By: '10%' } as never)).toThrow(/option "By"; accepted options: by, confidence/)
    expect(() => expectLatency(r).toBeFasterThan(r, '10%' as never)).toThrow(/toBeFasterThan\(\) options must be an object such as \{ by: '10%' \}; received "10%"/)
  })
})

describe('expectErrors(result)', () => {
  test('rate: passes under the limit, fails over it with the counts and the first message', async () => {
    const r = await service('api', 1, 20, 50) // every 50th call fails: 2 %
    expect(r.errors!.rate).toBeCloseTo(0.02, 3)
    expectErrors(r).rate.toBeLessThan('5%')
    expect(() => expectErrors(r).rate.toBeLessThan('1%')).toThrow(
      /^error rate of "api" was 2\.0% \(\d+ of 1,\d{3} calls; first: Error: HTTP 503\), expected < 1\.0% \(\d+% over\)$/,
    )
    expect(() => expectErrors(r).count.toBeLessThanOrEqual(0)).toThrow(PerfAssertionError)
    expect(expectations().map((e) => e.status)).toEqual(['PASS', 'FAIL', 'FAIL'])
  })

  test('needs a load run', async () => {
    const plain = await bench('plain', () => 1 + 1, { time: 5, warmup: false })
    expect(() => expectErrors(plain)).toThrow(/expectErrors\(\) needs a load run.*concurrency: 50/)
    const r = await service('api', 1, 21)
    expect(() => expectErrors(r).rate.toBeLessThan('often')).toThrow(/expectErrors\(…\)\.rate\.toBeLessThan\(\) limit/)
  })
})
