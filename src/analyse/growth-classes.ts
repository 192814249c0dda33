import { COMPLEXITY_CLASSES, type ClassFit, type ComplexityClass } from '../model/scaling.js'

/** How each class grows with n, up to a constant factor. */
const GROWTH: Record<ComplexityClass, (n: number) => number> = {
  '1': () => 0,
  'log n': (n) => Math.log(n),
  n: (n) => n,
  'n log n': (n) => n * Math.log(n),
  'n^2': (n) => n * n,
  'n^3': (n) => n * n * n,
}

/** A time below this (ms, a femtosecond) is taken as this, so that its log stays finite. */
export const TIME_FLOOR = 1e-12

/** Fits every class to the times measured at fixed sizes. */
export type ClassFitter = (times: ArrayLike<number>) => ClassFit[]

/**
 * Prepares the fits of every class at `sizes` (each at least 1), for times given later: the fit
 * of each class is `time ≈ a + b·g(n)/g(nmax)` with `a, b ≥ 0`, by least squares on relative
 * errors (each point weighted by 1/time², so that the small sizes count as much as the large
 * ones). The fixed part `a` is the cost of a call whatever its size: without it, a function
 * whose call costs more than its O(log n) work would look O(1), and every class would bend at the
 * small sizes. Both parts are kept non-negative, so a class cannot mimic a faster-growing one
 * with a negative fixed cost.
 *
 * The fits come in the order of {@link COMPLEXITY_CLASSES}; see {@link ClassFit} for their figures.
 */
export function classFitter(sizes: readonly number[]): ClassFitter {
  const shapes = COMPLEXITY_CLASSES.map((cls) => {
    const grow = GROWTH[cls]
    const top = grow(Math.max(...sizes))
    return Float64Array.from(sizes, (n) => (top > 0 ? grow(n) / top : 0))
  })
  return (times) => COMPLEXITY_CLASSES.map((cls, k) => fitShape(cls, shapes[k]!, times))
}

/** Every class fitted to the times at `sizes`, in the order of {@link COMPLEXITY_CLASSES}. */
export function fitClasses(sizes: readonly number[], times: ArrayLike<number>): ClassFit[] {
  return classFitter(sizes)(times)
}

function fitShape(cls: ComplexityClass, g: Float64Array, times: ArrayLike<number>): ClassFit {
  const count = g.length
  let s = 0
  let sg = 0
  let sgg = 0
  let st = 0
  let sgt = 0
  for (let i = 0; i < count; i++) {
    const t = Math.max(times[i]!, TIME_FLOOR)
    const w = 1 / (t * t)
    s += w
    sg += w * g[i]!
    sgg += w * g[i]! * g[i]!
    st += w * t
    sgt += w * g[i]! * t
  }
  // Weighted squared relative error of a candidate (a, b).
  const error = (a: number, b: number) => {
    let sum = 0
    for (let i = 0; i < count; i++) {
      const t = Math.max(times[i]!, TIME_FLOOR)
      sum += ((t - a - b * g[i]!) / t) ** 2
    }
    return sum
  }
  let a = st / s
  let b = 0
  const det = s * sgg - sg * sg
  if (cls !== '1' && det > 0) {
    const freeA = (sgg * st - sg * sgt) / det
    const freeB = (s * sgt - sg * st) / det
    if (freeA >= 0 && freeB >= 0) {
      a = freeA
      b = freeB
    } else if (sgt / sgg > 0 && error(0, sgt / sgg) < error(a, 0)) {
      // The constrained optimum of a two-parameter least squares lies on a boundary when the free
      // one is outside the box: the fixed part alone (b = 0, as set), or the growing part alone.
      a = 0
      b = sgt / sgg
    }
  }
  return { class: cls, a, b, ...quality(g, times, a, b) }
}

/** The root mean square of the log residuals, and the share of the log variance explained. */
function quality(g: Float64Array, times: ArrayLike<number>, a: number, b: number): { rms: number; r2: number } {
  const count = g.length
  let mean = 0
  for (let i = 0; i < count; i++) mean += Math.log(Math.max(times[i]!, TIME_FLOOR))
  mean /= count
  let residual = 0
  let total = 0
  for (let i = 0; i < count; i++) {
    const y = Math.log(Math.max(times[i]!, TIME_FLOOR))
    residual += (y - Math.log(Math.max(a + b * g[i]!, TIME_FLOOR))) ** 2
    total += (y - mean) ** 2
  }
  const rms = Math.sqrt(residual / count)
  // Times that do not vary leave nothing to explain: an exact fit explains all of it.
  const r2 = total > 1e-24 ? 1 - residual / total : residual <= 1e-24 ? 1 : 0
  return { rms, r2 }
}

/**
 * The class the fits say the times look like: the slowest-growing one whose fit is within
 * `tolerance` (in rms) of the best fit. Every class contains the constant (b = 0), and a
 * faster-growing class can follow the noise a little better than the true one, so a faster
 * growth must fit clearly better to be named.
 *
 * @returns the index of the class in {@link COMPLEXITY_CLASSES}
 */
export function chooseClass(fits: readonly ClassFit[], tolerance: number): number {
  let best = Number.POSITIVE_INFINITY
  for (const f of fits) best = Math.min(best, f.rms)
  return fits.findIndex((f) => f.rms <= best + tolerance)
}

/** A class's fitted time per call at each of `sizes` (the sizes it was fitted at), ms. */
export function fittedTimes(fit: ClassFit, sizes: readonly number[]): number[] {
  const grow = GROWTH[fit.class]
  const top = grow(Math.max(...sizes))
  return sizes.map((n) => fit.a + (top > 0 ? (fit.b * grow(n)) / top : 0))
}
