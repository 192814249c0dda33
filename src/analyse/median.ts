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
 * inner loops of resampling (thousands of medians each).
 */
export function medianInPlace(scratch: Float64Array, count: number): number {
  if (count <= 0) return Number.NaN
  const mid = count >> 1
  if (count <= 32) {
    insertionSort(scratch, count)
    return count % 2 === 1 ? scratch[mid]! : (scratch[mid - 1]! + scratch[mid]!) / 2
  }
  const upper = select(scratch, count, mid)
  if (count % 2 === 1) return upper
  // Everything before `mid` is now at most the upper middle value: the lower one is their largest.
  let lower = scratch[0]!
  for (let i = 1; i < mid; i++) if (scratch[i]! > lower) lower = scratch[i]!
  return (lower + upper) / 2
}

function insertionSort(values: Float64Array, count: number): void {
  for (let i = 1; i < count; i++) {
    const v = values[i]!
    let j = i - 1
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!
      j--
    }
    values[j + 1] = v
  }
}

/**
 * The `k`-th smallest of the first `count` values (Hoare's selection, median-of-three pivots):
 * linear time on average, and it leaves the smaller values before index `k`.
 */
function select(values: Float64Array, count: number, k: number): number {
  let low = 0
  let high = count - 1
  while (high > low) {
    const middle = (low + high) >> 1
    // Median of three as the pivot, so that sorted or reversed input stays linear.
    const a = values[low]!
    const b = values[middle]!
    const c = values[high]!
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b
    let i = low
    let j = high
    while (i <= j) {
      while (values[i]! < pivot) i++
      while (values[j]! > pivot) j--
      if (i <= j) {
        const t = values[i]!
        values[i] = values[j]!
        values[j] = t
        i++
        j--
      }
    }
    if (k <= j) high = j
    else if (k >= i) low = i
    else return values[k]!
  }
  return values[k]!
}
