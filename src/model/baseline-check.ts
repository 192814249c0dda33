import type { GateOverride } from './gate.js'
import type { AttemptLatency } from './bench-result.js'
import type { BaselineMetric } from './metrics.js'
import type { ComparedStatus, Comparison } from './verdict.js'

/**
 * What happened to one benchmark's baseline in this run:
 * - `ok` / `improved` / `warn` / `regressed`: compared with its baseline;
 * - `new`: no baseline, and none written (CI, or writing disabled);
 * - `written`: no baseline, written now; `updated`: rewritten on request (`-u`);
 * - `unchecked`: the baseline file is unreadable or invalid, or lacks the metric; or the
 *   benchmark's id is not its own, or its baseline could not be written;
 * - `skipped`: the bench failed or opted out (`baseline: false`), or its test is expected to fail.
 */
export type BaselineStatus = ComparedStatus | 'new' | 'written' | 'updated' | 'unchecked' | 'skipped'

/**
 * Why a benchmark was not compared:
 * - `opted-out`: `baseline: false`; `bench-failed`: no result (`detail`: the error);
 * - `file-invalid`: the baseline file is unreadable or invalid (`detail`: what is wrong);
 * - `metric-missing`: the baseline entry lacks the gated metric;
 * - `not-in-ci`: no baseline, and none written because writing was off (update mode `'none'`:
 *   the default in CI, or asked for with `--update=none`, `PERFSPEC_UPDATE=none`, `update: 'none'`);
 * - `run-incomplete`: no baseline, and none written because the run did not end whole (stopped,
 *   cut short, a file that never finished: its problems say which), so nothing is written from it;
 * - `duplicate-id`: another benchmark of the run has the same id (`detail`: the tests), so
 *   neither is checked or written;
 * - `not-written`: a baseline this run was to write could not be written (`detail`: why);
 * - `test-failed`: its baseline was to be written, but its test failed (after the benchmark
 *   finished), so none was: a failing test is no reference;
 * - `not-storable`: its baseline was to be written, but this run's result would make an entry
 *   that the baseline schema refuses (a p95 of 0, say), so none was (`detail`: which field);
 * - `expected-to-fail`: its test is expected to fail (Vitest `test.fails`, Jest `test.failing`),
 *   so it passes when its body fails: its baseline is neither checked nor written, whatever
 *   the update mode, and an existing one is kept as it is;
 * - `test-skipped`: its test skipped itself after the benchmark finished (Vitest's `ctx.skip()`):
 *   the test disowned what it measured, so its baseline is neither checked nor written;
 * - `other-project`: its baseline file is another project's (projects sharing a baseline folder,
 *   one inside the other, whose outer one runs the inner one's test files: `detail` says which
 *   and what to do); it is neither checked nor written, `-u` included.
 */
export type NotComparedCause =
  | 'opted-out'
  | 'bench-failed'
  | 'file-invalid'
  | 'other-project'
  | 'metric-missing'
  | 'not-in-ci'
  | 'run-incomplete'
  | 'duplicate-id'
  | 'not-written'
  | 'not-storable'
  | 'test-failed'
  | 'expected-to-fail'
  | 'test-skipped'

/** One benchmark's baseline check: a verdict as data. Times in ms. */
export interface BaselineCheck extends Partial<Omit<Comparison, 'status'>> {
  benchId: string
  /** Test file and line, for annotations. */
  file: string
  line?: number
  status: BaselineStatus
  metric: BaselineMetric
  threshold: number
  /** Baseline file path, relative to the project root. */
  baselineFile: string
  /** Why it was not compared (`skipped`, `unchecked`, `new`). */
  cause?: NotComparedCause
  /** The bench's error, or what is wrong with the baseline file. */
  detail?: string
  /** One sentence for people. Written into the run's JSON by the renderer; perfspec reads the data. */
  message?: string
  /** The environment difference in words. Written into the run's JSON by the renderer. */
  environmentNote?: string
  /**
   * When the test's timeout cut short the measurements perfspec adds (a new baseline measured
   * several times, a suspect measured again): how many were `taken` of those `asked` for (the
   * first included), and the shortest `pause` between two (ms) when it had to be shortened.
   */
  timeLimited?: { taken: number; asked: number; pause?: number }
  /**
   * `written`/`updated`: when fewer processes measured the new baseline than the
   * `baselineProcesses` option asks for, how many `taken` of those `asked`, and why.
   */
  processesShort?: { taken: number; asked: number; problem: string }
}

