import { describe, expect, test } from 'vitest'
import type { BaselineCheck } from '../src/model/baseline-check.js'
import type { RecordEntry } from '../src/model/entries.js'
import type { RunReport, TestRecord } from '../src/model/run-report.js'
import { consoleSummary } from '../src/report/console-summary.js'
import { runAnnotations } from '../src/report/github.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { renderRunJson } from '../src/report/run-json.js'
import { decideRun, decideStoredRun } from '../src/run/decide.js'
import { runReportOf, runReportProblems } from '../src/run/run-report-schema.js'
import { reportOfTests } from './support/report-of-tests.js'
import { latencies, resultOf } from './support/synthetic-result.js'
import { syntheticScaling } from './support/synthetic-scaling.js'

// What perfspec makes of tests the runner expects to fail (Vitest `test.fails`, Jest
// `test.failing`), from their records: decided in run/decide.ts, said by every renderer. The runs
// themselves: test/expected-to-fail-e2e.test.ts (Vitest) and test/jest-adapter.test.ts (Jest).

const FILE = 'slow.test.ts'

function benchAndExpectation(test: string, name: string, status: 'PASS' | 'FAIL'): RecordEntry[] {
  const id = `${FILE} > ${test} > ${name}`
  const result = resultOf(id, latencies(500, 7, 0.002))
  const limit = status === 'PASS' ? 1 : 0.000001
  const message = status === 'PASS' ? `p95 latency of "${name}" was 2.4µs, expected < 1.00ms` : `p95 latency of "${name}" was 2.4µs, expected < 1.00ns (240000% over)`
  return [
    { kind: 'bench', id, name, result },
    { kind: 'expectation', benchId: id, subject: 'p95 latency', comparator: '<', actual: result.latency.p95, limit, unit: 'ms', status, message },
  ]
}

const leak = (test: string): RecordEntry => ({
  kind: 'leak',
  id: `${FILE} > ${test} > cache`,
  name: 'cache',
  status: 'FAIL',
  bytesPerCall: 64,
  growth: 256_000,
  iterations: 4000,
  checkpoints: [
    [0, 1e6],
    [4000, 1_256_000],
  ],
  message: 'leak: 64 B retained per call over 4,000 calls',
})

function skipped(test: TestRecord): BaselineCheck[] {
  return test.entries.flatMap((e) => (e.kind === 'bench' ? [{ benchId: e.id, file: test.file, line: test.line, status: 'skipped' as const, cause: 'expected-to-fail' as const, metric: 'p95' as const, threshold: 0.2, baselineFile: `baselines/${FILE}.json` }] : []))
}

function runOf(tests: TestRecord[], ci = true) {
  return decideRun(reportOfTests(tests, tests.flatMap((t) => (t.expectedToFail ? skipped(t) : [])), ci))
}

