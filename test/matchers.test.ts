import { describe, expect, test } from 'vitest'
import { format, plugins } from '@vitest/pretty-format'
import { bench, expectCpu, expectErrors, expectLatency, expectThroughput } from '../src/index'
import { statusOf } from '../src/analyse/limit-status'
import { PerfAssertionError } from '../src/assert/assertion-error'
import { getTestContext, setTestContext } from '../src/record/context'
import type { RecordEntry } from '../src/model/entries'
import { FakeClock } from './fake-clock'
import { fixedResult as result } from './support/fixed-result'

describe('latency matchers', () => {
  test('the failure message says what was measured, the limit and the miss', () => {
    expect(() => expectLatency(result(0.0612)).p95.toBeLessThan('50us')).toThrow(
      'p95 latency of "cache.get" was 61.2µs ±1.1% (n=4,120), expected < 50.0µs (22% over)',
    )
    // Far over, a ratio: a limit of 1e-300 ms read "(1.0998999999999999e+297% over)".
    expect(() => expectLatency(result(0.0612)).p95.toBeLessThan('1ns')).toThrow(/expected < 1\.00ns \(61,200x the limit\)$/)
    expect(() => expectLatency(result(0.0612)).p95.toBeLessThan(1e-300)).toThrow(/\(6\.1e\+298x the limit\)$/)
  })
  test('every statistic of the contract has both matchers', () => {
    const m = expectLatency(result(0.06))
    for (const stat of ['min', 'mean', 'p50', 'p75', 'p90', 'p95', 'p99', 'p999', 'max'] as const) {
      expect(() => m[stat].toBeLessThan('1s')).not.toThrow()
      expect(() => m[stat].toBeLessThanOrEqual(1000)).not.toThrow()
    }
    expect(() => m.max.toBeLessThan(0.1)).toThrow(/max latency/)
    expect(() => m.max.toBeLessThanOrEqual(0.1)).not.toThrow()
  })
  test('bad limits and subjects are TypeErrors', () => {
    expect(() => expectLatency(result(0.06)).p95.toBeLessThan('fast')).toThrow(TypeError)
    expect(() => expectLatency(result(0.06)).p95.toBeLessThan('fast')).toThrow(/p95\.toBeLessThan\(\) limit/)
    expect(() => expectLatency(Promise.resolve() as never)).toThrow(/await the bench/)
    expect(() => expectLatency({} as never)).toThrow(/needs the result of bench\(\)/)
  })
})

describe('throughput and CPU matchers', () => {
  test('throughput', () => {
    expect(() => expectThroughput(result(0.05)).toBeGreaterThan('20k/s')).not.toThrow()
    expect(() => expectThroughput(result(0.05)).toBeGreaterThan('100k/s')).toThrow(/throughput of "cache.get" was 25.0k\/s .* expected > 100k\/s \(75% under\)/)
  })
  test('CPU needs the cpu option', () => {
    expect(() => expectCpu(result(0.05))).toThrow(/cpu: true/)
    const withCpu = result(0.05, { cpu: { user: 10, system: 1, perOp: 0.002, utilization: 0.9 } })
    expect(() => expectCpu(withCpu).perOp.toBeLessThan('5us')).not.toThrow()
    expect(() => expectCpu(withCpu).utilization.toBeLessThan('50%')).toThrow(/CPU utilization of "cache.get" was 90%/)
  })
})

