import type { BaselineCheck, BaselineFileError } from './baseline-check.js'
import type { BenchEntry, DecidedStatus, ExpectationEntry, LeakEntry, RecordEntry, RetentionEntry, ScalingEntry, Status } from './entries.js'
import type { Environment } from './environment.js'
import type { Gate } from './gate.js'

/** One test that recorded perfspec entries. */
export interface TestRecord {
  /** Test file relative to the project root, `/`-separated. */
  file: string
  /**
   * Test file relative to the run's root, `/`-separated, when that is not `file`: a Vitest project
   * with a root of its own names its files from there (`file`, in ids), while annotations place
   * them from the folder the run started in. Absent: `file`.
   */
  path?: string
  /** Line of the test in its file, when the runner knows it. */
  line?: number
  /** Describe blocks and test name, joined by ` > `. */
  test: string
  /** The test's own outcome. */
  state: 'passed' | 'failed' | 'skipped'
  /**
   * Set when the runner expects the test to fail (Vitest `test.fails`, Jest `test.failing`): it
   * passes when its body fails, so what it measured is no reference, and none of its benchmarks
   * checks or writes a baseline. Its failed expectations and leak checks are XFAIL (failed as
   * expected), and `state` is the runner's verdict: `passed` when the body failed, `failed` when
   * it did not.
   */
  expectedToFail?: true
  entries: RecordEntry[]
}

/** A test that ran, whatever it recorded: what tells a baseline entry whose test is gone from one that did not run. */
export interface TestOutline {
  /** Test file relative to the project root, `/`-separated. */
  file: string
  /** Describe blocks then the test name. */
  titlePath: string[]
  /** `skipped` covers tests left out by a filter, `.skip`, `.only` elsewhere and `.todo`. */
  state: 'passed' | 'failed' | 'skipped'
  /**
   * For a file or describe block that failed as a whole (its `titlePath` names no test): the first
   * line of the runner's error for it, when the runner gave one.
   */
  error?: string
}

/**
 * Baselines that no test stands behind any more: entries of test files that ran whose benchmark
 * is gone (its test passed without it, or its test is no longer in the file), and files whose
 * test file is gone from disk. Reported on every run, removed on `-u`.
 */
export interface ObsoleteBaselines {
  entries: Array<{ baselineFile: string; benchId: string }>
  /** Baseline files, relative to the project root. */
  files: string[]
  /** Whether this run removed them (`-u`). */
  pruned: boolean
  /**
   * Baseline files (relative to the project root) that a `-u` run left in place although their
   * test file is under none of its roots, since a file at that path is elsewhere in the project
   * (`testFileAt`, relative to the root): perhaps the test file of another configuration sharing
   * the baseline folder, perhaps a stale copy (a build output). `testFileAt` is absent when the
   * project was too large to search whole. Only in runs that prune.
   */
  kept?: Array<{ file: string; testFileAt?: string }>
}

/** The machine-readable result of a whole run (`BENCHMARK_RESULTS.json`). */
export interface RunReport {
  /** Format version of this file. */
  perfspec: 1
  /** ISO time the run ended. */
  createdAt: string
  /** Wall time of the run, ms. */
  duration: number
  runner: { name: string; version: string }
  environment: Environment
  tests: TestRecord[]
  /** The baseline check of every benchmark that ran. */
  baselines: BaselineCheck[]
  /** Problems with baseline files (unreadable, invalid, not written), by file. */
  baselineErrors: BaselineFileError[]
  /** Baselines whose benchmark or test file is gone, when the runner listed the tests that ran. */
  obsolete?: ObsoleteBaselines
  /** Tests that failed before recording anything: benchmarks that did not finish. */
  unfinished?: TestOutline[]
  /**
   * What the runner adapter found wrong with how the run went, each in a sentence: no test file
   * ran, a Jest project without perfspec's setup file, two projects of one name running one file.
   * Each fails the run.
   */
  problems?: string[]
  /**
   * The run's gate (the plugin's `metric`, `threshold` and `warnThreshold`, thresholds as
   * fractions): what `perfspec compare` of this report gates by when not told otherwise. Absent
   * in reports of older versions.
   */
  gate?: Gate
  /** The testbed the run read and wrote its baselines under (the `testbed` option or `PERFSPEC_TESTBED`), when it had one. */
  testbed?: string
  summary: RunSummary
}

/** Counts for the executive summary. */
export interface RunSummary {
  benchmarks: number
  /**
   * `xfail`: failed as expected, in tests expected to fail; `caught`: failed in tests that passed,
   * caught by them (both absent in reports of older versions, and when none).
   */
  expectations: { pass: number; warn: number; fail: number; xfail?: number; caught?: number }
  /**
   * Leak checks: `expectNoLeak`, `expectCollected` and `expectInstances` alike. `xfail` and
   * `caught` as for expectations.
   */
  leaks: { pass: number; fail: number; xfail?: number; caught?: number }
  regressions: number
  /**
   * Overall: FAIL when an expectation, leak check, bench, test or baseline check failed. What
   * failed as expected (XFAIL) or was caught by its test (CAUGHT) counts neither way.
   */
  status: Status
}

/** A benchmark with everything the report says about it, and its one decided status. */
export interface BenchRow {
  test: TestRecord
  bench: BenchEntry
  expectations: ExpectationEntry[]
  baseline?: BaselineCheck
  /** The worst of its parts, FAIL over WARN over XFAIL over CAUGHT over PASS; FAIL whenever its test failed. */
  status: DecidedStatus
}

/**
 * A scaling check with its test, the expectations on it (and on its sizes' results) and its one
 * decided status. It has no baseline.
 */
export interface ScalingRow {
  test: TestRecord
  scaling: ScalingEntry
  expectations: ExpectationEntry[]
  status: DecidedStatus
}

/** A leak check with its test. */
export interface LeakRow {
  test: TestRecord
  leak: LeakEntry
}

/** An `expectCollected` or `expectInstances` check with its test. */
export interface RetentionRow {
  test: TestRecord
  check: RetentionEntry
}

/**
 * A run with every status decided, as the renderers receive it: the report (what the JSON
 * holds, its entries' statuses decided), each benchmark's row and whether the run fails.
 */
export interface DecidedRun {
  report: RunReport
  rows: BenchRow[]
  leaks: LeakRow[]
  /** Scaling checks (`benchScaling`), in the order they ran. */
  scaling: ScalingRow[]
  /** `expectCollected` and `expectInstances` checks, their statuses decided, in the order they ran. */
  retention: RetentionRow[]
  /**
   * Whether the run must exit non-zero: whenever its verdict (`report.summary.status`) is FAIL,
   * so that the two always agree. Failed expectations fail their tests already; a regression or
   * (in CI) a baseline that could not be checked is perfspec's own reason.
   */
  failed: boolean
}
