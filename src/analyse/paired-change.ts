import { signedRankBound } from './signed-rank.js'

/** How much larger one figure is than another, from pairs measured side by side. */
export interface PairedChange {
  /** Hodges–Lehmann estimate of the typical ratio a / b of a pair, minus 1 (0.2: a is 20 % above b). */
  change: number
  /** Confidence interval of `change` (Wilcoxon signed-rank); absent when the pairs are too few for one. */
  interval?: [number, number]
  /** Pairs used: those where both figures are finite and above 0 (after `offset`). */
  pairs: number
  /** Two-sided confidence level of `interval`. */
  confidence: number
}

/** Options of {@link pairedChange}. */
export interface PairedChangeOptions {
  /** Two-sided confidence level of the interval, in (0, 1). Default `0.95`. */
  confidence?: number
  /**
   * Added to both figures of every pair before their ratio is taken, in their unit: with heap
   * figures, a function that allocates nothing and one that allocates a byte now and then then
   * compare as about equal instead of infinitely apart. Default `0`.
   */
  offset?: number
}

/**
 * The typical ratio of `a[i]` to `b[i]` over paired measurements, with its confidence interval:
 * the Hodges–Lehmann estimate (the median of the Walsh averages (dᵢ + dⱼ) / 2, i ≤ j) of the
 * log ratios dᵢ = ln aᵢ − ln bᵢ, and the interval between the k-th smallest and k-th largest
 * Walsh average that the signed-rank test gives (see {@link signedRankBound}). Ratios, because
 * "20 % more" is a ratio whatever the figures' size; logs, so that a / b and b / a are symmetric.
 *
 * Valid when the log ratios are independent and symmetric about their centre: pairs whose two
 * halves were measured close in time, in an order chosen at random, so that slow stretches of the
 * machine fall on either side alike. Rank-based, so a few pairs hit by interference (a GC, a
 * preempted thread) barely move it. Pairs with a figure that is not finite, or not above 0, are
 * left out.
 */
export function pairedChange(a: ArrayLike<number>, b: ArrayLike<number>, options: PairedChangeOptions = {}): PairedChange {
  const confidence = options.confidence ?? 0.95
  const offset = options.offset ?? 0
  const logs = logRatios(a, b, offset)
  const n = logs.length
  if (n === 0) return { change: Number.NaN, pairs: 0, confidence }
  const walsh = walshAverages(logs)
  const m = walsh.length
  const middle = m % 2 === 1 ? walsh[(m - 1) / 2]! : (walsh[m / 2 - 1]! + walsh[m / 2]!) / 2
  const k = signedRankBound(n, confidence)
  const result: PairedChange = { change: Math.expm1(middle), pairs: n, confidence }
  if (k > 0) result.interval = [Math.expm1(walsh[k - 1]!), Math.expm1(walsh[m - k]!)]
  return result
}

/** ln(aᵢ + offset) − ln(bᵢ + offset) of the pairs whose two figures are finite and above 0, in order. */
export function logRatios(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number[] {
  const logs: number[] = []
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]! + offset
    const y = b[i]! + offset
    if (Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0) logs.push(Math.log(x) - Math.log(y))
  }
  return logs
}

/** The n(n+1)/2 averages (dᵢ + dⱼ) / 2, i ≤ j, sorted. */
function walshAverages(d: readonly number[]): Float64Array {
  const n = d.length
  const out = new Float64Array((n * (n + 1)) / 2)
  let at = 0
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out[at++] = (d[i]! + d[j]!) / 2
  return out.sort()
}
