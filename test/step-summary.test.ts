import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { finishRun } from '../src/adapters/finish-run.js'
import { resolvePerfOptions } from '../src/run/options.js'
import { oneTestReport } from './support/one-test-report.js'
import { fixedResult } from './support/fixed-result.js'

// $GITHUB_STEP_SUMMARY that cannot be appended to: one line naming it and why, the run failed as
// for a report that was not written, and everything else still written and printed. Both runners
// end their runs through finishRun.
describe('the GitHub step summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfspec-step-summary-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const result = fixedResult(0.05, { id: 'a.test.ts > t > sum', name: 'sum' })
  const report = oneTestReport('a.test.ts', 't', [{ kind: 'bench', id: result.id, name: 'sum', result, baseline: false }], { benchmarks: 1, expectations: { pass: 0, warn: 0, fail: 0 } })
  const finish = (root: string, summary: string) =>
    finishRun(
      { tests: report.tests, root, runner: { name: 'vitest', version: '4' }, startedAt: 0, options: resolvePerfOptions({}), runnerCi: true, now: () => 1000, speed: () => ({ ns: 10, version: 1 }) },
      { NO_COLOR: '1', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    )

  test('is appended to when it can be', () => {
    const root = join(dir, 'ok')
    const summary = join(dir, 'ok-summary.md')
    writeFileSync(summary, '# earlier step\n')
    const out = finish(root, summary)
    expect(out.failed).toBe(false)
    expect(readFileSync(summary, 'utf8')).toMatch(/^# earlier step\n# Benchmark results/)
  })

  test('in a folder that does not exist, or that is a directory: said in one line, the run fails, the reports are still written', () => {
    const root = join(dir, 'missing')
    const missing = join(dir, 'nonexistent', 'dir', 'x.md')
    const out = finish(root, missing)
    expect(out.failed).toBe(true)
    expect(out.console).toContain(`✗ the GitHub step summary not written to ${missing} ($GITHUB_STEP_SUMMARY): its folder does not exist. The run fails`)
    expect(out.console).toMatch(/^ FAIL {2}1 benchmark/m)
    expect(out.console).toContain('wrote BENCHMARK_RESULTS.json, BENCHMARK_RESULTS.md')
    expect(readFileSync(join(root, 'BENCHMARK_RESULTS.md'), 'utf8')).toContain('# Benchmark results')
    // The reports written before it say so too: none says PASS over a run that failed.
    const json = JSON.parse(readFileSync(join(root, 'BENCHMARK_RESULTS.json'), 'utf8'))
    expect(json.summary.status).toBe('FAIL')
    expect(json.problems.join('\n')).toContain('the GitHub step summary not written')
    expect(readFileSync(join(root, 'BENCHMARK_RESULTS.md'), 'utf8')).toMatch(/\*\*❌ FAIL\*\*[\s\S]*the GitHub step summary not written/)

    const folder = join(dir, 'a-folder')
    mkdirSync(folder)
    const again = finish(join(dir, 'folder'), folder)
    expect(again.failed).toBe(true)
    expect(again.console).toContain(`✗ the GitHub step summary not written to ${folder} ($GITHUB_STEP_SUMMARY): it is a directory; give a file path. The run fails`)
  })
})
