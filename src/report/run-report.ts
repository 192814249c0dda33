import type { RecordEntry } from '../record/entries.js'
import type { Environment } from './environment.js'
import type { BaselineCheck } from '../compare/baseline-check.js'

/** One test that recorded perfspec entries. */
export interface TestRecord {
  /** Test file relative to the project root, `/`-separated. */
  file: string
  /** Line of the test in its file, when the runner knows it. */
  line?: number
  /** Describe blocks and test name, joined by ` > `. */
  test: string
  /** The test's own outcome. */
  state: 'passed' | 'failed' | 'skipped'
  entries: RecordEntry[]
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
  /** Problems with baseline files (unreadable, invalid), by file. */
  baselineErrors: Array<{ file: string; message: string }>
  summary: RunSummary
}

/** Counts for the executive summary. */
export interface RunSummary {
  benchmarks: number
  expectations: { pass: number; warn: number; fail: number }
  leaks: { pass: number; fail: number }
  regressions: number
  /** Overall: FAIL when an expectation, leak check, bench or baseline check failed. */
  status: 'PASS' | 'WARN' | 'FAIL'
}