describe('limits no figure can meet', () => {
  const r = result(0.05, { cpu: { user: 10, system: 1, perOp: 0.002, utilization: 0.9 }, errors: { count: 3, rate: 0.03 } })
  type Check = (limit: never) => void
  const upper: Array<[string, Check]> = [
    ['expectLatency(…).p95.toBeLessThan() limit', expectLatency(r).p95.toBeLessThan],
    ['expectLatency(…).max.toBeLessThanOrEqual() limit', expectLatency(r).max.toBeLessThanOrEqual],
    ['expectCpu(…).perOp.toBeLessThan() limit', expectCpu(r).perOp.toBeLessThan],
    ['expectCpu(…).utilization.toBeLessThanOrEqual() limit', expectCpu(r).utilization.toBeLessThanOrEqual],
    ['expectErrors(…).rate.toBeLessThan() limit', expectErrors(r).rate.toBeLessThan],
    ['expectErrors(…).count.toBeLessThan() limit', expectErrors(r).count.toBeLessThan],
    ['expectThroughput(…).toBeGreaterThan() rate', expectThroughput(r).toBeGreaterThan],
    ['expectThroughput(…).toBeGreaterThanOrEqual() rate', expectThroughput(r).toBeGreaterThanOrEqual],
  ]

  test.each(upper)('%s: 0 is a TypeError naming the limit, not "(Infinity% over)"', (argument, check) => {
    expect(() => check(0 as never)).toThrow(TypeError)
    expect(() => check(0 as never)).toThrow(`perfspec: ${argument} must be above 0`)
  })

  test.each(upper)('%s: negative, NaN and infinite limits are TypeErrors naming the limit', (argument, check) => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => check(bad as never)).toThrow(TypeError)
      expect(() => check(bad as never)).toThrow(`perfspec: ${argument} must be`)
    }
  })

  test('zero written with a unit is zero too, and the reason is given', () => {
    expect(() => expectLatency(r).p95.toBeLessThan('0ms')).toThrow(
      'perfspec: expectLatency(…).p95.toBeLessThan() limit must be above 0: no p95 latency is below 0, so this expectation could never pass; received "0ms"',
    )
    expect(() => expectCpu(r).utilization.toBeLessThan('0%')).toThrow(/utilization\.toBeLessThan\(\) limit must be above 0.*received "0%"/)
    expect(() => expectThroughput(r).toBeGreaterThan('0/s')).toThrow(
      'perfspec: expectThroughput(…).toBeGreaterThan() rate must be above 0: every throughput is at least 0, so this expectation would ask nothing; received "0/s"',
    )
    expect(() => expectErrors(r).count.toBeLessThan(0)).toThrow(/for none at all, write toBeLessThanOrEqual\(0\)/)
  })

  test('failures may be required to be none: at most 0, with no relative miss in the message', () => {
    const previous = getTestContext()
    const entries: RecordEntry[] = []
    setTestContext({ file: 'a.test.ts', titlePath: ['t'], entries })
    try {
      expect(() => expectErrors(r).count.toBeLessThanOrEqual(0)).toThrow('errors of "cache.get" was 3 (3 of 4,120 calls), expected <= 0')
      expect(() => expectErrors(r).rate.toBeLessThanOrEqual('0%')).toThrow(/^error rate of "cache.get" was 3\.0% \(3 of 4,120 calls\), expected <= 0\.00%$/)
      const clean = result(0.05, { errors: { count: 0, rate: 0 } })
      expectErrors(clean).count.toBeLessThanOrEqual(0)
      expectErrors(clean).rate.toBeLessThanOrEqual(0)
      const messages = entries.map((e) => (e as { message: string }).message)
      expect(messages.slice(2)).toEqual(['errors of "cache.get" was 0 (0 of 4,120 calls), expected <= 0', 'error rate of "cache.get" was 0.00% (0 of 4,120 calls), expected <= 0.00%'])
      expect(messages.join('\n')).not.toMatch(/Infinity|NaN/)
    } finally {
      setTestContext(previous)
    }
  })
})

