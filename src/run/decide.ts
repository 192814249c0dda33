import type { BaselineCheck } from '../model/baseline-check.js'
import type { ExpectationEntry, LeakEntry, RetentionEntry, Status } from '../model/entries.js'
import type { BenchRow, DecidedRun, LeakRow, RetentionRow, RunReport, RunSummary, TestRecord } from '../model/run-report.js'

/** Worst of several statuses. */
export function worst(statuses: Iterable<Status>): Status {
  let result: Status = 'PASS'
  for (const s of statuses) {
    if (s === 'FAIL') return 'FAIL'
    if (s === 'WARN') result = 'WARN'
  }
  return result
}

/**
 * What a baseline check means for its benchmark: a regression fails; so does a baseline this run
 * was asked to write and could not; any other unchecked baseline fails in CI and warns elsewhere.
 */
export function baselineStatus(check: BaselineCheck | undefined, ci: boolean): Status {
  if (!check) return 'PASS'
  if (check.status === 'regressed') return 'FAIL'
  if (check.status === 'unchecked') return ci || check.cause === 'not-written' ? 'FAIL' : 'WARN'
  if (check.status === 'warn') return 'WARN'
  return 'PASS'
}

/** Every benchmark of the run with its expectations, baseline check and overall status. */
export function benchRows(tests: readonly TestRecord[], checks: readonly BaselineCheck[], ci: boolean): BenchRow[] {
  const checkById = new Map(checks.map((c) => [c.benchId, c]))
  const rows: BenchRow[] = []
  for (const test of tests) {
    for (const bench of test.entries) {
      if (bench.kind !== 'bench') continue
      const expectations = test.entries.filter((e): e is ExpectationEntry => e.kind === 'expectation' && e.benchId === bench.id)
      const baseline = checkById.get(bench.id)
      // A benchmark of a test that failed (a timeout, an assertion after it) is not a pass.
      const status = worst([bench.error || test.state === 'failed' ? 'FAIL' : 'PASS', ...expectations.map((e) => e.status), baselineStatus(baseline, ci)])
      rows.push({ test, bench, expectations, ...(baseline && { baseline }), status })
    }
  }
  return rows
}

/** Every leak check of the run. */
export function leakRows(tests: readonly TestRecord[]): LeakRow[] {
  return tests.flatMap((test) => test.entries.filter((e): e is LeakEntry => e.kind === 'leak').map((leak) => ({ test, leak })))
}

/** Every `expectCollected` and `expectInstances` check of the run. */
export function retentionRows(tests: readonly TestRecord[]): RetentionRow[] {
  return tests.flatMap((test) => test.entries.filter((e): e is RetentionEntry => e.kind === 'retention').map((check) => ({ test, check })))
}

/** Counts for the executive summary, and the run's overall status. */
export function summarize(tests: readonly TestRecord[], checks: readonly BaselineCheck[], fileErrors: number, ci: boolean, unfinished = 0): RunSummary {
  const expectations = { pass: 0, warn: 0, fail: 0 }
  const leaks = { pass: 0, fail: 0 }
  let benchmarks = 0
  let failedBenches = 0
  // Tests that recorded something and then failed: the run did not pass, whatever they measured.
  const failedTests = tests.filter((t) => t.state === 'failed' && t.entries.length > 0).length
  for (const test of tests) {
    for (const e of test.entries) {
      if (e.kind === 'bench') {
        benchmarks += 1
        if (e.error) failedBenches += 1
      } else if (e.kind === 'expectation') expectations[e.status === 'PASS' ? 'pass' : e.status === 'WARN' ? 'warn' : 'fail'] += 1
      else if (e.kind === 'leak' || e.kind === 'retention') leaks[e.status === 'FAIL' ? 'fail' : 'pass'] += 1
    }
  }
  const regressions = checks.filter((c) => c.status === 'regressed').length
  const checkStatuses = checks.map((c) => baselineStatus(c, ci))
  const failed = unfinished + failedTests + expectations.fail + leaks.fail + failedBenches + checkStatuses.filter((s) => s === 'FAIL').length + (ci ? fileErrors : 0)
  const warned = expectations.warn + checkStatuses.filter((s) => s === 'WARN').length + fileErrors
  return { benchmarks, expectations, leaks, regressions, status: failed ? 'FAIL' : warned ? 'WARN' : 'PASS' }
}

/**
 * Decides a run once: every benchmark's status, and whether the run fails for perfspec's own
 * reasons — a regression, or in CI a baseline that could not be checked. Renderers, annotations
 * and exit codes read this; none decides again. Uses the report's own summary
 * ({@link decideStoredRun} works it out again).
 */
export function decideRun(report: RunReport): DecidedRun {
  const ci = report.environment.ci
  return {
    report,
    rows: benchRows(report.tests, report.baselines, ci),
    leaks: leakRows(report.tests),
    retention: retentionRows(report.tests),
    failed: report.baselines.some((c) => baselineStatus(c, ci) === 'FAIL') || (ci && report.baselineErrors.length > 0),
  }
}

/**
 * Decides a run read back from its JSON (`perfspec report`) as {@link decideRun} does, with its
 * summary worked out again from the data, as the end of the run worked it out: the file may have
 * been edited, and a `summary.status` of PASS over a failed expectation must not render green.
 */
export function decideStoredRun(report: RunReport): DecidedRun {
  const summary = summarize(report.tests, report.baselines, report.baselineErrors.length, report.environment.ci, report.unfinished?.length ?? 0)
  return decideRun({ ...report, summary })
}
