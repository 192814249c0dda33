import type { BaselineCheck } from '../model/baseline-check.js'
import type { DecidedStatus, ExpectationEntry, LeakEntry, RecordEntry, RetentionEntry, ScalingEntry, Status } from '../model/entries.js'
import type { BenchRow, DecidedRun, LeakRow, RetentionRow, RunReport, RunSummary, ScalingRow, TestRecord } from '../model/run-report.js'
import { stoppedUnawaited } from '../record/test-ended.js'

// A FAIL counts against the run, and so does a WARN, for its verdict; an XFAIL (failed as
// expected) or a CAUGHT (caught by its test) does not, but something in it failed, which a PASS
// does not say.
const SEVERITY: Record<DecidedStatus, number> = { PASS: 0, CAUGHT: 1, XFAIL: 2, WARN: 3, FAIL: 4 }

/** Worst of several statuses: FAIL, then WARN, then XFAIL, then CAUGHT, then PASS (also for none). */
export function worst<S extends DecidedStatus>(statuses: Iterable<S>): S | 'PASS' {
  let result: S | 'PASS' = 'PASS'
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[result]) result = s
  return result
}

/**
 * What a failure recorded in a test means for the run, the one rule for expectations, leak
 * checks, benchmarks and scaling checks that failed:
 * - in a test the runner expects to fail (Vitest `test.fails`, Jest `test.failing`) it is how
 *   that test passes: XFAIL, failed as expected;
 * - in a test that passed, the test caught it (every perfspec failure throws, so a test that
 *   passed handled it: `await expect(…).rejects.toThrow()`, a `try`/`catch`): CAUGHT;
 * - otherwise it failed its test: FAIL.
 */
export function failureStatus(test: Pick<TestRecord, 'expectedToFail' | 'state'>): 'FAIL' | 'XFAIL' | 'CAUGHT' {
  if (test.expectedToFail) return 'XFAIL'
  return test.state === 'passed' ? 'CAUGHT' : 'FAIL'
}

/**
 * An expectation's or leak check's (`expectNoLeak`, `expectCollected`, `expectInstances`)
 * status in its test: a failure (FAIL, or an XFAIL or CAUGHT read back from a report) is what
 * {@link failureStatus} says of its test.
 */
export function entryStatus(status: DecidedStatus, test: Pick<TestRecord, 'expectedToFail' | 'state'>): DecidedStatus {
  if (status === 'FAIL' || status === 'XFAIL' || status === 'CAUGHT') return failureStatus(test)
  return status
}

/**
 * The status of a benchmark's or scaling check's error in its test ({@link failureStatus}), PASS
 * without one. A bench stopped because its test passed without awaiting it was caught by no
 * one: it fails.
 */
export function errorStatus(error: string | undefined, test: Pick<TestRecord, 'expectedToFail' | 'state'>): DecidedStatus {
  if (error === undefined) return 'PASS'
  const status = failureStatus(test)
  return status === 'CAUGHT' && stoppedUnawaited(error) ? 'FAIL' : status
}

