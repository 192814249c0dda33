import { describe, expect, test } from 'vitest'
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

// A perfspec failure recorded in a test that the runner says passed was caught by the test (the
// way to test that a detector works): CAUGHT, neither a failure nor a pass, and the run's verdict
// and exit code agree. Decided in run/decide.ts; the runs themselves: test/caught-e2e.test.ts.

const FILE = 'detector.test.ts'

const runOf = (tests: TestRecord[]) => decideRun(reportOfTests(tests))

const retained = (test: string): RecordEntry => ({
  kind: 'retention',
  check: 'collected',
  id: `${FILE} > ${test} > Sess`,
  name: 'Sess',
  status: 'FAIL',
  alive: 1,
  limit: 0,
  method: 'WeakRef',
  message: 'expectCollected("Sess"): the Sess object is still alive after 2 full garbage collections',
})

function benchAndExpectation(test: string, name: string): RecordEntry[] {
  const id = `${FILE} > ${test} > ${name}`
  const result = resultOf(id, latencies(500, 7, 0.002))
  return [
    { kind: 'bench', id, name, result },
    { kind: 'expectation', benchId: id, subject: 'p95 latency', comparator: '<', actual: result.latency.p95, limit: 0.000001, unit: 'ms', status: 'FAIL', message: `p95 latency of "${name}" was 2.4µs, expected < 1.00ns` },
  ]
}

describe('failures that tests which passed caught', () => {
  const tests: TestRecord[] = [
    { file: FILE, line: 3, test: 'detects a kept session', state: 'passed', entries: [retained('detects a kept session')] },
    { file: FILE, line: 8, test: 'catches a missed budget', state: 'passed', entries: benchAndExpectation('catches a missed budget', 'parse') },
    { file: FILE, line: 12, test: 'catches a throwing bench', state: 'passed', entries: [{ kind: 'bench', id: `${FILE} > catches a throwing bench > encode`, name: 'encode', error: 'Error: not implemented' }] },
    { file: FILE, line: 16, test: 'catches a failed scaling check', state: 'passed', entries: [{ kind: 'scaling', id: `${FILE} > catches a failed scaling check > s`, name: 's', error: 'Error: factory threw at n=10' }] },
  ]
  const run = runOf(tests)

  test('are CAUGHT, counted apart, and the run passes with exit code 0, as the runner says', () => {
    expect(run.report.summary).toMatchObject({ status: 'PASS', expectations: { pass: 0, warn: 0, fail: 0, caught: 1 }, leaks: { pass: 0, fail: 0, caught: 1 } })
    expect(run.failed).toBe(false)
    expect(run.retention.map((r) => r.check.status)).toEqual(['CAUGHT'])
    expect(run.rows.map((r) => [r.bench.name, r.status])).toEqual([
      ['parse', 'CAUGHT'],
      ['encode', 'CAUGHT'],
    ])
    expect(run.scaling.map((r) => r.status)).toEqual(['CAUGHT'])
  })

  test('the JSON says CAUGHT, valid against the shipped schema, and perfspec report reads it back the same', () => {
    const json = JSON.parse(renderRunJson(run.report)) as RunReport
    expect(runReportProblems(json)).toEqual([])
    expect(json.summary.leaks.caught).toBe(1)
    expect(renderMarkdown(decideStoredRun(runReportOf(json)))).toBe(renderMarkdown(run))
  })

  test('the console says "caught by the test", marks them x, and the verdict is PASS', () => {
    const text = consoleSummary(run, [])
    expect(text).toContain(` x Sess (${FILE}:3): caught by the test: expectCollected("Sess")`)
    expect(text).toContain(` x parse (${FILE}:8): caught by the test: p95 latency`)
    expect(text).toContain(` x encode (${FILE}:12): caught by the test: Error: not implemented`)
    expect(text).toContain(` x s (${FILE}:16): caught by the test: Error: factory threw`)
    expect(text).not.toContain('✗')
    expect(text).toContain(' PASS  2 benchmarks · 0 regressions · expectations 0 pass / 0 warn / 0 fail / 1 caught by the test · leak checks 0 pass / 0 fail / 1 caught by the test')
  })

  test('the Markdown lists them under "Caught by the test", not among the failures; GitHub gets no ::error', () => {
    const md = renderMarkdown(run)
    expect(md).toContain('**✅ PASS**')
    expect(md).not.toContain('## Regressions and failures')
    expect(md).not.toContain('❌')
    const items = md.split('## Caught by the test\n\n')[1]!.split('\n## ')[0]!.split('\n').filter((l) => l.startsWith('- '))
    expect(items.map((l) => l.split(' — ')[1])).toEqual([`${FILE}:8`, `${FILE}:12`, `${FILE}:16`, `${FILE}:3`])
    expect(items[0]).toMatch(/^- ☑️ p95 latency of "parse"/)
    expect(items[1]).toMatch(/^- ☑️ "catches a throwing bench › encode" failed: Error: not implemented/)
    expect(items[2]).toMatch(/failed: Error: factory threw at n=10/)
    expect(items[3]).toMatch(/^- ☑️ "detects a kept session › Sess": expectCollected/)
    expect(runAnnotations(run)).toEqual([])
  })
})

test('the same failures in a test that failed are FAIL, and the run fails (exit code non-zero)', () => {
  const run = runOf([{ file: FILE, line: 3, test: 'keeps a session', state: 'failed', entries: [retained('keeps a session')] }])
  expect(run.report.summary).toMatchObject({ status: 'FAIL', leaks: { fail: 1 } })
  expect(run.failed).toBe(true)
  expect(runAnnotations(run).map((l) => l.split(' ')[0])).toEqual(['::error'])
})

test('a bench stopped because its test passed without awaiting it was caught by no one: FAIL, and the run fails', () => {
  const error = 'stopped before it finished: its test ended before the bench finished, without awaiting it: await bench(…) in the test, or return its promise'
  const run = runOf([{ file: FILE, line: 3, test: 'forgets await', state: 'passed', entries: [{ kind: 'bench', id: `${FILE} > forgets await > b`, name: 'b', error }] }])
  expect(run.rows.map((r) => r.status)).toEqual(['FAIL'])
  expect(run.report.summary.status).toBe('FAIL')
  expect(run.failed).toBe(true)
})

test('a verdict of FAIL always fails the run, whatever made it (an edited report read back included)', () => {
  const tests: TestRecord[] = [{ file: FILE, line: 3, test: 'times out', state: 'failed', entries: benchAndExpectation('times out', 'parse').slice(0, 1) }]
  const run = runOf(tests)
  expect(run.report.summary.status).toBe('FAIL')
  expect(run.failed).toBe(true)
})