describe('fraction limits: strings carry %, numbers are fractions below 1', () => {
  // Half the calls failed, and the process used 90 % of a core.
  const r = result(0.05, { cpu: { user: 10, system: 1, perOp: 0.002, utilization: 0.9 }, errors: { count: 2060, rate: 0.5 } })

  test.each([5, 50, 1, 1.5])('an error rate limit of %s is ambiguous (a fraction, or percent?) and refused with both forms, not passed', (limit) => {
    expect(() => expectErrors(r).rate.toBeLessThan(limit)).toThrow(TypeError)
    expect(() => expectErrors(r).rate.toBeLessThan(limit)).toThrow(
      `perfspec: expectErrors(…).rate.toBeLessThan() limit ${limit} is ambiguous: numbers are fractions, so ${limit} would mean ${limit * 100}%. Write '${limit}%' for ${limit} percent, or ${limit / 100} as a fraction`,
    )
  })

  test('an error rate limit above 100% is out of range, as a string or as a number', () => {
    expect(() => expectErrors(r).rate.toBeLessThan('500%')).toThrow(
      `perfspec: expectErrors(…).rate.toBeLessThan() limit "500%" is out of range: an error rate is a share of the calls that settled, at most 100%; write a percentage string of at most 100% such as '1%', or a fraction below 1 such as 0.01`,
    )
    expect(() => expectErrors(r).rate.toBeLessThanOrEqual(500)).toThrow(/limit 500 is out of range: numbers are fractions, so 500 would mean 50000%, and an error rate is a share of the calls that settled, at most 100%/)
    // 100 % is in range; the number 100 has no fraction below 1 to offer.
    expect(() => expectErrors(r).rate.toBeLessThan(100)).toThrow(/limit 100 is ambiguous: numbers are fractions, so 100 would mean 10000%\. Write '100%' for 100 percent$/)
    expect(() => expectErrors(r).rate.toBeLessThan('100%')).not.toThrow()
  })

  test('accepted forms still judge: a 50 % error rate fails under 5 %, as 0.05 or as a string', () => {
    expect(() => expectErrors(r).rate.toBeLessThan('5%')).toThrow(/error rate of "cache\.get" was 50% .*expected < 5\.0%/)
    expect(() => expectErrors(r).rate.toBeLessThan(0.05)).toThrow(/expected < 5\.0%/)
    expect(() => expectErrors(r).rate.toBeLessThan('60%')).not.toThrow()
  })

  test('utilization: a number of 1 or more is ambiguous; a percentage above 100% is several cores, and judged', () => {
    expect(() => expectCpu(r).utilization.toBeLessThan(50)).toThrow(
      "perfspec: expectCpu(…).utilization.toBeLessThan() limit 50 is ambiguous: numbers are fractions, so 50 would mean 5000%. Write '50%' for 50 percent, or 0.5 as a fraction",
    )
    expect(() => expectCpu(r).utilization.toBeLessThan(0.5)).toThrow(/CPU utilization of "cache\.get" was 90%/)
    expect(() => expectCpu(r).utilization.toBeLessThan('200%')).not.toThrow()
  })

  test('percentage strings follow the one grammar: no spaces, a digit on both sides of a dot', () => {
    for (const bad of [' 5%', '5 %', '.5%', '5.%', '5', '5e1%']) {
      expect(() => expectErrors(r).rate.toBeLessThan(bad)).toThrow(/rate\.toBeLessThan\(\) limit must be a percentage string of at most 100% such as '1%', or a fraction below 1 such as 0\.01/)
    }
    expect(() => expectErrors(r).rate.toBeLessThan('.5%')).toThrow(/received "\.5%": write '0\.5%'/)
    expect(() => expectErrors(r).rate.toBeLessThan('0.5%')).toThrow(PerfAssertionError)
  })

  test('by, confidence and toBeWithin margins take the same rule', () => {
    expect(() => expectLatency(r).toBeFasterThan(r, { by: 10 })).toThrow(/option "by" 10 is ambiguous: .*Write '10%' for 10 percent, or 0\.1 as a fraction/)
    expect(() => expectLatency(r).toBeFasterThan(r, { confidence: 95 })).toThrow(/option "confidence" 95 is ambiguous: .*Write '95%' for 95 percent, or 0\.95 as a fraction/)
    expect(() => expectLatency(r).p50.toBeWithin(5)).toThrow(/toBeWithin\(\) margin 5 is ambiguous: numbers are fractions, so 5 would mean 500%\. Write '5%' for 5 percent, or 0\.05 as a fraction/)
    expect(() => expectLatency(r).p50.toBeWithin('150%')).not.toThrow()
  })
})

