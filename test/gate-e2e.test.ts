import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { benchFile, TempProject } from './helpers/temp-project.js'

// End to end through the built plugin: a scratch project, `vitest run --reporter=perf` as a
// child process, assertions on exit codes, files and output. The slowed bench is 10x slower,
// far beyond any noise of a busy 2-core machine. Needs `npm run build` (npm test does it).
describe('baselines gate a Vitest run', () => {
  let p: TempProject
  const baseline = () => p.path('baselines/work.test.ts.json')
  const read = () => readFileSync(baseline(), 'utf8')
  const p95Of = (id: string) => (JSON.parse(read()) as { benchmarks: Array<{ bench_id: string; p95: number }> }).benchmarks.find((b) => b.bench_id.endsWith(id))!.p95

  beforeAll(() => {
    p = new TempProject('gate', { 'work.test.ts': benchFile('work') })
  })
  afterAll(() => p.remove())

  test('a local run writes missing baselines', () => {
    const r = p.vitest(['run', '--reporter=perf'])
    expect(r.status, r.output).toBe(0)
    expect(r.output).toMatch(/ spin .* written\n/)
    expect(JSON.parse(read()).benchmarks).toHaveLength(2)
  })

  test('CI fails a 10x regression, names bench, metric, values, change and threshold, and writes nothing', () => {
    const before = read()
    const r = p.vitest(['run', '--reporter=perf'], { CI: 'true', SLOW_FACTOR: '10' })
    expect(r.status, r.output).toBe(1)
    expect(r.output).toMatch(/✗ spin \(work\.test\.ts:14\): regression: p95 [\d.]+\S+ → [\d.]+\S+ \(\+\d+%, threshold 20%\)/)
    expect(r.output).not.toMatch(/steady \(work\.test\.ts:\d+\): regression/)
    // Measured again at the end of the run, in a fresh Vitest process on that test alone.
    expect(r.output).toMatch(/✗ spin .*confirmed by (\d+) of \1 \([1-9]\d* in a fresh process\) measurements/)
    expect(read()).toBe(before)
  })

  test('under GitHub Actions: ::error at the bench() call in the test, Markdown appended to the step summary', () => {
    const summary = p.path('step-summary.md')
    writeFileSync(summary, '# earlier step\n')
    const r = p.vitest(['run', '--reporter=perf'], { CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, SLOW_FACTOR: '10' })
    expect(r.status, r.output).toBe(1)
    expect(r.output).toMatch(/^::error file=work\.test\.ts,line=14,title=perfspec%3A performance regression::regression in "work\.test\.ts > (work > )?spins > spin": p95 .*threshold 20%25/m)
    const md = readFileSync(summary, 'utf8')
    expect(md.startsWith('# earlier step\n')).toBe(true)
    expect(md).toContain('## Regressions and failures')
    expect(md.indexOf('## Regressions and failures')).toBeLessThan(md.indexOf('## work.test.ts'))
    const report = readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')
    expect(report).toMatch(/\| (work › )?spins › spin \| [\d.]+[nµm]?s \| [\d.]+[nµm]?s \| [\d.]+[nµm]?s \| [\d.]+k? \| \+\d+% \| ❌ FAIL \|/)
  })

  test('vitest -u rewrites the baselines of the benches that ran; then the slow code is the norm', () => {
    const before = p95Of('spin')
    const r = p.vitest(['run', '-u', '--reporter=perf'], { SLOW_FACTOR: '10' })
    expect(r.status, r.output).toBe(0)
    expect(r.output).toMatch(/ spin .* updated\n/)
    expect(p95Of('spin')).toBeGreaterThan(before * 5)
    expect(p.vitest(['run', '--reporter=perf'], { CI: 'true', SLOW_FACTOR: '10' }).status).toBe(0)
  })

  test('PERFSPEC_UPDATE=all rewrites even in CI; CI alone never does', () => {
    const slow = p95Of('spin')
    const mtime = statSync(baseline()).mtimeMs
    expect(p.vitest(['run', '--reporter=perf'], { CI: 'true' }).status).toBe(0) // faster: improved, not failed
    expect(statSync(baseline()).mtimeMs).toBe(mtime)
    expect(p.vitest(['run', '--reporter=perf'], { CI: 'true', PERFSPEC_UPDATE: 'all' }).status).toBe(0)
    expect(p95Of('spin')).toBeLessThan(slow / 5)
  })

  test('a new benchmark in CI is reported, not written, not failed', () => {
    rmSync(baseline())
    const r = p.vitest(['run', '--reporter=perf'], { CI: 'true' })
    expect(r.status, r.output).toBe(0)
    expect(r.output).toMatch(/ spin .* new\n/)
    expect(() => read()).toThrow()
  })

  test('a corrupt baseline is named with its line, left alone, and fails CI; -u repairs it', () => {
    const corrupt = '{\n  "perfspec": 1,\n  "benchmarks": [\n    { "bench_id": oops }\n  ]\n}\n'
    p.write('baselines/work.test.ts.json', corrupt)
    const ci = p.vitest(['run', '--reporter=perf'], { CI: 'true' })
    expect(ci.status, ci.output).toBe(1)
    expect(ci.output).toMatch(/baselines\/work\.test\.ts\.json is not valid JSON: .*\(line 4, column \d+\)/)
    expect(ci.output).toMatch(/ spin .* unchecked\n/)
    expect(read()).toBe(corrupt)
    const local = p.vitest(['run', '--reporter=perf'])
    expect(local.status, local.output).toBe(0)
    expect(read()).toBe(corrupt)
    expect(p.vitest(['run', '-u', '--reporter=perf']).status).toBe(0)
    expect(JSON.parse(read()).benchmarks).toHaveLength(2)
  })

  test('a schema-invalid baseline names the field', () => {
    const data = JSON.parse(read())
    delete data.benchmarks[0].p95
    p.write('baselines/work.test.ts.json', JSON.stringify(data, null, 2))
    const r = p.vitest(['run', '--reporter=perf'], { CI: 'true' })
    expect(r.status, r.output).toBe(1)
    expect(r.output).toContain('baselines/work.test.ts.json does not match the baseline schema: benchmarks[0].p95 is missing')
  })
})
