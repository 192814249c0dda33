import { normalQuantile } from './normal.js'

/**
 * Largest number of pairs for which the signed-rank distribution is computed exactly; beyond it
 * the normal approximation (with continuity correction) is used, which by then is off by at most
 * one rank.
 */
export const EXACT_SIGNED_RANK_MAX = 100

/**
 * The exact null distribution of Wilcoxon's signed-rank statistic T⁺ for `n` pairs, as
 * cumulative probabilities: `cdf[t] = P(T⁺ ≤ t)` for t = 0 … n(n+1)/2. Each rank 1 … n is in
 * T⁺ with probability ½ on its own, so the distribution is built rank by rank (O(n³)).
 */
export function signedRankCdf(n: number): Float64Array {
  const max = (n * (n + 1)) / 2
  let p = new Float64Array(max + 1)
  p[0] = 1
  for (let rank = 1; rank <= n; rank++) {
    const next = new Float64Array(max + 1)
    for (let t = 0; t <= max; t++) next[t] = (p[t]! + (t >= rank ? p[t - rank]! : 0)) / 2
    p = next
  }
  for (let t = 1; t <= max; t++) p[t]! += p[t - 1]!
  return p
}

/**
 * Where the two-sided `confidence` interval of a pseudo-median lies among the n(n+1)/2 sorted
 * Walsh averages of `n` paired differences: from the k-th smallest to the k-th largest, for the
 * largest k ≥ 1 with P(T⁺ ≤ k − 1) ≤ (1 − confidence) / 2 (Hollander and Wolfe; R's
 * `wilcox.test(conf.int = TRUE)` takes the same k). That interval covers the pseudo-median with
 * probability at least `confidence` when the differences are independent and symmetric about it.
 *
 * @returns k (1-based), or 0 when `n` pairs are too few for any interval at that confidence
 *   (fewer than 6 at 95 %, fewer than 8 at 99 %)
 */
export function signedRankBound(n: number, confidence: number): number {
  if (n < 1) return 0
  const tail = (1 - confidence) / 2
  if (n <= EXACT_SIGNED_RANK_MAX) {
    const cdf = signedRankCdf(n)
    let k = 0
    while (k < cdf.length && cdf[k]! <= tail) k++
    return k
  }
  const mean = (n * (n + 1)) / 4
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24)
  return Math.max(0, Math.floor(mean + 0.5 - normalQuantile(1 - tail) * sd))
}
