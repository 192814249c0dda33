import type { BenchResult } from '../model/bench-result.js'
import { compareLatency, DEFAULT_CONFIDENCE } from '../analyse/compare-latency.js'
import { decodeDistribution, type Distribution } from '../analyse/distribution.js'
import { getTestContext, recordEntry } from '../record/context.js'
import { argumentError } from '../units/argument-error.js'
import { optionsObject } from '../units/options-object.js'
import { parseFraction, type Fraction } from '../units/percent.js'
import { PerfAssertionError } from './assertion-error.js'
import { parseConfidence } from './confidence-option.js'
import { benchResultArgument } from './bench-result-argument.js'
import { formatChange, formatCount, formatDuration, formatPercent } from '../units/format.js'

/** Options of `expectLatency(a).toBeFasterThan(b, options)`. */
export interface FasterThanOptions {
  /**
   * How much faster `a` must be, as a fraction of `b`'s median: `'10%'` or `0.1` means a's median
   * at most 90 % of b's, with confidence. Default `0`: faster at all (beyond the 1 % noise floor).
   */
  by?: Fraction
  /** Two-sided confidence level of the interval of the difference: `'99%'` or `0.99`. Default `'95%'`. */
  confidence?: Fraction
}

const OPTIONS = ['by', 'confidence'] as const satisfies ReadonlyArray<keyof FasterThanOptions>

/**
 * Differences smaller than this fraction are never called faster, whatever `by` says. The
 * bootstrap treats samples as independent; two runs of the same code on a busy machine also
 * differ a little through drift between them (criterion.rs uses the same ±1 % noise band).
 */
export const NOISE_FLOOR = 0.01

/** How the verdict is reached, as the report names it. */
export const COMPARISON_METHOD = 'bootstrap CI of the ratio of medians'


function distributionOf(result: BenchResult, role: string): Distribution {
  const d = result.samples >= 1 ? decodeDistribution(result.histogram) : undefined
  if (!d) throw new TypeError(`perfspec: expectLatency(…).toBeFasterThan() needs the latency distribution of ${role} ("${result.name}"): pass the result of bench() itself`)
  return d
}

/**
 * Checks that `a` is faster than `b` by at least `by`, with confidence, from both latency
 * distributions; records the verdict (comparator `faster than`) and throws a
 * {@link PerfAssertionError} with both medians, the difference and its interval when not.
 */
export function checkFasterThan(a: BenchResult, other: unknown, given?: FasterThanOptions): void {
  const b = benchResultArgument('expectLatency(…).toBeFasterThan', other)
  const options: FasterThanOptions = optionsObject(given, OPTIONS, 'expectLatency(…).toBeFasterThan()', "{ by: '10%' }")
  const by = options.by === undefined ? 0 : parseFraction(options.by, 'expectLatency(…).toBeFasterThan() option "by"', { example: '10%' })
  if (by >= 1) throw argumentError('expectLatency(…).toBeFasterThan() option "by"', options.by, "a speed-up under 100%, such as '10%'")
  const confidence = parseConfidence(options.confidence, 'expectLatency(…).toBeFasterThan() option "confidence"', DEFAULT_CONFIDENCE)

  const required = Math.max(by, NOISE_FLOOR)
  const c = compareLatency(distributionOf(a, 'the first result'), distributionOf(b, 'the other result'), { by: required, confidence })
  const level = formatPercent(confidence)
  const medians = `median ${formatDuration(c.medianA)} (n=${formatCount(c.nA)}) vs ${formatDuration(c.medianB)} (n=${formatCount(c.nB)})`
  const difference = `difference ${formatChange(c.change)} (${level} CI ${formatChange(c.interval[0])} to ${formatChange(c.interval[1])})`
  const needed = `needed ≤ −${formatPercent(required)}`
  const message = c.faster
    ? `"${a.name}" is faster than "${b.name}": ${medians}, ${difference}, ${needed}`
    : `"${a.name}" was not faster than "${b.name}"${by > 0 ? ` by ${formatPercent(by)}` : ''} with ${level} confidence: ${medians}, ${difference}, ${needed}`
  const status = c.faster ? 'PASS' : 'FAIL'
  recordEntry({
    kind: 'expectation',
    benchId: a.id,
    subject: 'median latency',
    comparator: 'faster than',
    actual: c.change,
    limit: -required,
    unit: 'fraction',
    status,
    message,
    comparison: {
      otherId: b.id,
      otherName: b.name,
      median: c.medianA,
      otherMedian: c.medianB,
      change: c.change,
      interval: c.interval,
      confidence,
      required,
      method: COMPARISON_METHOD,
    },
  }, getTestContext())
  if (status === 'FAIL') throw new PerfAssertionError(message)
}
