import { COMPLEXITY_CLASSES, type ScalingResult } from '../model/scaling.js'
import { getTestContext, recordEntry } from '../record/context.js'
import { describe } from '../units/argument-error.js'
import { parseComplexity, type ComplexityInput } from '../units/complexity.js'
import { formatComplexity, formatCount, formatDuration, formatExponent, formatPercent } from '../units/format.js'
import { PerfAssertionError } from './assertion-error.js'
import { startChain } from './strict-matchers.js'
import { refuseExtraArguments } from '../units/extra-arguments.js'

/** `expectScaling(result)`: assertions on how time grows with the input size. */
export interface ScalingMatchers {
  /**
   * Passes when the data look like `limit` or a slower-growing class, with confidence: the
   * best-fitting class is at most `limit`, and so is the class of at least 95 % of the
   * resamples of the rounds. `limit` is one of `'1'`, `'log n'`, `'n'`, `'n log n'`, `'n^2'`
   * (or `'n²'`), `'n^3'` (or `'n³'`), each also as `'O(…)'`. Fails with the exponent and its
   * interval, the time per call at each size and the class the data look like.
   */
  toBeAtMost(limit: ComplexityInput): void
}

/** Checks that a matcher was given a `benchScaling()` result, with a hint for the usual mistakes. */
function scalingResultArgument(value: unknown): ScalingResult {
  if (value && typeof (value as PromiseLike<unknown>).then === 'function') {
    throw new TypeError(`perfspec: expectScaling() received a Promise; await the check first: expectScaling(await benchScaling('name', (n) => fn, { sizes }))`)
  }
  const r = value as Partial<ScalingResult> | null
  if (!r || typeof r !== 'object' || typeof r.name !== 'string' || !Array.isArray(r.points) || !r.fit || typeof r.fit !== 'object') {
    throw new TypeError(`perfspec: expectScaling() needs the result of benchScaling(), e.g. expectScaling(await benchScaling('sort', (n) => fn, { sizes: [100, 1_000, 10_000] })); received ${describe(value)}`)
  }
  return r as ScalingResult
}

/**
 * Assertions on a scaling check: `expectScaling(await benchScaling('sort', (n) => …, { sizes }))
 * .toBeAtMost('n log n')`. The outcome is recorded for the report (PASS or FAIL).
 */
export function expectScaling(result: ScalingResult): ScalingMatchers {
  refuseExtraArguments('expectScaling()', arguments, ['result'])
  const r = scalingResultArgument(result)
  return startChain<ScalingMatchers>('expectScaling(…)', {
    toBeAtMost(limit) {
      refuseExtraArguments('expectScaling(…).toBeAtMost()', arguments, ['limit'])
      checkAtMost(r, parseComplexity(limit, 'expectScaling(…).toBeAtMost() limit'))
    },
  })
}

function checkAtMost(r: ScalingResult, limit: (typeof COMPLEXITY_CLASSES)[number]): void {
  const { fit } = r
  const limitIndex = COMPLEXITY_CLASSES.indexOf(limit)
  const bestIndex = COMPLEXITY_CLASSES.indexOf(fit.best)
  const atMost = fit.atMost[limitIndex] ?? Number.NaN
  const passed = bestIndex <= limitIndex && atMost >= fit.confidence
  const level = formatPercent(fit.confidence)
  const exponent = `exponent ${formatExponent(fit.exponent)}, ${level} CI ${formatExponent(fit.interval[0])} to ${formatExponent(fit.interval[1])}`
  const agreement = `${formatComplexity(limit)} or slower-growing in ${formatPercent(atMost)} of ${formatCount(fit.resamples)} resamples of the ${formatCount(r.rounds)} rounds`
  const looked = `growth of "${r.name}" looked like ${formatComplexity(fit.best)} (${exponent}), expected at most ${formatComplexity(limit)}`
  const head = passed || bestIndex > limitIndex ? `${looked} (${agreement})` : `${looked} with ${level} confidence, but only ${agreement}; raise "rounds" or "time", or widen the sizes`
  const message = passed ? head : [head, `  time per call: ${timesLine(r)}`, `  fits (rms of relative residuals): ${fitsLine(r)}`, ...r.warnings.map((w) => `  warning: ${w}`)].join('\n')
  const status = passed ? 'PASS' : 'FAIL'
  recordEntry({
    kind: 'expectation',
    benchId: r.id,
    subject: 'growth',
    comparator: 'at most',
    actual: bestIndex,
    limit: limitIndex,
    unit: 'class',
    status,
    message,
    complexity: { limit, best: fit.best, atMost, confidence: fit.confidence, exponent: fit.exponent, interval: fit.interval },
  }, getTestContext())
  if (!passed) throw new PerfAssertionError(message)
}

/** `n=100: 6.38µs, n=1,000: 63.1µs, …` */
function timesLine(r: ScalingResult): string {
  return r.points.map((p) => `n=${formatCount(p.size)}: ${formatDuration(p.time)}`).join(', ')
}

/** `O(1) 326%, O(log n) 295%, …`, the chosen class marked. */
function fitsLine(r: ScalingResult): string {
  return r.fit.classes.map((c) => `${formatComplexity(c.class)} ${formatPercent(c.rms)}${c.class === r.fit.best ? ' (chosen)' : ''}`).join(', ')
}