/** The tests with every expectation's and leak check's status decided ({@link entryStatus}); tests that need no change are kept as they are. */
export function decideTests(tests: readonly TestRecord[]): TestRecord[] {
  return tests.map((test) => {
    const entries = test.entries.map((e): RecordEntry => {
      if (e.kind === 'bench' || e.kind === 'scaling') return e
      const status = entryStatus(e.status, test)
      return status === e.status ? e : { ...e, status }
    })
    return entries.some((e, i) => e !== test.entries[i]) ? { ...test, entries } : test
  })
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

/** Every benchmark of the run with its expectations (their statuses decided), baseline check and overall status. */
export function benchRows(tests: readonly TestRecord[], checks: readonly BaselineCheck[], ci: boolean): BenchRow[] {
  const checkById = new Map(checks.map((c) => [c.benchId, c]))
  const rows: BenchRow[] = []
  for (const test of decideTests(tests)) {
    for (const bench of test.entries) {
      if (bench.kind !== 'bench') continue
      const expectations = test.entries.filter((e): e is ExpectationEntry => e.kind === 'expectation' && e.benchId === bench.id)
      const baseline = checkById.get(bench.id)
      // A benchmark of a test that failed (a timeout, an assertion after it, a test expected to
      // fail that did not) is not a pass. A bench that threw failed its test's body, as a test
      // expected to fail must, unless its test caught it.
      const threw = errorStatus(bench.error, test)
      const status = worst([threw, test.state === 'failed' ? 'FAIL' : 'PASS', ...expectations.map((e) => e.status), baselineStatus(baseline, ci)])
      rows.push({ test, bench, expectations, ...(baseline && { baseline }), status })
    }
  }
  return rows
}

/** Every leak check of the run, its status decided. */
export function leakRows(tests: readonly TestRecord[]): LeakRow[] {
  return decideTests(tests).flatMap((test) => test.entries.filter((e): e is LeakEntry => e.kind === 'leak').map((leak) => ({ test, leak })))
}

/** Every `expectCollected` and `expectInstances` check of the run, its status decided. */
export function retentionRows(tests: readonly TestRecord[]): RetentionRow[] {
  return decideTests(tests).flatMap((test) => test.entries.filter((e): e is RetentionEntry => e.kind === 'retention').map((check) => ({ test, check })))
}

/**
 * Every scaling check of the run with its expectations: those on the check itself and those on
 * one of its sizes' results (`expectLatency(r.points[0].result)`), whose ids are its own.
 */
export function scalingRows(tests: readonly TestRecord[]): ScalingRow[] {
  const rows: ScalingRow[] = []
  for (const test of decideTests(tests)) {
    for (const scaling of test.entries.filter((e): e is ScalingEntry => e.kind === 'scaling')) {
      const ids = new Set([scaling.id, ...(scaling.result?.points.map((p) => p.result.id) ?? [])])
      const expectations = test.entries.filter((e): e is ExpectationEntry => e.kind === 'expectation' && ids.has(e.benchId))
      const threw = errorStatus(scaling.error, test)
      const status = worst([threw, test.state === 'failed' ? 'FAIL' : 'PASS', ...expectations.map((e) => e.status)])
      rows.push({ test, scaling, expectations, status })
    }
  }
  return rows
}

const COUNTED = { PASS: 'pass', WARN: 'warn', FAIL: 'fail', XFAIL: 'xfail', CAUGHT: 'caught' } as const

/**
 * Counts for the executive summary, and the run's overall status. What failed as expected
 * (XFAIL) or was caught by its test (CAUGHT) is counted apart and counts neither as a failure nor
 * as a pass; a test expected to fail that did not is a failed test, as its runner says.
 *
 * @param failures - other things that fail the run: tests that failed before recording anything,
 *   and what the runner adapter found wrong with the run (`RunReport.problems`)
 */
export function summarize(tests: readonly TestRecord[], checks: readonly BaselineCheck[], fileErrors: number, ci: boolean, failures = 0): RunSummary {
  const expectations = { pass: 0, warn: 0, fail: 0, xfail: 0, caught: 0 }
  const leaks = { pass: 0, fail: 0, xfail: 0, caught: 0 }
  let benchmarks = 0
  let failedBenches = 0
  // Tests that recorded something and then failed: the run did not pass, whatever they measured.
  const failedTests = tests.filter((t) => t.state === 'failed' && t.entries.length > 0).length
  for (const test of tests) {
    for (const e of test.entries) {
      if (e.kind === 'bench') {
        benchmarks += 1
        // A bench that threw in a test expected to fail failed that test's body as expected;
        // one whose test passed was caught by it.
        if (errorStatus(e.error, test) === 'FAIL') failedBenches += 1
        continue
      }
      // A scaling check that failed fails the run as a benchmark that failed does.
      if (e.kind === 'scaling') {
        if (errorStatus(e.error, test) === 'FAIL') failedBenches += 1
        continue
      }
      const status = COUNTED[entryStatus(e.status, test)]
      if (e.kind === 'expectation') expectations[status] += 1
      // Leak checks: `expectNoLeak`, `expectCollected` and `expectInstances` alike.
      else leaks[status === 'warn' ? 'pass' : status] += 1
    }
  }
  const regressions = checks.filter((c) => c.status === 'regressed').length
  const checkStatuses = checks.map((c) => baselineStatus(c, ci))
  const failed = failures + failedTests + expectations.fail + leaks.fail + failedBenches + checkStatuses.filter((s) => s === 'FAIL').length + (ci ? fileErrors : 0)
  const warned = expectations.warn + checkStatuses.filter((s) => s === 'WARN').length + fileErrors
  // Reports of older versions had no `caught`: it is written only when some were.
  const { caught: expectationsCaught, ...expectationCounts } = expectations
  const { caught: leaksCaught, ...leakCounts } = leaks
  return {
    benchmarks,
    expectations: { ...expectationCounts, ...(expectationsCaught > 0 && { caught: expectationsCaught }) },
    leaks: { ...leakCounts, ...(leaksCaught > 0 && { caught: leaksCaught }) },
    regressions,
    status: failed ? 'FAIL' : warned ? 'WARN' : 'PASS',
  }
}

/**
 * Decides a run once: every expectation's and leak check's status in its test, every
 * benchmark's status, and whether the run fails: whenever its verdict is FAIL (a failed test
 * fails its runner already), and for perfspec's own reasons — a regression, or in CI a baseline
 * that could not be checked. Renderers, annotations and exit codes read this; none decides
 * again. Uses the report's own summary ({@link decideStoredRun} works it out again).
 */
export function decideRun(report: RunReport): DecidedRun {
  const ci = report.environment.ci
  const tests = decideTests(report.tests)
  return {
    report: { ...report, tests },
    rows: benchRows(tests, report.baselines, ci),
    leaks: leakRows(tests),
    scaling: scalingRows(tests),
    retention: retentionRows(tests),
    failed: report.summary.status === 'FAIL' || report.baselines.some((c) => baselineStatus(c, ci) === 'FAIL') || (ci && report.baselineErrors.length > 0),
  }
}

/**
 * Decides a run read back from its JSON (`perfspec report`) as {@link decideRun} does, with its
 * summary worked out again from the data, as the end of the run worked it out: the file may have
 * been edited, and a `summary.status` of PASS over a failed expectation must not render green.
 */
export function decideStoredRun(report: RunReport): DecidedRun {
  return decideRun({ ...report, summary: summaryOfData(report) })
}

/** A stored run's summary worked out again from its data, as the end of the run worked it out. */
function summaryOfData(report: RunReport): RunSummary {
  return summarize(report.tests, report.baselines, report.baselineErrors.length, report.environment.ci, (report.unfinished?.length ?? 0) + (report.problems?.length ?? 0))
}

/**
 * Where a stored run's own summary says worse than its data reads (FAIL where the data passes,
 * more benchmarks or regressions than it holds): its checks or tests were cut or edited, and the
 * data alone would render a FAIL as a PASS (probe 66 #2). `said` the file's summary, `found` the
 * data's; `undefined` when the summary says no worse.
 */
export function summaryBeyondData(report: RunReport): { said: RunSummary; found: RunSummary } | undefined {
  const said = report.summary
  const found = summaryOfData(report)
  const worse = (said.status === 'FAIL' && found.status !== 'FAIL') || said.regressions > found.regressions || said.benchmarks > found.benchmarks
  return worse ? { said, found } : undefined
}
