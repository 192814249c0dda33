/**
 * The reference curves of `bench/scaling.ts`: code whose growth class is known, each with the
 * sizes it is checked at. Written for this purpose; each one's work is returned, so that it
 * cannot be optimised away.
 */
import type { ComplexityClass } from '../src/model/scaling.js'
import type { ScalingFactory } from '../src/bench-scaling.js'

export interface ReferenceCurve {
  name: string
  /** The class the curve belongs to. */
  expected: ComplexityClass
  sizes: number[]
  factory: ScalingFactory
}

/** Sorted numbers 0, 2, 4, …: half of all keys are absent. */
function sortedEvens(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 2 * i)
}

/** n pseudo-random numbers in [0, 1), the same for every process. */
function randomNumbers(n: number, seed = 12345): Float64Array {
  let state = seed >>> 0
  return Float64Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  })
}

/**
 * 64 keys to look up in turn, spread over the range. A few dozen keys, so that the branch
 * predictor learns every search at every size, as it does with one; with a few thousand it
 * learns the small sizes' searches and not the large ones', which then pay a misprediction per
 * level, and the curve bends up from O(log n).
 */
function keysFor(n: number): Float64Array {
  return randomNumbers(64, 777).map((u) => Math.floor(u * 2 * n))
}

function binarySearch(a: Float64Array, key: number): number {
  let low = 0
  let high = a.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const v = a[mid]!
    if (v < key) low = mid + 1
    else if (v > key) high = mid - 1
    else return mid
  }
  return -1 - low
}

/** The sum of the first `count` elements (all of them by default). */
function sum(a: Float64Array, count = a.length): number {
  let total = 0
  for (let i = 0; i < count; i++) total += a[i]!
  return total
}

/** Counts the pairs i < j whose values are within 0.001 of each other, by looking at every pair. */
function closePairs(a: Float64Array): number {
  let count = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    for (let j = i + 1; j < a.length; j++) if (Math.abs(x - a[j]!) < 0.001) count++
  }
  return count
}

export const CURVES: ReferenceCurve[] = [
  {
    name: 'constant: sum of the first 16 of an array',
    expected: '1',
    sizes: [100, 1_000, 10_000, 100_000],
    factory: (n) => {
      // Some work, so that a fraction of a nanosecond that the timing loop of one size happens
      // to cost more than another's is not a tenth of the time.
      const a = randomNumbers(n)
      return () => sum(a, 16)
    },
  },
  {
    name: 'logarithmic: binary search in a sorted array',
    expected: 'log n',
    sizes: [100, 1_000, 10_000, 100_000],
    factory: (n) => {
      const a = sortedEvens(n)
      const keys = keysFor(n)
      let k = 0
      return () => binarySearch(a, keys[k++ & 63]!)
    },
  },
  {
    name: 'linear: sum of an array',
    expected: 'n',
    sizes: [100, 1_000, 10_000, 100_000],
    factory: (n) => {
      const a = randomNumbers(n)
      return () => sum(a)
    },
  },
  {
    name: 'n log n: sort a copy of an array',
    expected: 'n log n',
    sizes: [100, 1_000, 10_000, 100_000],
    factory: (n) => {
      // Several inputs in turn, about 100,000 numbers in all: sorting the same 100 numbers on
      // every call lets the branch predictor learn the whole sort, and the small sizes would
      // read several times faster per comparison than the large ones. The copy goes into a
      // buffer made once: a fresh typed array per call would add its allocation.
      const inputs = Array.from({ length: Math.ceil(100_000 / n) }, (_, i) => randomNumbers(n, 1000 + i))
      const copy = new Float64Array(n)
      let k = 0
      return () => {
        copy.set(inputs[k++ % inputs.length]!)
        return copy.sort()
      }
    },
  },
  {
    name: 'quadratic: compare every pair',
    expected: 'n^2',
    sizes: [10, 30, 100, 300, 1_000],
    factory: (n) => {
      const a = randomNumbers(n)
      return () => closePairs(a)
    },
  },
]
