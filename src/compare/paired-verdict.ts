import { batchMeansChange, MIN_BATCH_PAIRS } from '../analyse/batch-means.js'
import type { AbNeeds } from '../model/ab.js'

/**
 * The verdict of an A/B comparison from its pairs of blocks, looked at again and again while the
 * pairs come in (sequential): pure, no clock, no I/O.
 */

/** When a comparison is looked at: after `first` pairs, then each time the pairs grew by `growth`, at most `max` times. */
export interface LookPlan {
  /** Pairs at the first look. Default 16. */
  first: number
  /** Factor between the pairs of two looks, above 1. Default 1.5. */
  growth: number
  /** Looks at most; the confidence of each is corrected for this many. Default 12 (16 … 1384 pairs). */
  max: number
}

/**
 * The smallest estimate that reads as slower at threshold `T` when the interval lies above 0
 * but within ±T: a third of T in logs, ∛(1 + T) − 1 (a ratio of 1.032 at T = 10 %), as a
 * fraction. A third rather than the middle, so that a change of T / 2 reads slower more often
 * than not (see {@link decide}).
 */
export function slowerFrom(threshold: number): number {
  return Math.cbrt(1 + threshold) - 1
}

/** The mirror of {@link slowerFrom} for faster: ∛(1 − T) − 1 (−3.4 % at T = 10 %). */
export function fasterFrom(threshold: number): number {
  return Math.cbrt(Math.max(0, 1 - threshold)) - 1
}

/**
 * Whether an estimate lies within a sixth of T of 0, in logs (±1.6 % at T = 10 %): where an
 * interval at a benchmark's own confidence may call it unchanged (see {@link lookAtPairs}). Half
 * of {@link slowerFrom}'s third, so that a change of T whose pair of processes happens to read low
 * seldom lands there.
 */
export function nearZero(change: number, threshold: number): boolean {
  return Math.abs(Math.log1p(change)) < Math.log1p(threshold) / 6
}

/**
 * Two-sided confidence of the screening interval of a look (see {@link lookAtPairs}): used only
 * when every suspect is measured again in fresh processes, which decide it.
 */
export const SCREEN_CONFIDENCE = 0.99

/** The default {@link LookPlan}: 16, 24, 36, 54, 81, … pairs, 12 looks. */
export const DEFAULT_LOOKS: Readonly<LookPlan> = { first: 16, growth: 1.5, max: 12 }

/** The pairs at each look of `plan`, increasing. */
export function lookSchedule(plan: LookPlan = DEFAULT_LOOKS): number[] {
  const looks: number[] = []
  for (let i = 0, at = plan.first; i < plan.max; i++, at *= plan.growth) looks.push(Math.max(looks.length ? looks[looks.length - 1]! + 1 : 1, Math.round(at)))
  return looks
}

/**
 * The two-sided confidence of the interval at one look, such that over `benchmarks` comparisons
 * of `looks` looks each, the chance that any interval misses its true change is at most
 * `1 - familyConfidence` (Bonferroni over both: the looks of one comparison are not independent,
 * so this is conservative; Holm's step-down would need every benchmark's final p-value at once,
 * and a sequential verdict is given as each comparison ends).
 */
export function lookConfidence(familyConfidence: number, benchmarks: number, looks: number): number {
  return 1 - (1 - familyConfidence) / (Math.max(1, benchmarks) * Math.max(1, looks))
}

/** What one look decides: a verdict, or `undecided` (take more pairs, or, at the last look, inconclusive). */
export type PairedDecision = 'slower' | 'faster' | 'unchanged' | 'undecided'

/** One look at the pairs of blocks so far. */
export interface PairedLook {
  decision: PairedDecision
  /** Geometric mean of the pairs' ratios head / base, minus 1; `NaN` with no usable pair. */
  change: number
  /** Its interval at `confidence`; `[NaN, NaN]` while the pairs are too few for one. */
  interval: [number, number]
  confidence: number
  /** Pairs used (both figures finite and above 0). */
  pairs: number
}

/**
 * Decides from the change's estimate and interval, `threshold` T a fraction:
 * - `slower` when the interval lies wholly above 0 and either reaches T or the estimate is at
 *   least about T / 3 (∛(1 + T) − 1, a third in logs); `faster` likewise below 0;
 * - `unchanged` when it lies wholly within (−T, +T) otherwise: any change is smaller than T;
 * - else `undecided`.
 *
 * Taken at every look, this is a sequential test between "no change" and "a change of T": while
 * the interval narrows, a change above T / 2 leaves 0 behind before it fits under T, one below
 * T / 2 fits under T first, and when one look finds both, the estimate's side of T / 3 decides.
 * So a change of T is flagged nearly always, no change nearly never (at most the interval's
 * error rate); a small bias between the sides is never flagged. (A rule that flagged only
 * intervals wholly above T would miss half of the changes of exactly T.)
 */
export function decide(change: number, interval: readonly [number, number], threshold: number): PairedDecision {
  const [lo, hi] = interval
  if (!(lo <= hi)) return 'undecided'
  const within = lo > -threshold && hi < threshold
  if (lo > 0 && (!within || change >= slowerFrom(threshold))) return 'slower'
  if (hi < 0 && (!within || change <= fasterFrom(threshold))) return 'faster'
  return within ? 'unchanged' : 'undecided'
}