describe('extra arguments, which JavaScript would drop without a word', () => {
  const r = result(0.05, { cpu: { user: 10, system: 1, perOp: 0.002, utilization: 0.9 }, errors: { count: 0, rate: 0 } })
  // Called as a JavaScript test file calls them, past the types.
  const loose = <T>(f: T) => f as unknown as (...args: unknown[]) => unknown

  test.each([
    ['expectLatency(…).p95.toBeLessThan()', 'one argument (limit)', () => loose(expectLatency(r).p95.toBeLessThan)('5ms', '10%'), '"10%"'],
    ['expectLatency(…).max.toBeLessThanOrEqual()', 'one argument (limit)', () => loose(expectLatency(r).max.toBeLessThanOrEqual)(1, 2), '2'],
    ['expectThroughput(…).toBeGreaterThan()', 'one argument (rate)', () => loose(expectThroughput(r).toBeGreaterThan)('1k/s', '5%'), '"5%"'],
    ['expectCpu(…).utilization.toBeLessThan()', 'one argument (limit)', () => loose(expectCpu(r).utilization.toBeLessThan)('95%', 0.1), '0.1'],
    ['expectErrors(…).rate.toBeLessThan()', 'one argument (limit)', () => loose(expectErrors(r).rate.toBeLessThan)('1%', '2%'), '"2%"'],
    ['expectLatency(…).toBeFasterThan()', '2 arguments (other, options)', () => loose(expectLatency(r).toBeFasterThan)(r, {}, { by: '10%' }), '{"by":"10%"}'],
    ['expectLatency(…).p50.toBeWithin()', '2 arguments (margin, options)', () => loose(expectLatency(r).p50.toBeWithin)('5%', {}, 'x'), '"x"'],
    ['expectLatency()', 'one argument (result)', () => loose(expectLatency)(r, 'p95'), '"p95"'],
  ])('%s refuses them, naming what it takes', (call, takes, run, extra) => {
    expect(run).toThrow(TypeError)
    expect(run).toThrow(`perfspec: ${call} takes ${takes}; received ${takes.startsWith('one') ? 2 : 3}, and the extra ${extra} would be ignored: remove it`)
  })

  test('bench() rejects them too', async () => {
    await expect(loose(bench)('x', () => 1, { time: '5ms' }, { iterations: 5 }) as Promise<unknown>).rejects.toThrow(
      'perfspec: bench() takes 3 arguments (name, fn, options); received 4, and the extra {"iterations":5} would be ignored: remove it',
    )
  })

  test('arguments left out, or passed as undefined within the count, are fine', () => {
    expect(() => expectLatency(r).p95.toBeLessThan('1s')).not.toThrow()
    expect(() => loose(expectLatency(r).p50.toBeWithin)('5%', undefined)).not.toThrow()
  })
})

