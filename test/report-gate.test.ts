import { describe, expect, test } from 'vitest'
import type { BaselineCheck } from '../src/model/baseline-check.js'
import { DEFAULT_GATE } from '../src/model/gate.js'
import { discountMachineDrift, machineDrift } from '../src/compare/machine-drift.js'
import { runAnnotations } from '../src/report/github.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { checkText } from '../src/report/verdict-text.js'
import type { RunReport } from '../src/model/run-report.js'
import { decideRun } from '../src/run/decide.js'
import { folderInWorkspace } from '../src/run/workspace-folder.js'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'

function check(id: string, status: BaselineCheck['status'], typicalChange?: number, extra: Partial<BaselineCheck> = {}): BaselineCheck {
  return { benchId: id, file: 'a.test.ts', line: 7, status, metric: 'p95', threshold: 0.2, baselineFile: 'baselines/a.test.ts.json', baseline: 1, current: 1.5, change: 0.5, interval: [0.45, 0.55], reason: status === 'regressed' ? 'beyond-threshold' : 'unchanged', ...(typicalChange !== undefined && { typicalChange }), ...extra }
}

describe('run-wide drift', () => {
  test('needs three benchmarks, and is their median typical change', () => {
    expect(machineDrift([check('a', 'ok', 0.5), check('b', 'ok', 0.1)])).toBeUndefined()
    expect(machineDrift([check('a', 'ok', 0.5), check('b', 'ok', 0.1), check('c', 'ok', 0.3)])).toBeCloseTo(0.3)
  })

  test('one slowed benchmark among steady ones stays regressed', () => {
    const checks = discountMachineDrift([check('slow', 'regressed', 0.5), check('b', 'ok', 0.01), check('c', 'ok', -0.02), check('d', 'ok', 0.03)], DEFAULT_GATE)
    expect(checks[0]!.status).toBe('regressed')
  })

  test('when every benchmark moved together, the machine did: WARN, saying so', () => {
    const checks = discountMachineDrift([check('a', 'regressed', 0.7), check('b', 'regressed', 0.65), check('c', 'warn', 0.6)], DEFAULT_GATE)
    expect(checks.map((c) => c.status)).toEqual(['warn', 'warn', 'warn'])
    expect(checks[0]!.reason).toBe('machine-slower')
    expect(checks[0]!.drift).toBeCloseTo(0.65)
    expect(checkText(checks[0]!)).toContain('most benchmarks in this run is +65% slower')
  })

  test("the machine must agree: every benchmark slower while this run's speed reference reads the machine at its usual speed is slower code", () => {
    const all = (speedRatio: number) =>
      discountMachineDrift([check('a', 'regressed', 7), check('b', 'regressed', 6.5), check('c', 'regressed', 7.2)].map((c) => ({ ...c, machine: { changes: [], speedRatio, other: false } })), DEFAULT_GATE)
    // A shared helper eight times slower; the reference 9 % slower than the baselines' (within the WARN band): failed.
    expect(all(1.09).map((c) => c.status)).toEqual(['regressed', 'regressed', 'regressed'])
    // The reference itself reads the machine slower than the WARN band: the drift may be the machine's.
    expect(all(1.4).map((c) => c.reason)).toEqual(['machine-slower', 'machine-slower', 'machine-slower'])
    // Without a reference to set against the baselines' (older baselines), as before.
    expect(discountMachineDrift([check('a', 'regressed', 0.7), check('b', 'regressed', 0.65), check('c', 'warn', 0.6)], DEFAULT_GATE)[0]!.reason).toBe('machine-slower')
  })

  test('a benchmark far slower than the drift stays regressed', () => {
    const checks = discountMachineDrift([check('a', 'regressed', 2), check('b', 'warn', 0.3), check('c', 'warn', 0.25)], DEFAULT_GATE)
    expect(checks[0]!.status).toBe('regressed')
  })
})

