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

/**
 * Median of the first `count` values of `scratch`, which it reorders: no allocation, for the
 * inner loops of resampling (thousands of medians of a few values each).
 */
export function medianInPlace(scratch: Float64Array, count: number): number {
  if (count <= 0) return Number.NaN
  if (count <= 32) {
    for (let i = 1; i < count; i++) {
      const v = scratch[i]!
      let j = i - 1
      while (j >= 0 && scratch[j]! > v) {
        scratch[j + 1] = scratch[j]!
        j--
      }
      scratch[j + 1] = v
    }
  } else scratch.subarray(0, count).sort()
  const mid = count >> 1
  return count % 2 === 1 ? scratch[mid]! : (scratch[mid - 1]! + scratch[mid]!) / 2
}