describe('a name a matcher object does not have', () => {
  const r = result(0.05, { cpu: { user: 10, system: 1, perOp: 0.002, utilization: 0.9 }, errors: { count: 0, rate: 0 } })
  // Read through `any`, as a JavaScript test file (or a typo past a cast) reaches them.
  const loose = (matchers: object) => matchers as Record<string, Record<string, unknown>>

  test('is a TypeError naming it and listing the valid names, not a crash one step later', () => {
    expect(() => loose(expectLatency(r)).p42!.toBeLessThan).toThrow(TypeError)
    expect(() => loose(expectLatency(r)).p42!.toBeLessThan).toThrow(
      'perfspec: expectLatency(…) has no property "p42"; valid properties: min, mean, p50, p75, p90, p95, p99, p999, max, toBeFasterThan',
    )
    expect(() => loose(expectLatency(r).p95).toBeBelow).toThrow('perfspec: expectLatency(…).p95 has no property "toBeBelow"; valid properties: toBeLessThan, toBeLessThanOrEqual')
  })

  test.each([
    ['expectLatency(…)', 'P95', () => loose(expectLatency(r)).P95],
    ['expectLatency(…)', 'toBeLessThan', () => loose(expectLatency(r)).toBeLessThan],
    ['expectLatency(…).max', 'toBeGreaterThan', () => loose(expectLatency(r).max).toBeGreaterThan],
    ['expectThroughput(…)', 'toBeLessThan', () => loose(expectThroughput(r)).toBeLessThan],
    ['expectCpu(…)', 'total', () => loose(expectCpu(r)).total],
    ['expectCpu(…).perOp', 'toBeGreaterThan', () => loose(expectCpu(r).perOp).toBeGreaterThan],
    ['expectCpu(…).utilization', 'toBe', () => loose(expectCpu(r).utilization).toBe],
    ['expectErrors(…)', 'ratio', () => loose(expectErrors(r)).ratio],
    ['expectErrors(…).count', 'toEqual', () => loose(expectErrors(r).count).toEqual],
  ])('%s.%s throws for every matcher object', (path, name, read) => {
    expect(read).toThrow(TypeError)
    expect(read).toThrow(`perfspec: ${path} has no property "${name}"; valid properties: `)
  })

  test('what runtimes and test libraries probe still reads as on a plain object', async () => {
    const m = expectLatency(r)
    expect(await Promise.resolve(m)).toBe(m) // reads `then`
    expect(JSON.parse(JSON.stringify(expectThroughput(r)))).toEqual({}) // reads `toJSON`
    expect(String(expectCpu(r))).toBe('[object Object]')
    expect('p42' in m).toBe(false)
    expect(Object.keys(expectErrors(r))).toEqual(['rate', 'count'])
    expect(m).toEqual(m) // equality reads asymmetricMatch, nodeType, …
    // Printing, as in a runner's message (`expect(expectLatency(r).p95).toBeLessThan(5)`): every plugin probes.
    expect(format(m.p95, { plugins: Object.values(plugins) })).toBe('Object {\n  "toBeLessThan": [Function toBeLessThan],\n  "toBeLessThanOrEqual": [Function toBeLessThanOrEqual],\n}')
    expect(() => expect(m.p95).toEqual({})).toThrow(/expected .* to deeply equal \{\}/)
  })
})

describe('PASS / WARN / FAIL', () => {
  test('WARN means passed with under 10 % headroom', () => {
    expect(statusOf(4, 5, '<')).toBe('PASS')
    expect(statusOf(4.6, 5, '<')).toBe('WARN')
    expect(statusOf(5, 5, '<')).toBe('FAIL')
    expect(statusOf(5, 5, '<=')).toBe('WARN')
    expect(statusOf(120, 100, '>')).toBe('PASS')
    expect(statusOf(105, 100, '>')).toBe('WARN')
    expect(statusOf(90, 100, '>')).toBe('FAIL')
  })
  test('outcomes are recorded for the report inside a test context', async () => {
    const previous = getTestContext()
    const entries: RecordEntry[] = []
    setTestContext({ file: 'a.test.ts', titlePath: ['suite', 'case'], entries })
    try {
      const clock = new FakeClock()
      const r = await bench('op', () => clock.advance(0.002), { clock })
      expect(r.id).toBe('a.test.ts > suite > case > op')
      const again = await bench('op', () => clock.advance(0.002), { clock })
      expect(again.id).toBe('a.test.ts > suite > case > op #2')
      expectLatency(r).p95.toBeLessThan('1ms')
      expect(() => expectLatency(r).p95.toBeLessThan('1us')).toThrow()
      expect(entries.map((e) => e.kind)).toEqual(['bench', 'bench', 'expectation', 'expectation'])
      expect(entries.filter((e) => e.kind === 'expectation').map((e) => (e as { status: string }).status)).toEqual(['PASS', 'FAIL'])
    } finally {
      setTestContext(previous)
    }
  })
})
