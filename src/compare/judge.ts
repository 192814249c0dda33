import { normalQuantile } from '../analyse/normal.js'
import { quantile, quantileInterval, type Distribution } from '../analyse/distribution.js'
import { logShift, type Shift } from '../analyse/shift.js'
import type { Gate } from '../model/gate.js'
import type { Comparison } from '../model/verdict.js'
import { changeInterval, metricInterval, type MetricSample } from './metric-interval.js'

export type { MetricSample } from './metric-interval.js'

/** The quantile that stands for a run's fastest calls (rule 4 of {@link judge}). */
export const FAST_QUANTILE = 0.1

/** Confidence of every interval the gate uses: 99 % two-sided. */
export const GATE_CONFIDENCE = 0.99
const Z = normalQuantile(1 - (1 - GATE_CONFIDENCE) / 2)

/** The verdict of one comparison with a baseline, with the shift behind `typicalChange`. */
export interface Judgement extends Comparison {
  /** How much slower the typical call is, with its interval, when both sides carry a distribution. */
  shift?: Shift
}

/** The change of the fastest calls ({@link FAST_QUANTILE}), with its 99 % interval (order-statistic bounds, combined as rule 2 does). */
function fastestCallsChange(current: Distribution, baseline: Distribution): { change: number; interval: [number, number] } {
  const fastest = (d: Distribution): [number, number, number] => {
    const [low, high] = quantileInterval(d, FAST_QUANTILE, Z)
    return [low, quantile(d, FAST_QUANTILE), high]
  }
  const now = fastest(current)
  const then = fastest(baseline)
  return { change: now[1] / then[1] - 1, interval: changeInterval(now, then) }
}

/**
 * Whether the whole distribution of `current` is slower than `baseline`'s by more than
 * `threshold` (a fraction), with 99 % confidence at both ends that tell code from host: its
 * typical call (the Hodges–Lehmann shift's interval) and its fastest calls (the 10th
 * percentile's). `false` when a side has no distribution. What a measurement taken to confirm a
 * regression must show at least (see `readsAsRegression`): the gated statistic, a tail on a
 * shared host, is the least precise reading of a measurement, and the question a confirmation
 * answers is whether the code is still slower, which these two answer. Pure.
 */
export function slowerThroughout(current: MetricSample, baseline: MetricSample, threshold: number): boolean {
  if (!current.distribution || !baseline.distribution) return false
  const shift = logShift(current.distribution, baseline.distribution, Z)
  return shift.low > threshold && fastestCallsChange(current.distribution, baseline.distribution).interval[0] > threshold
}

/** Whether one side timed single calls and the other batches (percentiles then differ in kind). */
function samplingDiffers(a: MetricSample, b: MetricSample): boolean {
  return a.batchSize !== undefined && b.batchSize !== undefined && (a.batchSize === 1) !== (b.batchSize === 1)
}

/**
 * The noise-aware regression gate. A benchmark regresses only when all of these hold:
 * 1. its gated metric is more than `gate.threshold` above the baseline's;
 * 2. the 99 % confidence interval of that change lies entirely above the threshold (each run's
 *    own sampling noise: order-statistic bounds of percentiles, the standard error of the mean),
 *    or, when both sides carry a distribution, the 99 % interval of the typical call's change
 *    does (`typicalInterval`) and the metric's interval reaches it: a high percentile of a short
 *    measurement is imprecise on a shared host, and when the whole distribution moved beyond the
 *    threshold with confidence, a percentile estimated beyond it too is slower code;
 * 3. when both sides carry a distribution, the typical call got slower by more than the
 *    threshold too: the Hodges–Lehmann shift is above it and its 99 % interval excludes zero.
 *    A high percentile that jumps while the bulk of the calls moves less is what a busy
 *    machine looks like;
 * 4. when both sides carry a distribution, the fastest calls got slower by more than the
 *    threshold too: the 99 % interval of the change of the 10th percentile lies above it. A
 *    shared host slows everything by a large factor for stretches of a tenth of a second to
 *    seconds; a measurement that fell partly in such stretches moves its median and its tail,
 *    while its fastest tenth still runs at the host's full speed. Code that got slower moves
 *    its fastest calls too;
 * 5. both runs sampled the same way (per call, or in batches), when a percentile is gated and
 *    the sides carry no distribution; with distributions, rules 3 and 4 hold across sampling
 *    modes (a code change that moves a benchmark across the batching boundary still fails).
 * A change above the threshold that fails 2–5 is a WARN with its reason; so is one above the
 * WARN band, and one within the threshold whose typical call is slower beyond it, with its
 * whole 99 % interval (`typical-slower`). Faster by more than the WARN band, with an interval
 * below zero, is `improved`.
 * When a side lacks a distribution, rules 3 and 4 cannot apply and the verdict says which side
 * (`withoutDistribution`): a note, not a reason, since it changes no status by itself.
 * Never throws; pure.
 */
