import { describe, expect, it } from 'vitest'
import type { RetentionEntry } from '../src/model/entries.js'
import type { RunReport, TestRecord } from '../src/model/run-report.js'
import { consoleSummary } from '../src/report/console-summary.js'
import { runAnnotations } from '../src/report/github.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { renderRunJson } from '../src/report/run-json.js'
import { decideStoredRun } from '../src/run/decide.js'
import { runReportProblems } from '../src/run/run-report-schema.js'
import { syntheticRun } from './support/synthetic-run.js'

const collected: RetentionEntry = {
  kind: 'retention',
  check: 'collected',
  id: 'src/session.test.ts > Session > is released > Session',
  name: 'Session',
  status: 'FAIL',
  alive: 1,
  limit: 0,
  method: 'WeakRef',
  retainers: '(module) cache: Map → entry: Session',
  message: '"Session" was not garbage-collected: still alive after 5 full GCs, each after a macrotask (40ms)\n  held by: (module) cache: Map → entry: Session',
}
const instances: RetentionEntry = {
  kind: 'retention',
  check: 'instances',
  id: 'src/session.test.ts > Session > closes > open and close',
  name: 'open and close',
  status: 'PASS',
  alive: 0,
  limit: 1,
  iterations: 100,
  method: 'v8.queryObjects',
  message: '0 Session instances alive after 100 calls of "open and close", at most 1 expected (counted by v8.queryObjects after full GCs)',
}

/** The synthetic run, with a test file that checks its sessions are let go. */
function runWithRetention(): RunReport {
  const { report } = syntheticRun()
  const tests: TestRecord[] = [
    { file: 'src/session.test.ts', line: 12, test: 'Session > is released', state: 'failed', entries: [collected] },
    { file: 'src/session.test.ts', line: 20, test: 'Session > closes', state: 'passed', entries: [instances] },
  ]
  return { ...report, tests: [...report.tests, ...tests] }
}

describe('expectCollected and expectInstances in the report', () => {
  it('count as leak checks in the summary, and a failed one fails the run', () => {
    const base = decideStoredRun(syntheticRun().report).report.summary
    const run = decideStoredRun(runWithRetention())
    expect(run.report.summary.leaks).toEqual({ pass: base.leaks.pass + 1, fail: base.leaks.fail + 1, xfail: base.leaks.xfail })
    expect(run.report.summary.status).toBe('FAIL')
    expect(run.retention.map((r) => r.check.name)).toEqual(['Session', 'open and close'])
  })

  it('Markdown lists the failure with its holder and a table of every check', () => {
    const markdown = renderMarkdown(decideStoredRun(runWithRetention()))
    expect(markdown).toContain('## Objects collected and live instances')
    expect(markdown).toMatch(/\| src\/session\.test\.ts > Session > is released > Session \| garbage-collected \| 1 \| WeakRef \| \(module\) cache: Map → entry: Session \| .*FAIL/)
    expect(markdown).toMatch(/\| .*open and close \| at most 1 after 100 calls \| 0 \| v8\.queryObjects \| — \| .*PASS/)
    expect(markdown).toMatch(/- ❌ "Session › is released › Session": "Session" was not garbage-collected/)
  })

  it('the console names the failed check and GitHub gets an error annotation at its test', () => {
    const run = decideStoredRun(runWithRetention())
    expect(consoleSummary(run, [])).toMatch(/✗ Session \(src\/session\.test\.ts:12\): "Session" was not garbage-collected/)
    expect(runAnnotations(run).filter((l) => l.includes('object not released'))).toEqual([expect.stringMatching(/^::error file=src\/session\.test\.ts,line=12,title=perfspec%3A object not released::/)])
  })

  it('the JSON holds the checks and is valid against the shipped schema', () => {
    const json = JSON.parse(renderRunJson(runWithRetention()))
    expect(runReportProblems(json)).toEqual([])
    const bad = JSON.parse(renderRunJson(runWithRetention()))
    bad.tests.at(-1).entries[0].alive = -1
    expect(runReportProblems(bad).join('\n')).toMatch(/alive/)
  })
})

