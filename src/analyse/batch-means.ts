import { logRatios, type PairedChange } from './paired-change.js'
import { tQuantile } from './student-t.js'

/** Batches at most, in {@link batchMeansChange}. */
export const MAX_BATCHES = 16

/** Fewest pairs that give an interval: two batches of two. */
export const MIN_BATCH_PAIRS = 4

/**
 * A change of head against base read by {@link batchMeansChange}: the shape of {@link PairedChange},
 * but `change` is the geometric mean of the per-pair ratios less 1 (not a Hodges–Lehmann
 * estimate) and its interval is Student's t over the batches' means of the log ratios (not a
 * signed-rank interval), with the batches it came from.
 */
export interface BatchMeansChange extends PairedChange {
  /** Batches of consecutive pairs the interval came from; 0 with too few pairs for one. */
  batches: number
}

/**
 * The typical ratio of `a[i]` to `b[i]` over pairs measured one after another, when neighbouring
 * pairs are not independent: the geometric mean of the ratios, with the confidence interval of
 * the method of batch means. The pairs' log ratios are cut, in time order, into up to
 * {@link MAX_BATCHES} batches of consecutive pairs (half as many as the pairs while they are
 * few); the interval is Student's t over the batches' means.
 *
 * Why batches: a process can run a benchmark in a slower mode (its heap, its JIT state) for a
 * stretch of tens of blocks, on one side only, so neighbouring pairs share their error. An
 * interval that takes each pair as independent (the signed-rank interval of `pairedChange`) is
 * then far too narrow and flags such a stretch as a change; the spread between batches counts it
 * once per batch, widening the interval where the pairs move together and not where they do not.
 * Pairs with a figure that is not finite, or not above 0, are left out.
 *
 * @param confidence - two-sided confidence level of the interval, in (0, 1)
 */
export function batchMeansChange(a: ArrayLike<number>, b: ArrayLike<number>, confidence: number): BatchMeansChange {
  const logs = logRatios(a, b, 0)
  const n = logs.length
  if (n === 0) return { change: Number.NaN, pairs: 0, confidence, batches: 0 }
  let sum = 0
  for (const d of logs) sum += d
  const centre = sum / n
  const result: BatchMeansChange = { change: Math.expm1(centre), pairs: n, confidence, batches: 0 }
  if (n < MIN_BATCH_PAIRS) return result
  const k = Math.min(MAX_BATCHES, Math.floor(n / 2))
  const means: number[] = []
  for (let i = 0; i < k; i++) {
    const start = Math.floor((i * n) / k)
    const end = Math.floor(((i + 1) * n) / k)
    let s = 0
    for (let j = start; j < end; j++) s += logs[j]!
    means.push(s / (end - start))
  }
  const mean = means.reduce((x, y) => x + y, 0) / k
  const sd = Math.sqrt(means.reduce((x, y) => x + (y - mean) ** 2, 0) / (k - 1))
  const half = (tQuantile(1 - (1 - confidence) / 2, k - 1) * sd) / Math.sqrt(k)
  result.batches = k
  result.interval = [Math.expm1(centre - half), Math.expm1(centre + half)]
  return result
}