export function judge(current: MetricSample, baseline: MetricSample, gate: Gate): Judgement {
  const b = baseline.value
  const c = current.value
  const change = b > 0 ? (c - b) / b : c > 0 ? Number.POSITIVE_INFINITY : 0
  const [cLow, cHigh] = metricInterval(current, gate.metric, Z)
  const [bLow, bHigh] = metricInterval(baseline, gate.metric, Z)
  const interval = b > 0 ? changeInterval([cLow, c, cHigh], [bLow, b, bHigh]) : ([change, change] as [number, number])
  const shift = current.distribution && baseline.distribution ? logShift(current.distribution, baseline.distribution, Z) : undefined
  const without: Comparison['withoutDistribution'] = !baseline.distribution ? (!current.distribution ? 'both' : 'baseline') : !current.distribution ? 'current' : undefined
  const base = { baseline: b, current: c, change, interval, ...(shift && { shift, typicalChange: shift.estimate }), ...(without && { withoutDistribution: without }) }

  // A hair of tolerance so that exactly +10 % is not "above 10 %" through rounding (1.1 − 1).
  const above = (limit: number) => change > limit + 1e-9
  if (above(gate.threshold)) {
    // The metric's interval must reach the typical call's: a whole distribution that moved
    // alike. A typical call far beyond a metric that barely moved is a distribution that changed
    // shape (another mode of the process), not the metric known more precisely.
    const typicalBeyond = shift !== undefined && shift.low > gate.threshold && interval[1] >= shift.low
    if (interval[0] <= gate.threshold && !typicalBeyond) return { ...base, status: 'warn', reason: 'within-noise' }
    // When the typical call's interval carried rule 2, the verdict says so with that interval.
    const precise = interval[0] <= gate.threshold ? { ...base, typicalInterval: [shift!.low, shift!.high] as [number, number] } : base
    if (shift && (shift.estimate <= gate.threshold || shift.low <= 0)) return { ...precise, status: 'warn', reason: 'tail-only' }
    if (current.distribution && baseline.distribution) {
      const fast = fastestCallsChange(current.distribution, baseline.distribution)
      if (fast.interval[0] <= gate.threshold) return { ...precise, fastChange: fast.change, status: 'warn', reason: 'partly-slow-host' }
    }
    // Batch means spread less than single calls, so a percentile of one kind against one of the
    // other says little; but the typical call and the fastest calls, checked above, read lower
    // for single calls than for batch means of the same code, so when they are slower the code is.
    if (gate.metric !== 'mean' && samplingDiffers(current, baseline) && !shift) return { ...precise, status: 'warn', reason: 'sampling-differs' }
    return { ...precise, status: 'regressed', reason: 'beyond-threshold' }
  }
  // The gated metric within the threshold while the typical call's whole interval lies beyond it:
  // a statistic that missed what the rest of the distribution shows is said, not failed (the
  // tail of a measurement on a shared host moves with the host more than with the code).
  if (shift && shift.low > gate.threshold) return { ...base, typicalInterval: [shift.low, shift.high], status: 'warn', reason: 'typical-slower' }
  if (above(gate.warn)) return { ...base, status: 'warn', reason: 'warn-band' }
  if (change < -gate.warn && interval[1] < 0) return { ...base, status: 'improved', reason: 'faster' }
  return { ...base, status: 'ok', reason: 'unchanged' }
}
