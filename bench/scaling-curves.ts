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

/** Keys to look up, cycling through 4,096 spread over the range, so that the branch predictor cannot learn the searches. */
function keysFor(n: number): Float64Array {
  return randomNumbers(4096, 777).map((u) => Math.floor(u * 2 * n))
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

function sum(a: Float64Array): number {
  let total = 0
  for (let i = 0; i < a.length; i++) total += a[i]!
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
    name: 'constant: first plus last of a sorted array',
    expected: '1',
    sizes: [100, 1_000, 10_000, 100_000],
    factory: (n) => {
      const a = sortedEvens(n)
      let k = 0
      return () => a[(k++ & 1) * (a.length - 1)]! + a.length
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
      return () => binarySearch(a, keys[k++ & 4095]!)
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