describe('reports of the gate', () => {
  const report: RunReport = {
    perfspec: 1,
    createdAt: '2026-11-24T10:00:00.000Z',
    duration: 1200,
    runner: { name: 'vitest', version: '4.1.12' },
    environment: { os: 'Linux 6', arch: 'x64', cpu: 'Test CPU', cores: 2, memory: 4e9, node: 'v20.20.0', ci: true },
    tests: [{ file: 'a.test.ts', line: 7, test: 't', state: 'passed', entries: [{ kind: 'bench', id: 'a.test.ts > slow', name: 'slow', error: 'not measured in this fixture' }, { kind: 'bench', id: 'a.test.ts > tail', name: 'tail', error: 'not measured in this fixture' }] }],
    baselines: [
      check('a.test.ts > slow', 'regressed', 0.5, { interval: [0.5, 0.5], machine: { changes: [{ field: 'cores', before: 4, now: 2 }], other: true } }),
      check('a.test.ts > tail', 'warn', 0.01, { current: 1.4, change: 0.4, interval: [0.3, 0.5], reason: 'tail-only' }),
    ],
    baselineErrors: [],
    summary: { benchmarks: 2, expectations: { pass: 0, warn: 0, fail: 0 }, leaks: { pass: 0, fail: 0 }, regressions: 1, status: 'FAIL' },
  }

  test('annotations: ::error for the regression, ::warning for the WARN, environment named', () => {
    const lines = runAnnotations(decideRun(report))
    expect(lines[0]).toMatch(/^::error file=a\.test\.ts,line=7,title=perfspec%3A performance regression::regression in "a\.test\.ts > slow": p95 1\.00ms → 1\.50ms \(\+50%25, threshold 20%25\); typical call \+50%25 \(baseline from another machine: cores 4 → 2\)$/)
    expect(lines[1]).toMatch(/^::warning file=a\.test\.ts,line=7,title=perfspec%3A slower than baseline::"a\.test\.ts > tail" is above the threshold in the tail only/)
  })

  test("annotations of a project in a folder of the repository: the file's path from the repository's top, as GitHub places it", () => {
    const lines = runAnnotations(decideRun(report), 'packages/web')
    expect(lines[0]).toMatch(/^::error file=packages\/web\/a\.test\.ts,line=7,/)
    expect(lines[1]).toMatch(/^::warning file=packages\/web\/a\.test\.ts,line=7,/)
    const top = mkdtempSync(join(tmpdir(), 'perfspec-workspace-'))
    mkdirSync(join(top, 'packages', 'web'), { recursive: true })
    try {
      expect(folderInWorkspace(join(top, 'packages', 'web'), { GITHUB_WORKSPACE: top })).toBe('packages/web')
      expect(folderInWorkspace(top, { GITHUB_WORKSPACE: top })).toBe('')
      expect(folderInWorkspace(tmpdir(), { GITHUB_WORKSPACE: top })).toBe('')
      expect(folderInWorkspace(join(top, 'packages', 'web'), {})).toBe('')
    } finally {
      rmSync(top, { recursive: true, force: true })
    }
  })

  test("annotations of a Vitest project with a root of its own: at the file's path from the run's root (the record's path), not its project's", () => {
    const inPackage: RunReport = { ...report, tests: report.tests.map((t) => ({ ...t, path: 'packages/web/a.test.ts' })) }
    const lines = runAnnotations(decideRun(inPackage))
    expect(lines[0]).toMatch(/^::error file=packages\/web\/a\.test\.ts,line=7,/)
    expect(lines[1]).toMatch(/^::warning file=packages\/web\/a\.test\.ts,line=7,/)
    expect(runAnnotations(decideRun(inPackage), 'repo')[0]).toMatch(/^::error file=repo\/packages\/web\/a\.test\.ts,line=7,/)
  })

  test("a test file reached through '..' (Jest roots beside rootDir): the path resolved; one outside the repository gets no file", () => {
    const outside = (file: string): RunReport => ({ ...report, tests: report.tests.map((t) => ({ ...t, file })) })
    expect(runAnnotations(decideRun(outside('../shared/a.test.js')), 'packages/web')[0]).toMatch(/^::error file=packages\/shared\/a\.test\.js,line=7,/)
    const lost = runAnnotations(decideRun(outside('../../../outside/a.test.js')), 'src')[0]!
    expect(lost).toMatch(/^::error title=/)
    expect(lost).not.toContain('file=')
  })

  test('Markdown: regressions first, then the WARNs that were not failed and why', () => {
    const md = renderMarkdown(decideRun(report))
    expect(md.indexOf('## Regressions')).toBeGreaterThan(0)
    expect(md).toContain('baseline from another machine: cores 4 → 2')
    expect(md).toContain('## Not failed, worth a look')
    expect(md.indexOf('## Regressions')).toBeLessThan(md.indexOf('## Not failed, worth a look'))
  })
})