describe('a test expected to fail whose body failed: the runner passed it', () => {
  // How such a test passes: an expectation fails, a leak check fails, or a bench throws.
  const tests: TestRecord[] = [
    { file: FILE, line: 3, test: 'misses its budget', state: 'passed', expectedToFail: true, entries: benchAndExpectation('misses its budget', 'parse', 'FAIL') },
    { file: FILE, line: 9, test: 'leaks', state: 'passed', expectedToFail: true, entries: [leak('leaks')] },
    { file: FILE, line: 14, test: 'throws', state: 'passed', expectedToFail: true, entries: [{ kind: 'bench', id: `${FILE} > throws > encode`, name: 'encode', error: 'Error: not implemented' }] },
    { file: FILE, line: 20, test: 'ordinary', state: 'passed', entries: benchAndExpectation('ordinary', 'format', 'PASS') },
  ]
  const run = runOf(tests)

  test('what failed is XFAIL, failed as expected: neither a failure nor a pass, and the run passes, as the runner says', () => {
    expect(run.report.summary).toMatchObject({ status: 'PASS', expectations: { pass: 1, warn: 0, fail: 0, xfail: 1 }, leaks: { pass: 0, fail: 0, xfail: 1 } })
    expect(run.failed).toBe(false)
    expect(run.rows.map((r) => [r.bench.name, r.status])).toEqual([
      ['parse', 'XFAIL'],
      ['encode', 'XFAIL'],
      ['format', 'PASS'],
    ])
    expect(run.rows[0]!.expectations.map((e) => e.status)).toEqual(['XFAIL'])
    expect(run.leaks.map((l) => l.leak.status)).toEqual(['XFAIL'])
  })

  test('the JSON says XFAIL for each, valid against the shipped schema, and perfspec report reads it back the same', () => {
    const json = JSON.parse(renderRunJson(run.report)) as RunReport
    expect(runReportProblems(json)).toEqual([])
    const statuses = json.tests.flatMap((t) => t.entries.flatMap((e) => (e.kind === 'bench' || e.kind === 'scaling' ? [] : [`${t.test}: ${e.status}`])))
    expect(statuses).toEqual(['misses its budget: XFAIL', 'leaks: XFAIL', 'ordinary: PASS'])
    expect(json.summary.expectations.xfail).toBe(1)
    expect(renderMarkdown(decideStoredRun(runReportOf(json)))).toBe(renderMarkdown(run))
  })

  test('the console marks each x, says "failed as expected", and counts them apart', () => {
    const text = consoleSummary(run, [])
    expect(text).toMatch(/ {3}x misses its budget › parse .* must fail\n/)
    expect(text).toContain(` x parse (${FILE}:3): failed as expected: p95 latency of "parse" was 2.4µs, expected < 1.00ns (240000% over)`)
    expect(text).toContain(` x cache (${FILE}:9): failed as expected: leak: 64 B retained per call`)
    expect(text).toContain(` x encode (${FILE}:14): failed as expected: Error: not implemented`)
    expect(text).not.toContain('✗')
    expect(text).toContain(' PASS  3 benchmarks · 0 regressions · expectations 1 pass / 0 warn / 0 fail / 1 failed as expected · leak checks 0 pass / 0 fail / 1 failed as expected')
  })

  test('the Markdown lists them under "Failed as expected", not among the failures', () => {
    const md = renderMarkdown(run)
    expect(md).toContain('**✅ PASS**')
    expect(md).toContain('| Benchmarks | Regressions | Expectations (pass / warn / fail / failed as expected) | Leak checks (pass / fail / failed as expected) |')
    expect(md).toContain('| 3 | 0 | 1 / 0 / 0 / 1 | 0 / 0 / 1 |')
    expect(md).not.toContain('## Regressions and failures')
    const section = md.split('## Failed as expected\n\n')[1]!.split('\n## ')[0]!
    expect(section).toContain('- ☑️ p95 latency of "parse" was 2.4µs')
    expect(section).toContain('- ☑️ "leaks › cache": leak: 64 B retained per call')
    expect(section).toContain('- ☑️ "throws › encode" failed: Error: not implemented')
    expect(md).toContain('| parse | p95 latency < limit | ☑️ failed as expected |')
    expect(md).not.toContain('❌')
  })

  test('GitHub gets no ::error for them (a failed leak check elsewhere gets one)', () => {
    expect(runAnnotations(run)).toEqual([])
    const elsewhere = runOf([...tests, { file: FILE, line: 30, test: 'ordinary leak', state: 'failed', entries: [leak('ordinary leak')] }])
    expect(runAnnotations(elsewhere).map((l) => l.split(' ')[0])).toEqual(['::error'])
    expect(elsewhere.report.summary).toMatchObject({ status: 'FAIL', leaks: { fail: 1, xfail: 1 } })
  })
})

