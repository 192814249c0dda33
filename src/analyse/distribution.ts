import { LatencyHistogram } from './histogram.js'

/**
 * A latency distribution as sorted distinct values with their counts: what a decoded HDR
 * histogram holds. Plain data, so statistics on it can be tested with made-up distributions.
 */
export interface Distribution {
  /** Distinct values in increasing order, ms. */
  values: number[]
  /** How many samples had each value. */
  counts: number[]
  /** Total count (sum of `counts`). */
  n: number
}

/** Builds a distribution from `[value ms, count]` pairs (any order; equal values merge). */
export function distributionOf(pairs: ReadonlyArray<readonly [number, number]>): Distribution {
  const sorted = pairs.filter(([, c]) => c > 0).sort((x, y) => x[0] - y[0])
  const values: number[] = []
  const counts: number[] = []
  for (const [v, c] of sorted) {
    if (values.length && values[values.length - 1] === v) counts[counts.length - 1]! += c
    else {
      values.push(v)
      counts.push(c)
    }
  }
  return { values, counts, n: counts.reduce((s, c) => s + c, 0) }
}

/** Builds a distribution from raw samples (ms). */
export function distributionOfSamples(samples: readonly number[]): Distribution {
  return distributionOf(samples.map((v) => [v, 1] as const))
}

/**
 * Decodes a histogram as stored in results and baselines (HdrHistogram compressed base64 of
 * picoseconds). The one decoder: the noise check reads distributions through it, and the
 * checks of baseline and results files ask it whether a histogram is usable.
 *
 * @throws Error saying why the text is not a usable histogram (the decoder's reason, or no samples)
 */
export function decodeHistogram(base64: string): Distribution {
  const d = distributionOf(LatencyHistogram.decode(base64).buckets())
  if (d.n === 0) throw new Error('it holds no samples')
  return d
}

/**
 * {@link decodeHistogram}, or `undefined` when the field is absent or not a usable histogram:
 * files are checked when read, so here a damaged field only costs the noise check, never the run.
 */
export function decodeDistribution(base64: string | undefined): Distribution | undefined {
  if (!base64) return undefined
  try {
    return decodeHistogram(base64)
  } catch {
    return undefined
  }
}

/**
 * The value of the sample of 1-based rank `rank` (clamped into 1..n) in increasing order.
 */
export function valueAtRank(d: Distribution, rank: number): number {
  const target = Math.min(d.n, Math.max(1, Math.ceil(rank)))
  let seen = 0
  for (let i = 0; i < d.values.length; i++) {
    seen += d.counts[i]!
    if (seen >= target) return d.values[i]!
  }
  return d.values[d.values.length - 1] ?? Number.NaN
}

/** Quantile `q` in 0..1 of a distribution (the sample at rank ⌈q·n⌉). */
export function quantile(d: Distribution, q: number): number {
  return valueAtRank(d, q * d.n)
}

/** Mean of a distribution, ms (of its bucket values: within a histogram's precision of the samples' mean). */
export function meanOf(d: Distribution): number {
  let sum = 0
  for (let i = 0; i < d.values.length; i++) sum += d.values[i]! * d.counts[i]!
  return d.n > 0 ? sum / d.n : Number.NaN
}

/**
 * Distribution-free confidence interval of the quantile `q` (0..1): the samples whose ranks
 * are n·q ∓ z·√(n·q·(1−q)), from the binomial law of the number of samples below the true
 * quantile. It needs no assumption about the shape of the distribution, which for latencies
 * (skewed, multi-modal) matters.
 *
 * @param z - normal quantile of the wanted confidence, e.g. 2.576 for 99 % two-sided
 * @returns `[low, high]` in ms
 */
export function quantileInterval(d: Distribution, q: number, z: number): [number, number] {
  const centre = d.n * q
  const spread = z * Math.sqrt(d.n * q * (1 - q))
  return [valueAtRank(d, Math.floor(centre - spread)), valueAtRank(d, Math.ceil(centre + spread) + 1)]
}

/** A distribution cut into equal-width bins: what a histogram chart draws. */
export interface Bins {
  /** Lower edge of each bin, then the upper edge of the last, ms. */
  edges: number[]
  /** Share of all samples in each bin, 0 to 1; samples outside the edges are left out. */
  shares: number[]
  /** Share of samples above the last edge (the tail a chart leaves out). */
  above: number
}

/**
 * `d` in `count` equal-width bins from its 1st to its 99th percentile: the body of the
 * distribution, where a chart can show a shape; the 1 % beyond on either side would squeeze it
 * into one bar. Bins are empty when all samples are equal.
 */
export function binsOf(d: Distribution, count: number): Bins {
  const lo = quantile(d, 0.01)
  const hi = quantile(d, 0.99)
  const width = (hi - lo) / count
  const edges = Array.from({ length: count + 1 }, (_, i) => lo + i * width)
  const shares = new Array<number>(count).fill(0)
  let above = 0
  if (!(width > 0)) return { edges: [lo, hi], shares: [1], above: 0 }
  d.values.forEach((v, i) => {
    const c = d.counts[i]! / d.n
    if (v > hi) above += c
    else if (v >= lo) shares[Math.min(count - 1, Math.floor((v - lo) / width))]! += c
  })
  return { edges, shares, above }
}
