import { median } from './median.js'

/**
 * Theil–Sen slope of `y` against `x`: the median of the slopes through every pair of points.
 * Up to ~29 % of the points can be arbitrarily wrong (a GC that ran late, a timer's buffers)
 * without moving it much, where least squares follows a single outlier.
 * Pairs with equal `x` are skipped; `NaN` when fewer than two distinct `x` remain.
 */
export function theilSenSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length)
  const slopes = new Float64Array((n * (n - 1)) / 2)
  let count = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[j]! - x[i]!
      if (dx !== 0) slopes[count++] = (y[j]! - y[i]!) / dx
    }
  }
  return median(slopes, count)
}
