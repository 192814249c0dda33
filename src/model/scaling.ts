import type { BenchResult } from './bench-result.js'

/**
 * The growth classes a scaling check can name, slowest-growing first: the one list that the
 * fit, the matcher, the parser and the reports read. A class is written as it reads in
 * `O(…)`: `'1'` is O(1), `'n^2'` is O(n²).
 */
export const COMPLEXITY_CLASSES = ['1', 'log n', 'n', 'n log n', 'n^2', 'n^3'] as const

/** One of {@link COMPLEXITY_CLASSES}. */
export type ComplexityClass = (typeof COMPLEXITY_CLASSES)[number]

/** How well one class explains the per-size times: the fit `time ≈ a + b·g(n)`, with `a, b ≥ 0`. */
export interface ClassFit {
  /** The class, e.g. `'n log n'`. */
  class: ComplexityClass
  /** The fixed part of the time per call, ms. */
  a: number
  /** The growing part: ms per call at the largest size, `b·g(nmax)`, ms. */
  b: number
  /** Root mean square of the relative residuals (natural log of measured over fitted): `0.03` is about 3 %. */
  rms: number
  /**
   * Share of the variance of the log times that the fit explains: 1 for an exact fit (also when the
   * times do not vary), below 0 when the fit is worse than a flat line through their mean.
   */
  r2: number
}

/** What the per-size times say about growth. */
export interface ComplexityFit {
  /** Slope of log(time) against log(n): 1 for time proportional to n, 2 for n². */
  exponent: number
  /** Confidence interval of `exponent`, from resampling the rounds. */
  interval: [number, number]
  /** Confidence level of `interval` and of `atMost`, e.g. `0.95`. */
  confidence: number
  /** The class the data look like: the slowest-growing one that fits within `tolerance` of the best fit. */
  best: ComplexityClass
  /** Every class's fit, in the order of {@link COMPLEXITY_CLASSES}. */
  classes: ClassFit[]
  /**
   * Share of the resamples of the rounds classified as each class or a slower-growing one, in the
   * order of {@link COMPLEXITY_CLASSES}: `atMost[2]` is the share that looked like O(n) or less.
   */
  atMost: number[]
  /** How much worse (in `rms`) a slower-growing class may fit than the best and still be chosen. */
  tolerance: number
  /** Resamples of the rounds behind `interval` and `atMost`. */
  resamples: number
}

/** One size of a scaling check. Times in ms per call. */
export interface ScalingPoint {
  /** The input size given to the factory. */
  size: number
  /** Time per call at this size: its centre over the rounds, each round's drift taken out (ms). */
  time: number
  /** Each round's median time per call at this size, in the order the rounds ran (ms). */
  rounds: number[]
  /** Everything measured at this size, as `bench()` reports it (samples of every round together). */
  result: BenchResult
}

/** What `benchScaling()` measured. */
export interface ScalingResult {
  /** Stable id: test file, describe blocks, test name and the check's name, joined by ` > `. */
  id: string
  /** The name given to `benchScaling()`. */
  name: string
  /** The sizes, smallest first. */
  points: ScalingPoint[]
  /** The fitted growth. */
  fit: ComplexityFit
  /** Rounds over all the sizes. */
  rounds: number
  /** Things that make the fit doubtful, in words a user can act on. */
  warnings: string[]
}
