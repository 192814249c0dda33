import { COMPLEXITY_CLASSES, type ComplexityFit } from '../model/scaling.js'
import { chooseClass, classFitter, TIME_FLOOR } from './growth-classes.js'
import { medianPolish } from './median-polish.js'
import { seededRandom } from './random.js'

/** Default confidence level of the exponent's interval and of the class shares. */
export const SCALING_CONFIDENCE = 0.95
/** Resamples of the rounds: enough for the 2.5 % and 97.5 % points of the exponent to settle, few enough to take tens of ms. */
export const SCALING_RESAMPLES = 500
/**
 * Least tolerance (in rms of the log residuals, about a relative error) within which a
 * slower-growing class is preferred to a better-fitting faster one. Real code is not an exact
 * class (caches, branch prediction, allocation): a few percent of misfit is its shape, not
 * faster growth. Over three decades of sizes neighbouring classes misfit each other's data by
 * 10 % and more, so this floor does not blur them; over one decade O(n log n) fits O(n) data
 * within it (see the tests).
 */
export const MIN_TOLERANCE = 0.03
/** The tolerance is at least this many times the noise of the per-size times (log scale). */
const NOISE_FACTOR = 2
const SEED = 0x5ca1e

/** How to fit. */
export interface ScalingFitOptions {
  /** Confidence level, in (0, 1). Default {@link SCALING_CONFIDENCE}. */
  confidence?: number
  /** Resamples of the rounds. Default {@link SCALING_RESAMPLES}. */
  resamples?: number
  /** Seed of the resampling: the same rounds always get the same verdict. */
  seed?: number
}

/** The per-size times and the fitted growth. */
export interface ScalingFitResult {
  /** Time per call at each size, ms: the centre over the rounds with each round's drift removed. */
  times: number[]
  fit: ComplexityFit
}

/** Least squares slope of `y` against `x`. */
function slope(x: readonly number[], y: ArrayLike<number>): number {
  const n = x.length
  const mx = x.reduce((s, v) => s + v, 0) / n
  let my = 0
  for (let i = 0; i < n; i++) my += y[i]!
  my /= n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my)
    sxx += (x[i]! - mx) ** 2
  }
  return sxx > 0 ? sxy / sxx : Number.NaN
}

/** Log time per size, each round's drift removed: median polish over rounds × sizes of log times. */
function centres(logs: readonly (readonly number[])[]): number[] {
  const { overall, columns } = medianPolish(logs)
  return columns.map((c) => overall + c)
}

/** The `q` quantile of sorted values, interpolated between ranks. */
function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  const high = Math.min(sorted.length - 1, low + 1)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low)
}

/**
 * Fits the growth of time with size from rounds of measurements (each round timed every size,
 * in its own order, within a short stretch of time).
 *
 * The machine drifts: a round that falls in a slow stretch is slower at every size. Working on
 * log times, a median polish splits each round's level from each size's level, so that drift
 * moves neither the curve nor its exponent, and one size caught alone by a slow stretch in one
 * round moves nothing. The exponent is the least squares slope of log time against log size;
 * its interval and the share of each class come from resampling whole rounds with replacement,
 * so they reflect how much the rounds disagree.
 *
 * @param sizes - sizes, increasing, at least 2
 * @param rounds - `rounds[r][i]`: round r's time per call at `sizes[i]`, ms
 */
export function fitScaling(sizes: readonly number[], rounds: readonly (readonly number[])[], options: ScalingFitOptions = {}): ScalingFitResult {
  const confidence = options.confidence ?? SCALING_CONFIDENCE
  const resamples = options.resamples ?? SCALING_RESAMPLES
  const random = seededRandom(options.seed ?? SEED)
  const x = sizes.map((n) => Math.log(n))
  const logs = rounds.map((row) => row.map((t) => Math.log(Math.max(t, TIME_FLOOR))))
  const main = centres(logs)
  const times = main.map((c) => Math.exp(c))
  const exponent = slope(x, main)

  // Resample whole rounds: the spread of what each resample gives is the between-round variation.
  const slopes = new Float64Array(resamples)
  const resampled: number[][] = []
  for (let b = 0; b < resamples; b++) {
    const picked = Array.from({ length: logs.length }, () => logs[Math.floor(random() * logs.length)]!)
    const c = centres(picked)
    resampled.push(c)
    slopes[b] = slope(x, c)
  }
  slopes.sort()
  const tail = (1 - confidence) / 2
  const interval: [number, number] = resamples > 0 ? [quantileSorted(slopes, tail), quantileSorted(slopes, 1 - tail)] : [exponent, exponent]

  // The noise of the curve's shape across resamples sets how close two fits may come and still
  // count as equally good. Its level does not count: a resample that picked more slow rounds is
  // slower at every size, which moves no fit's rms.
  let variance = 0
  if (resamples > 1) {
    const shapes = resampled.map((c) => {
      const level = c.reduce((s, v) => s + v, 0) / c.length
      return c.map((v) => v - level)
    })
    sizes.forEach((_, i) => {
      const mean = shapes.reduce((s, c) => s + c[i]!, 0) / resamples
      variance += shapes.reduce((s, c) => s + (c[i]! - mean) ** 2, 0) / (resamples - 1)
    })
    variance /= sizes.length
  }
  const tolerance = Math.max(MIN_TOLERANCE, NOISE_FACTOR * Math.sqrt(variance))

  const fitAll = classFitter(sizes)
  const classes = fitAll(times)
  const best = COMPLEXITY_CLASSES[chooseClass(classes, tolerance)]!
  const counts = new Array<number>(COMPLEXITY_CLASSES.length).fill(0)
  for (const c of resampled) counts[chooseClass(fitAll(c.map((v) => Math.exp(v))), tolerance)]! += 1
  let cumulative = 0
  const atMost = counts.map((count) => {
    cumulative += count
    return resamples > 0 ? cumulative / resamples : Number.NaN
  })
  return { times, fit: { exponent, interval, confidence, best, classes, atMost, tolerance, resamples } }
}