describe('a test expected to fail whose expectations all passed: the runner failed it', () => {
  const tests: TestRecord[] = [{ file: FILE, line: 3, test: 'meets its budget', state: 'failed', expectedToFail: true, entries: benchAndExpectation('meets its budget', 'parse', 'PASS') }]
  const run = runOf(tests)

  test('perfspec does not claim PASS either: its benchmark and the run FAIL, its expectation passed', () => {
    expect(run.report.summary).toMatchObject({ status: 'FAIL', expectations: { pass: 1, warn: 0, fail: 0, xfail: 0 } })
    expect(run.rows.map((r) => r.status)).toEqual(['FAIL'])
  })

  test('the console and the Markdown say why', () => {
    const text = consoleSummary(run, [])
    expect(text).toMatch(/ {3}✗ meets its budget › parse /)
    expect(text).toContain(` ✗ parse (${FILE}:3): its test is expected to fail (test.fails, test.failing) and did not, so the runner failed it`)
    expect(text).toMatch(/\n FAIL {2}1 benchmark /)
    const md = renderMarkdown(run)
    expect(md.split('## Regressions and failures\n\n')[1]).toMatch(/^- ❌ "meets its budget › parse": its test is expected to fail \(test.fails, test.failing\) and did not, so the runner failed it — slow.test.ts:3\n/)
    expect(md).not.toContain('## Failed as expected')
  })
})

test('an XFAIL outside a test expected to fail (a report edited by hand) is the FAIL it was', () => {
  const tests: TestRecord[] = [{ file: FILE, line: 3, test: 'ordinary', state: 'failed', entries: benchAndExpectation('ordinary', 'parse', 'FAIL') }]
  const json = JSON.parse(renderRunJson(runOf(tests).report)) as RunReport
  const entry = json.tests[0]!.entries[1]!
  if (entry.kind !== 'expectation') throw new Error('the fixture changed')
  entry.status = 'XFAIL'
  json.summary = { ...json.summary, expectations: { pass: 0, warn: 0, fail: 0, xfail: 1 }, status: 'PASS' }
  const back = decideStoredRun(runReportOf(json))
  expect(back.report.summary).toMatchObject({ status: 'FAIL', expectations: { fail: 1, xfail: 0 } })
  expect(back.rows[0]!.expectations[0]!.status).toBe('FAIL')
})

test('a scaling check that failed as expected is counted apart and listed under "Failed as expected", as the other checks are', () => {
  const id = `${FILE} > grows > linear`
  const result = syntheticScaling(id, { sizes: [100, 1_000, 10_000], cost: (n) => 1e-5 * n, seed: 3 })
  const missed: RecordEntry = { kind: 'expectation', benchId: id, subject: 'growth', comparator: 'at most', actual: 2, limit: 0, unit: 'class', status: 'FAIL', message: 'growth of "linear" looked like O(n), expected at most O(1)' }
  const run = runOf([
    { file: FILE, line: 3, test: 'grows', state: 'passed', expectedToFail: true, entries: [{ kind: 'scaling', id, name: 'linear', result }, missed] },
    { file: FILE, line: 9, test: 'throws', state: 'passed', expectedToFail: true, entries: [{ kind: 'scaling', id: `${FILE} > throws > s`, name: 's', error: 'Error: factory threw at n=10' }] },
  ])
  expect(run.scaling.map((r) => r.status)).toEqual(['XFAIL', 'XFAIL'])
  const md = renderMarkdown(run)
  expect(md).toContain('Scaling checks (pass / fail / failed as expected) |')
  expect(md).toMatch(/\| 0 \/ 0 \/ 2 \|\n/)
  expect(md).not.toContain('## Regressions and failures')
  const items = md.split('## Failed as expected\n\n')[1]!.split('\n## ')[0]!.split('\n').filter((l) => l.startsWith('- '))
  expect(items).toEqual([`- ☑️ growth of "linear" looked like O(n), expected at most O(1) — ${FILE}:3`, expect.stringMatching(/^- ☑️ "throws › s" failed: Error: factory threw at n=10 — /)])
})
