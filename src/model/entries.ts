import type { BenchResult } from './bench-result.js'
import type { GateOverride } from './gate.js'
import type { ComplexityClass, ScalingResult } from './scaling.js'

/** Outcome of one expectation or leak check as it was measured: PASS, WARN (passed with under 10 % headroom) or FAIL. */
export type Status = 'PASS' | 'WARN' | 'FAIL'

/**
 * A status as the end of the run decides it (`run/decide.ts`): a {@link Status}, or
 * - `XFAIL`, failed as expected: a failure in a test the runner expects to fail (Vitest
 *   `test.fails`, Jest `test.failing`), which is how such a test passes;
 * - `CAUGHT`, caught by the test: a failure in a test that passed, so the test caught it
 *   (`await expect(expectCollected(…)).rejects.toThrow()`, a `try`/`catch`).
 * Neither counts as a failure nor as a pass of the run.
 */
export type DecidedStatus = Status | 'XFAIL' | 'CAUGHT'

/** A benchmark measured inside a test. `error` is set when `fn` threw (no result then). */
export interface BenchEntry {
  kind: 'bench'
  id: string
  name: string
  result?: BenchResult
  error?: string
  /** The bench's own baseline override: `false` opts out, otherwise `{ metric?, threshold? }`. */
  baseline?: false | GateOverride
}

/** An expectation evaluated inside a test (latency, throughput, CPU, errors, comparisons). */
export interface ExpectationEntry {
  kind: 'expectation'
  /** Id of the benchmark the expectation is about. */
  benchId: string
  /** What was measured, in words: `p95 latency`, `throughput`, `CPU per call`. */
  subject: string
  /** Comparison as written: `<`, `<=`, `>`, `faster than`. */
  comparator: string
  /** Measured value, in `unit`. */
  actual: number
  /** The limit, in `unit`. */
  limit: number
  /** `ms`, `/s`, `fraction`, `bytes`. */
  unit: string
  /** PASS, WARN or FAIL as measured; in the run's report, XFAIL for a FAIL in a test expected to fail, CAUGHT for one in a test that passed. */
  status: DecidedStatus
  /** The full sentence shown to the user. */
  message: string
  /** `faster than` comparisons: the other benchmark and the statistics behind the verdict. */
  comparison?: ComparisonDetails
  /** `at most` growth checks (`expectScaling(r).toBeAtMost('n')`): the classes and figures behind the verdict. */
  complexity?: ComplexityDetails
  /** `within` comparisons (`toBeWithin(…).of(…)`): the other benchmark and the statistics behind the verdict. */
  overhead?: OverheadDetails
}

/**
 * Whether a figure is at most a margin above another's, judged on the confidence interval of the change:
 * - `'above'`: the whole interval lies above the margin: more than the margin above, with confidence (FAIL);
 * - `'within'`: the whole interval lies at or below the margin: at most the margin above, with confidence (PASS);
 * - `'inconclusive'`: the interval reaches both sides of the margin, or the rounds were too few
 *   for an interval: these measurements cannot tell at this precision (WARN).
 */
export type OverheadVerdict = 'within' | 'above' | 'inconclusive'

/**
 * What a `toBeWithin(margin).of(other)` comparison found: how far this result's figure lies
 * above the other's, from the rounds in which they were measured alternately. Changes are
 * fractions (0.2: 20 % above).
 */
export interface OverheadDetails {
  /** Id and name of the benchmark compared against. */
  otherId: string
  otherName: string
  /** This result's figure and the other's, in `figureUnit`. */
  figure: number
  otherFigure: number
  /** `ms` (latency, CPU per call) or `bytes` (heap per call). */
  figureUnit: string
  /** Estimated typical ratio of the two, minus 1. */
  change: number
  /** Confidence interval of `change`; absent when the rounds were too few for one. */
  interval?: [number, number]
  confidence: number
  /** How far above the other's figure this one may be, as a fraction (the margin, raised to the noise floor). */
  margin: number
  /** Rounds compared. */
  rounds: number
  verdict: OverheadVerdict
  /** How the verdict was reached. */
  method: string
}

