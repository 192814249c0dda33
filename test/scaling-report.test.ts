import { expect, test } from 'vitest'
import { renderMarkdown } from '../src/report/markdown.js'
import { consoleSummary } from '../src/report/console-summary.js'
import { decideStoredRun } from '../src/run/decide.js'
import { runReportOf, runReportProblems } from '../src/run/run-report-schema.js'
import { syntheticRun } from './support/synthetic-run.js'

test('a run with a scaling check survives its JSON: the schema accepts it and `perfspec report` renders it the same', () => {
  const run = syntheticRun()
  expect(run.scaling).toHaveLength(1)
  const data = JSON.parse(JSON.stringify(run.report))
  expect(runReportProblems(data)).toEqual([])
  const again = decideStoredRun(runReportOf(data))
  expect(renderMarkdown(again)).toBe(renderMarkdown(run))
  expect(consoleSummary(again, [])).toBe(consoleSummary(run, []))
})

test('the schema names what is wrong in a scaling entry, down to a size\'s histogram', () => {
  const data = JSON.parse(JSON.stringify(syntheticRun().report))
  const test = data.tests.find((t: { file: string }) => t.file === 'src/sort.test.ts')
  test.entries[0].result.fit.best = 'n^4'
  test.entries[0].result.points[1].result.histogram = 'not a histogram'
  const at = data.tests.indexOf(test)
  expect(runReportProblems(data)).toEqual([
    expect.stringMatching(new RegExp(`^tests\\[${at}\\]\\.entries\\[0\\]\\.result\\.fit\\.best must be one of "1", "log n", "n", "n log n", "n\\^2", "n\\^3"`)),
    expect.stringMatching(new RegExp(`^tests\\[${at}\\]\\.entries\\[0\\]\\.result\\.points\\[1\\]\\.result\\.histogram`)),
  ])
})

test('a scaling check that failed is a failed row, with its error, and fails the run', () => {
  const run = syntheticRun()
  const report = JSON.parse(JSON.stringify(run.report))
  const test = report.tests.find((t: { file: string }) => t.file === 'src/sort.test.ts')
  test.state = 'failed'
  test.entries = [{ kind: 'scaling', id: 'src/sort.test.ts > sorting > grows as n log n > sort', name: 'sort', error: 'at n=1,000: boom' }]
  expect(runReportProblems(report)).toEqual([])
  const decided = decideStoredRun(runReportOf(report))
  expect(decided.scaling.map((r) => r.status)).toEqual(['FAIL'])
  expect(decided.report.summary.status).toBe('FAIL')
  const md = renderMarkdown(decided)
  expect(md).toContain('- ❌ "sorting › grows as n log n › sort" failed: at n=1,000: boom — src/sort.test.ts:12')
  expect(md).toContain('❌ FAIL: at n=1,000: boom — src/sort.test.ts:12')
  expect(consoleSummary(decided, [])).toMatch(/✗ sort \(src\/sort\.test\.ts:12\): failed: at n=1,000: boom/)
})

test('a scaling check\'s name is shown letter for letter: no markup of its own in the heading, the tables or the chart', () => {
  const report = JSON.parse(JSON.stringify(syntheticRun().report))
  const test = report.tests.find((t: { file: string }) => t.file === 'src/sort.test.ts')
  const hostile = '<img src=x onerror=alert(1)> *sort* [a](b) "q"'
  test.entries[0].name = hostile
  test.entries[0].result.name = hostile
  const md = renderMarkdown(decideStoredRun(runReportOf(report)))
  expect(md).not.toContain('<img')
  expect(md).toContain('### sorting › grows as n log n › &lt;img src=x onerror=alert(1)> \\*sort\\* \\[a\\](b) "q"')
  // Mermaid reads quotes, brackets and angle brackets as syntax or HTML: the chart's title drops them.
  const title = md.split('\n').find((line) => line.startsWith('  title "img src=x onerror=alert(1) *sort* a'))
  expect(title).toMatch(/^ {2}title "[^"<>[\]]*"$/)
})