/**
 * One benchmark in `perfspec compare`: compared, only in the current results (`new`), only in
 * the baseline (`missing`), lacking the metric on one side (`unchecked`, see `lacking`),
 * `failed` in the current run (its bench threw: no result, see `error`), or listed but not
 * gated (`skipped`, see `cause`), as its run report decided.
 */
export interface CompareRow extends Partial<Omit<Comparison, 'status'>> {
  benchId: string
  status: ComparedStatus | 'new' | 'missing' | 'unchecked' | 'failed' | 'skipped'
  /** Which side lacks the gated metric (`unchecked`). */
  lacking?: 'baseline' | 'current'
  /** Why the bench failed in the current run, as its run report says (`failed`, `skipped` for `caught`). */
  error?: string
  /** Why it was listed and not gated (`skipped`); see {@link BenchGate}. */
  cause?: NonNullable<BenchGate['skip']>
  /** The benchmark's own gate, when its run report gives it one (`baseline: { metric, threshold }`). */
  gate?: { metric: BaselineMetric; threshold: number }
}

/**
 * What a run report decided of one benchmark's gate, which `perfspec compare` follows as the
 * reporter did: listed and not gated (`skip`) when it opted out (`baseline: false`, as
 * `benchTogether()` results do), when its test is expected to fail (`test.fails`,
 * `test.failing`), or when it failed in a test that caught the failure (`caught`); otherwise
 * gated under its own `override` (metric, threshold) when it has one, with what the run read of
 * the machine while measuring it (other processes' load, the host's speed), which the reporter's
 * verdict weighed too.
 */
export interface BenchGate {
  benchId: string
  skip?: 'opted-out' | 'expected-to-fail' | 'caught' | 'test-skipped'
  override?: GateOverride
  /** The cores other processes kept busy while the kept result was measured, as the run read them (see the `machine-busy` rule). */
  otherCores?: number
  /** When the run measured it again to confirm a regression: what those measurements read, which the reporter weighed (see `confirmationRuling`). */
  confirmation?: ConfirmationReading
  /**
   * What the run itself read of it against its baseline, when it compared one: its typical call's
   * change, and the machine's speed against the baseline's; the run-wide drift is read from all
   * of these, as the reporter read it, also when only one baseline file is compared.
   */
  runReading?: { typicalChange: number; machine?: { speedRatio?: number } }
  /** The run gated it against a baseline from another machine, as its `crossMachine` option asked. */
  crossMachine?: true
}

/** What a benchmark's confirmation read (each measurement's change, how many read as a regression, where they ran), with the host's slowdown after each when known (1 is full speed). */
export type ConfirmationReading = NonNullable<Comparison['confirmation']> & {
  host?: readonly number[]
  /**
   * The gate the run read `changes` at, and each measurement's gate statistics: to read them
   * again under another gate, or against another baseline.
   */
  readAt?: { metric: BaselineMetric; threshold: number; latency: readonly AttemptLatency[] }
}

/** A benchmark of a run report that failed: its bench threw, or stopped, before giving a result. */
export interface FailedBench {
  benchId: string
  /** The error, as the run report recorded it, when it did. */
  error?: string
}

/** A problem with one baseline file (unreadable, invalid, not written). */
export interface BaselineFileError {
  /** Path relative to the project root. */
  file: string
  /** What is wrong, e.g. `is not valid JSON: … (line 3, column 5)`. */
  problem: string
  /** Written into the run's JSON by the renderer: the path and the problem in one sentence. */
  message?: string
}
