import type { Distribution } from './distribution.js'
import { beta, seededRandom } from './random.js'

/** Default two-sided confidence level of the interval of the change. */
export const DEFAULT_CONFIDENCE = 0.95
/** Bootstrap resamples: enough for the 2.5 % and 97.5 % points to move by well under 1 % of the interval. */
export const DEFAULT_RESAMPLES = 2_000
const DEFAULT_SEED = 0x5eed

/** How to compare two latency distributions. */
export interface ComparisonOptions {
  /** Speed-up required of `a`, as a fraction: `0.1` means a's median at most 90 % of b's. Default `0`. */
  by?: number
  /** Two-sided confidence level of the interval, in (0, 1). Default `0.95`. */
  confidence?: number
  /** Bootstrap resamples. Default `2000`. */
  resamples?: number
  /** Seed of the resampling, so that the same data always gets the same verdict. */
  seed?: number
}

/** The outcome of {@link compareLatency}. Medians in ms; changes as fractions (−0.25: 25 % faster). */
export interface LatencyComparison {
  medianA: number
  medianB: number
  /** Samples in each distribution. */
  nA: number
  nB: number
  /** `medianA / medianB − 1`: negative when `a` is faster. */
  change: number
  /** Bootstrap percentile interval of `change` at `confidence`. */
  interval: [number, number]
  confidence: number
  by: number
  /** Whether the whole interval lies below `−by`: `a` is faster by at least `by`, with confidence. */
  faster: boolean
}

/**
 * An empirical distribution's quantile function, by binary search over cumulative counts: the
 * bootstrap asks it thousands of times, where {@link Distribution}'s linear rank lookup would do.
 */
class Quantiles {
  readonly n: number
  private readonly values: readonly number[]
  private readonly cumulative: Float64Array

  constructor(d: Distribution) {
    this.values = d.values
    this.cumulative = new Float64Array(d.counts.length)
    let total = 0
    d.counts.forEach((count, i) => {
      total += count
      this.cumulative[i] = total
    })
    this.n = total
  }

  /** The value at rank `ceil(u · n)` (1-based), for u in [0, 1). */
  at(u: number): number {
    const rank = Math.max(1, Math.ceil(u * this.n))
    let lo = 0
    let hi = this.values.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid]! >= rank) hi = mid
      else lo = mid + 1
    }
    return this.values[lo]!
  }
}

/**
 * Is `a` faster than `b`? Compares the medians of two latency distributions with a bootstrap
 * percentile interval of the ratio of medians. Each resample's median is drawn exactly without
 * resampling every value: the k-th smallest of n draws from a distribution is its quantile
 * function at a Beta(k, n − k + 1) variate, so one resample costs O(log buckets) whatever n is.
 * `a` is judged faster only when the whole interval lies below `−by`: with two runs of the same
 * code, that happens with probability at most (1 − confidence) / 2 (2.5 % at the default 95 %).
 *
 * The bootstrap assumes independent samples; consecutive timings on a busy machine are not quite
 * that, which is why callers add a noise floor to `by` (see `expectLatency(…).toBeFasterThan`).
 */
export function compareLatency(a: Distribution, b: Distribution, options: ComparisonOptions = {}): LatencyComparison {
  const by = options.by ?? 0
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  const resamples = options.resamples ?? DEFAULT_RESAMPLES
  const qa = new Quantiles(a)
  const qb = new Quantiles(b)
  if (qa.n < 1 || qb.n < 1) throw new RangeError('compareLatency() needs at least one sample in each distribution')
  const medianA = qa.at(0.5)
  const medianB = qb.at(0.5)

  const random = seededRandom(options.seed ?? DEFAULT_SEED)
  const ka = Math.ceil(qa.n / 2)
  const kb = Math.ceil(qb.n / 2)
  const logRatios = new Float64Array(resamples)
  for (let i = 0; i < resamples; i++) {
    const ma = qa.at(beta(random, ka, qa.n - ka + 1))
    const mb = qb.at(beta(random, kb, qb.n - kb + 1))
    logRatios[i] = Math.log(ma / mb)
  }
  logRatios.sort()
  const tail = (1 - confidence) / 2
  const point = (p: number) => Math.expm1(logRatios[Math.min(resamples - 1, Math.max(0, Math.floor(p * resamples)))]!)
  const interval: [number, number] = [point(tail), point(1 - tail)]
  return {
    medianA,
    medianB,
    nA: qa.n,
    nB: qb.n,
    change: medianA / medianB - 1,
    interval,
    confidence,
    by,
    faster: interval[1] < -by,
  }
}
