/**
 * Median of the first `count` values (all of them by default); `NaN` when there are none.
 * Sorts a copy, so the input is left as it is.
 */
export function median(values: ArrayLike<number>, count = values.length): number {
  if (count <= 0) return Number.NaN
  const sorted = Float64Array.from({ length: count }, (_, i) => values[i]!).sort()
  const mid = count >> 1
  return count % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