/** The confidences of a look (see {@link lookAtPairs}), two-sided. */
export interface LookConfidence {
  /** Of the interval that decides, corrected for the run's benchmarks and the looks (see {@link lookConfidence}). */
  confidence: number
  /**
   * Of the screening interval, when every suspect is measured again in fresh processes, which
   * decide it (e.g. {@link SCREEN_CONFIDENCE}); absent: no screen.
   */
  screen?: number
  /**
   * The screen applies whatever the upper end of the corrected interval (the run's own pass),
   * not only under +T: a change of T or more in a noisy benchmark keeps its corrected interval
   * past +T for hundreds of pairs, and was suspected only once that interval left 0 behind.
   * Absent (fresh rounds): only a look whose corrected interval fits under +T is screened, since
   * a round stopped on an early, wide look reads its change high, and the rounds' agreement
   * counts that change. Default `false`.
   */
  screenAnyWidth?: boolean
  /**
   * Of the interval that may call an estimate near 0 unchanged, corrected for the looks only
   * (`lookConfidence(gate, 1, looks)`); absent: only `confidence` calls anything unchanged.
   */
  equivalence?: number
}

/**
 * Looks at the pairs: the per-pair log ratio head / base, their mean and its interval at
 * `confidence` by the method of batch means (see `batchMeansChange`: neighbouring pairs share a
 * process's slow stretches), and the {@link decide} of it.
 *
 * With `screen` (a confidence below `confidence`, e.g. {@link SCREEN_CONFIDENCE}), a look that
 * would not call the change slower does so when its interval lies below +T (or whatever its
 * width, with `screenAnyWidth`), the interval at
 * `screen` lies wholly above 0 and the estimate is at least {@link slowerFrom}: a suspect, for
 * callers that measure every suspect again in fresh processes and let those decide. The screen
 * moves the coin flip of the sequential test from T / 2 towards T / 3 (the narrower interval
 * leaves 0 behind sooner), so that a change of T / 2 is flagged more often than not; the look
 * then reports the screening interval and its confidence.
 *
 * With `equivalence`, a look still undecided whose estimate lies near 0 ({@link nearZero}: within
 * a sixth of T, in logs) is unchanged when the interval at `equivalence` lies within (−T, +T).
 * Why a confidence of its own: `confidence` is corrected for every benchmark of the run so that no
 * unchanged one is flagged, a family-wise error; calling a benchmark unchanged wrongly misses that
 * one benchmark's change, an error of its own, which a correction for the looks bounds. A change
 * of T seldom reads that near 0, and one that reads further off is held to `confidence` as before;
 * an unchanged benchmark, most of a run, is decided on fewer pairs. The look then reports that
 * interval and its confidence.
 *
 * @param base - per pair, base's figure of its block (any unit, the same for both), in time order
 * @param head - per pair, head's figure of its block
 */
export function lookAtPairs(base: ArrayLike<number>, head: ArrayLike<number>, threshold: number, confidences: LookConfidence): PairedLook {
  const { confidence, screen, equivalence, screenAnyWidth = false } = confidences
  const paired = batchMeansChange(head, base, confidence)
  const interval: [number, number] = paired.interval ?? [Number.NaN, Number.NaN]
  const look: PairedLook = { decision: decide(paired.change, interval, threshold), change: paired.change, interval, confidence, pairs: paired.pairs }
  if (look.decision === 'slower' || look.decision === 'faster') return look
  if (screen !== undefined && (screenAnyWidth || interval[1] < threshold) && paired.change >= slowerFrom(threshold)) {
    const narrow = batchMeansChange(head, base, screen).interval
    if (narrow && narrow[0] > 0) return { ...look, decision: 'slower', interval: [narrow[0], narrow[1]], confidence: screen }
  }
  if (equivalence !== undefined && look.decision === 'undecided' && nearZero(paired.change, threshold)) {
    const within = batchMeansChange(head, base, equivalence).interval
    if (within && within[0] > -threshold && within[1] < threshold) return { ...look, decision: 'unchanged', interval: [within[0], within[1]], confidence: equivalence }
  }
  return look
}

/**
 * What an undecided look would need for a verdict: the pairs in all at which its interval would
 * likely be narrow enough for one, assuming its width shrinks as 1 / √pairs and the estimate
 * stays where it is; and those pairs at `msPerPair`. With no interval yet, the pairs that give one.
 */
export function pairsNeeded(look: PairedLook, threshold: number, msPerPair: number): AbNeeds {
  const [lo, hi] = look.interval
  let pairs: number
  if (!(lo <= hi) || !Number.isFinite(look.change)) pairs = Math.max(look.pairs + 1, MIN_BATCH_PAIRS)
  else {
    // In logs, where the interval is about symmetric: half its width now, and the half width at
    // which one of the three verdicts would be reached.
    const half = (Math.log1p(hi) - Math.log1p(lo)) / 2
    const centre = Math.log1p(look.change)
    const up = Math.log1p(threshold)
    const down = threshold < 1 ? -Math.log1p(-threshold) : Number.POSITIVE_INFINITY
    const target = Math.max(Math.min(up - centre, centre + down), Math.abs(centre))
    pairs = target > 0 && half > 0 ? Math.ceil(look.pairs * (half / target) ** 2) : look.pairs + 1
    pairs = Math.max(look.pairs + 1, pairs)
  }
  return { pairs, ms: Math.round(pairs * msPerPair) }
}
