import type { Distribution } from './distribution.js'

/** How much slower the typical call of one distribution is than another's. */
export interface Shift {
  /** Hodges–Lehmann estimate of the ratio current/baseline of a typical call, minus 1. */
  estimate: number
  /** Confidence interval of `estimate` (rank-based, from the Mann–Whitney statistic). */
  low: number
  high: number
  /** Probability that a call of `current` is slower than one of `baseline` (ties count half), 0..1. */
  superiority: number
}

/**
 * Weight of the pairs (x of `a`, y of `b`) with ln x − ln y ≤ s, in O(|a| + |b|): for
 * increasing x the bound ln x − s increases, so one pointer walks `b` once.
 */
function pairsAtMost(a: LogDistribution, b: LogDistribution, s: number): number {
  let total = 0
  let j = b.logs.length - 1
  let above = 0 // weight of b with ln y ≥ ln x − s, for the current x
  // Walk x downwards so the bound decreases and the pointer on b moves down once.
  for (let i = a.logs.length - 1; i >= 0; i--) {
    const bound = a.logs[i]! - s
    while (j >= 0 && b.logs[j]! >= bound) above += b.counts[j--]!
    total += a.counts[i]! * above
  }
  return total
}

/** A distribution with its values' logarithms computed once. */
interface LogDistribution {
  logs: Float64Array
  counts: readonly number[]
}

function withLogs(d: Distribution): LogDistribution {
  return { logs: Float64Array.from(d.values, (v) => Math.log(Math.max(v, 1e-12))), counts: d.counts }
}

/** The k-th smallest (1-based, by weight) pairwise log-difference, by bisection. */
function pairwiseQuantile(a: LogDistribution, b: LogDistribution, k: number): number {
  let lo = a.logs[0]! - b.logs[b.logs.length - 1]! - 1e-9
  let hi = a.logs[a.logs.length - 1]! - b.logs[0]!
  for (let i = 0; i < 60 && hi - lo > 1e-7; i++) {
    const mid = (lo + hi) / 2
    if (pairsAtMost(a, b, mid) >= k) hi = mid
    else lo = mid
  }
  return hi
}

/**
 * The Hodges–Lehmann shift between two latency distributions on the log scale (so the shift is
 * a ratio, which is what "1.5x slower" means), with its rank-based confidence interval, and the
 * Mann–Whitney probability of superiority. Rank statistics barely move when a few samples are
 * hit by interference (a preempted thread, a GC pause): a shift says that the bulk of the
 * calls got slower, where a high percentile alone may only say that the machine was busy.
 *
 * @param z - normal quantile of the wanted confidence, e.g. 2.576 for 99 % two-sided
 */
export function logShift(currentDistribution: Distribution, baselineDistribution: Distribution, z: number): Shift {
  const m = currentDistribution.n
  const n = baselineDistribution.n
  const current = withLogs(currentDistribution)
  const baseline = withLogs(baselineDistribution)
  const pairs = m * n
  const spread = z * Math.sqrt((pairs * (m + n + 1)) / 12)
  const at = (k: number) => Math.exp(pairwiseQuantile(current, baseline, Math.min(pairs, Math.max(1, k)))) - 1
  // Superiority: pairs with x > y plus half the ties, from two counts at s just below and at 0.
  const atMostZero = pairsAtMost(current, baseline, 0)
  const belowZero = pairsAtMost(current, baseline, -1e-12)
  const superiority = (pairs - atMostZero + (atMostZero - belowZero) / 2) / pairs
  return {
    estimate: at(Math.ceil(pairs / 2)),
    low: at(Math.floor(pairs / 2 - spread)),
    high: at(Math.ceil(pairs / 2 + spread) + 1),
    superiority,
  }
}
