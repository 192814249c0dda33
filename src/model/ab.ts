import type { BaselineMetric } from './metrics.js'

/**
 * The data of `perfspec ab`: the base revision and the working tree measured in one job, their
 * benchmarks taking turns, and the verdict per benchmark. Verdicts are data; the words for them
 * live in `report/`.
 */

/** The two revisions of an A/B run: `base` (the merge-base, or `--base`) and `head` (the working tree). */
export type AbSide = 'base' | 'head'

/** Both sides, in the order reports list them. */
export const AB_SIDES: readonly AbSide[] = ['base', 'head']

/**
 * The figure of a block that the A/B gate compares: `'typical'`, the median per-call time of the
 * block (the default), or one of the gate metrics of a block's calls.
 */
export type AbMetric = 'typical' | BaselineMetric

/** The A/B gate: which figure of a block, how large a change matters, and how sure a verdict must be. */
export interface AbGate {
  /** Figure of each block compared. Default `'typical'`. */
  metric: AbMetric
  /**
   * The change that matters, as a fraction (`0.1`: 10 %): a change this large is flagged, no change
   * is not, and changes of about half of it are the coin flips (see `docs/ab.md`). Default `0.1`.
   */
  threshold: number
  /**
   * Family-wise confidence over all benchmarks of the run and all looks at each, in (0, 1): the
   * chance that any benchmark with no change is flagged is at most `1 - confidence`. Default `0.95`.
   */
  confidence?: number
}

/** The default A/B gate: the typical call, 10 %, 95 % family-wise. */
export const DEFAULT_AB_GATE: Readonly<Required<AbGate>> = { metric: 'typical', threshold: 0.1, confidence: 0.95 }

/**
 * What an A/B comparison of one benchmark concluded:
 * - `slower` / `faster`: head is slower / faster than base, and not shown to be within the threshold;
 * - `unchanged`: the change lies within ± the threshold;
 * - `inconclusive`: the time cap (or the partner's end) came first; `needs` says what it would take;
 * - `alone`: measured on one side only (`side`), with no partner to compare with (`reason`).
 */
export type AbStatus = 'slower' | 'faster' | 'unchanged' | 'inconclusive' | 'alone'

/**
 * Why a benchmark was measured alone, or why its comparison ended before a verdict:
 * - `partner-ended`: the other side's process for this file ended (or was never started: a file on one side only);
 * - `partner-timeout`: the other side did not reach this benchmark within the partner wait;
 * - `partner-elsewhere`: the other side is waiting on another benchmark (the two run in a different order);
 * - `partner-failed`: the other side's benchmark ended mid-comparison (its code threw, it was stopped, its connection closed);
 * - `busy`: this side already measures another benchmark in the same process (concurrent tests);
 * - `time-cap`: the comparison reached its time cap;
 * - `look-cap`: the comparison reached its last planned look;
 * - `not-confirmed`: it read slower, and the pairs of fresh processes that measured it again did
 *   not agree, or none could (see `rounds`);
 * - `retried`: its test was retried on one side (`side`) after an attempt that measured it: the
 *   attempt that counts, the last, has no partner, so what the earlier one read is no verdict
 *   (an `inconclusive` comparison with no figures, which leaves the run not decided when gated).
 */
export type AbReason = 'partner-ended' | 'partner-timeout' | 'partner-elsewhere' | 'partner-failed' | 'busy' | 'time-cap' | 'look-cap' | 'not-confirmed' | 'retried'

/** One side's own figures in a comparison. */
export interface AbSideFigures {
  /** Median over its blocks of the compared figure, ns per call; `NaN` when it has no block. */
  typicalNs: number
  /** Its blocks. */
  n: number
}

/** What an inconclusive comparison would need for a verdict, as data. */
export interface AbNeeds {
  /** Pairs of blocks in all (not more) at which the interval would likely be narrow enough, estimated from its width so far. */
  pairs: number
  /** That many pairs at the pace of this run, ms. */
  ms: number
}

/** The A/B comparison of one benchmark: head against base, from pairs of blocks measured in turn. */
export interface AbComparison {
  /** The benchmark's id (file, describe blocks, test, name; see `entryId`). */
  id: string
  /** Test file, relative to the project root, `/` separators. */
  file: string
  /**
   * The test's title path as ids write it (`a > b`): each part printable, a ` > ` inside a part
   * escaped (`a \> b`, see `idPart`), so that describe `a` with test `b` and a test named
   * `'a > b'` read apart; `''` outside a test.
   */
  test: string
  /** The test's title path as the test file gives it (describe blocks, then the test): raw. */
  titles: string[]
  /** The benchmark's name. */
  name: string
  status: AbStatus
  /** The side that measured, when `status` is `alone`; with reason `retried`, the side whose test was retried (absent: both). */
  side?: AbSide
  /** Why it is alone, or why it ended without a verdict. */
  reason?: AbReason
  /** Pairs of blocks compared. */
  pairs: number
  base: AbSideFigures
  head: AbSideFigures
  /** The figure compared. */
  metric: AbMetric
  /** Typical change head / base − 1 (the geometric mean of the pairs' ratios); `NaN` with no pair. */
  change: number
  /** Its confidence interval (batch means), `[NaN, NaN]` when the pairs are still too few for one. */
  interval: [number, number]
  /** Confidence of `interval`, after the corrections for the benchmarks and the looks. */
  confidence: number
  /** The gate's threshold, a fraction: the run's, or the benchmark's own (`baseline: { threshold }`). */
  threshold: number
  /**
   * `false` when the benchmark is not gated: its bench opted out (`baseline: false`) or its test
   * is expected to fail (`test.fails`, `test.failing`). Its verdict is reported, never fails the
   * run, and is not measured again. Absent: gated.
   */
  gated?: false
  /** Time from the pairing to the verdict, ms. */
  ms: number
  /** Set when `status` is `inconclusive` and more pairs could decide. */
  needs?: AbNeeds
  /**
   * When it read slower, what each pair of processes read, this one's first: the suspect's file
   * runs again in fresh processes to confirm it (see `confirmSlower`).
   */
  rounds?: AbRound[]
}

/** Whether a comparison that reads slower fails the run: one whose benchmark is gated (see `AbComparison.gated`). */
export function failsAbRun(c: Pick<AbComparison, 'status' | 'gated'>): boolean {
  return c.status === 'slower' && c.gated !== false
}

/** What one pair of processes read of a benchmark. */
export interface AbRound {
  /** Head's change against base in this round, a fraction (`0.05`: 5 % slower). */
  change: number
  /** Its interval at the comparison's confidence, fractions. */
  interval: [number, number]
  /** Pairs of blocks the round took. */
  pairs: number
  /** Each side's typical figure in this round, ns per call (the compared metric's median over its blocks). */
  typicalNs?: { base: number; head: number }
}

/** What the coordinator reports while a comparison runs (after each pair of blocks, and at its end). */
export interface AbProgress {
  file: string
  id: string
  /** The test's title path as ids write it (see {@link AbComparison.test}). */
  test: string
  name: string
  /** Pairs so far. */
  pairs: number
  /** Estimate and interval at the last look (`NaN`s before the first). */
  change: number
  interval: [number, number]
  /** `measuring` while it runs, then its verdict. */
  status: AbStatus | 'measuring'
  /** `false` when the benchmark is not gated (see {@link AbComparison.gated}). */
  gated?: false
  /** `true` when its test was retried: what an earlier attempt's pairs read (said before) is no verdict. */
  retried?: true
}