/** What a `toBeFasterThan` comparison found. Medians in ms; changes as fractions (−0.25: 25 % faster). */
export interface ComparisonDetails {
  /** Id and name of the benchmark compared against. */
  otherId: string
  otherName: string
  median: number
  otherMedian: number
  /** `median / otherMedian − 1`. */
  change: number
  /** Confidence interval of `change`. */
  interval: [number, number]
  confidence: number
  /** Speed-up required, as a fraction (the `by` option, raised to the noise floor). */
  required: number
  /** How the verdict was reached, e.g. `bootstrap CI of the ratio of medians`. */
  method: string
}

/**
 * What an `expectScaling(r).toBeAtMost(limit)` check found. Its expectation's `actual` and
 * `limit` are the positions of `best` and `limit` in `COMPLEXITY_CLASSES` (0 for O(1) … 5 for
 * O(n³)), with `unit` `'class'`.
 */
export interface ComplexityDetails {
  /** The class the check allows at most. */
  limit: ComplexityClass
  /** The class the data look like. */
  best: ComplexityClass
  /** Share of the resamples of the rounds that looked like `limit` or a slower-growing class, 0..1. */
  atMost: number
  /** Share required to pass, e.g. `0.95`. */
  confidence: number
  /** Slope of log time against log size, and its interval at `confidence`. */
  exponent: number
  interval: [number, number]
}

/**
 * A scaling check (`benchScaling`): the time per call at each size and the fitted growth.
 * `error` is set when it failed (no result then). It has no baseline.
 */
export interface ScalingEntry {
  kind: 'scaling'
  id: string
  name: string
  result?: ScalingResult
  error?: string
}

/** A leak check (`expectNoLeak`). */
export interface LeakEntry {
  kind: 'leak'
  id: string
  name: string
  /** PASS or FAIL as measured; in the run's report, XFAIL for a FAIL in a test expected to fail, CAUGHT for one in a test that passed. */
  status: DecidedStatus
  /** Bytes retained per call (robust slope over the checkpoints). */
  bytesPerCall: number
  /** Retained growth from first to last checkpoint, bytes. */
  growth: number
  iterations: number
  /** `[calls, heap bytes]` at each checkpoint. */
  checkpoints: Array<[number, number]>
  /** On a leak, the kinds of objects whose live count grew with the calls, largest first. */
  suspects?: Array<{ name: string; perCall: number; bytesPerCall: number }>
  message: string
}

/**
 * A check that objects are let go: one object garbage-collected (`expectCollected`), or the live
 * instances of a class after some calls (`expectInstances`). Counted, like leak checks, in the
 * summary's leak checks.
 */
export interface RetentionEntry {
  kind: 'retention'
  /** `collected`: one object must be collected; `instances`: at most `limit` instances alive. */
  check: 'collected' | 'instances'
  id: string
  name: string
  /** PASS or FAIL as measured; in the run's report, XFAIL for a FAIL in a test expected to fail, CAUGHT for one in a test that passed. */
  status: DecidedStatus
  /** Objects found alive after full garbage collections: 0 or 1 for `collected`. */
  alive: number
  /** Most objects that may stay alive: 0 for `collected`. */
  limit: number
  /** `instances`: calls of the function made before counting. */
  iterations?: number
  /** How the objects were found alive: `WeakRef` (collected), `v8.queryObjects` or `heap snapshot`. */
  method: string
  /** How a retained object is held, from a GC root: `(module) cache: Map → entry: Thing`. */
  retainers?: string
  message: string
}

/** Anything recorded during a test for the reporter. */
export type RecordEntry = BenchEntry | ExpectationEntry | LeakEntry | ScalingEntry | RetentionEntry