describe('expectCollected and expectInstances in a test expected to fail (test.fails, test.failing)', () => {
  /** The synthetic run, with the failed collected check in a test expected to fail, which therefore passed. */
  function runExpectedToFail(): RunReport {
    const { report } = syntheticRun()
    const tests: TestRecord[] = [
      { file: 'src/session.test.ts', line: 12, test: 'Session > is released', state: 'passed', expectedToFail: true, entries: [collected] },
      { file: 'src/session.test.ts', line: 20, test: 'Session > closes', state: 'passed', entries: [instances] },
    ]
    return { ...report, tests: [...report.tests, ...tests] }
  }

  it('a failed check is XFAIL, counted apart with the leak checks, and fails neither the run nor gets an ::error', () => {
    const base = decideStoredRun(syntheticRun().report).report.summary
    const run = decideStoredRun(runExpectedToFail())
    expect(run.retention.map((r) => r.check.status)).toEqual(['XFAIL', 'PASS'])
    expect(run.report.summary.leaks).toEqual({ pass: base.leaks.pass + 1, fail: base.leaks.fail, xfail: (base.leaks.xfail ?? 0) + 1 })
    expect(run.report.summary.status).toBe(base.status)
    expect(runAnnotations(run).filter((l) => l.includes('object not released'))).toEqual([])
  })

  it('the console says it failed as expected, and the Markdown lists it under "Failed as expected", not among the failures', () => {
    const run = decideStoredRun(runExpectedToFail())
    expect(consoleSummary(run, [])).toMatch(/x Session \(src\/session\.test\.ts:12\): failed as expected: "Session" was not garbage-collected/)
    const markdown = renderMarkdown(run)
    const expected = markdown.split('## Failed as expected\n\n')[1]!.split('\n## ')[0]!
    expect(expected).toMatch(/- ☑️ "Session › is released › Session": "Session" was not garbage-collected/)
    expect(markdown.split('## Regressions and failures')[1]?.split('\n## ')[0] ?? '').not.toContain('was not garbage-collected')
    expect(markdown).toMatch(/\| src\/session\.test\.ts > Session > is released > Session \| garbage-collected \| 1 \| WeakRef \| .* \| ☑️ failed as expected \|/)
  })

  it('the JSON says XFAIL and is valid against the shipped schema', () => {
    const json = JSON.parse(renderRunJson(decideStoredRun(runExpectedToFail()).report))
    expect(json.tests.at(-2).entries[0].status).toBe('XFAIL')
    expect(runReportProblems(json)).toEqual([])
  })
})

describe('a message of several lines', () => {
  const hostile: RetentionEntry = { ...collected, message: `${collected.message}\n::error file=x.ts,line=1::injected\n  # heading | cell` }
  const run = decideStoredRun({ ...syntheticRun().report, tests: [{ file: 'src/session.test.ts', line: 12, test: 'Session > is released', state: 'failed', entries: [hostile] }] })

  it('keeps its lines in the console, indented, and no line of it starts a workflow command', () => {
    const text = consoleSummary(run, [])
    expect(text).toContain('was not garbage-collected: still alive after 5 full GCs, each after a macrotask (40ms)\n     held by: (module) cache: Map → entry: Session\n     › ::error file=x.ts,line=1::injected\n     # heading | cell\n')
    expect(text).not.toMatch(/^\s*::error/m)
    expect(text).not.toContain('\\n')
  })

  it('keeps its lines in the Markdown (<br>), on one line of the source, in lists and table cells', () => {
    const markdown = renderMarkdown(run)
    expect(markdown).toContain('(40ms)<br>held by: (module) cache: Map → entry: Session<br>::error file=x.ts,line=1::injected<br># heading | cell — src/session.test.ts:12')
    expect(markdown).not.toContain('\\n')
  })
})
