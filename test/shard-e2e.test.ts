import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunReport } from '../src/model/run-report.js'
import { benchFile, TempProject } from './helpers/temp-project.js'

// `vitest run --shard=i/n --reporter=blob` then `vitest --merge-reports --reporter=perf` must
// give the report and the gate of one whole run: the perfspec entries travel in the test
// cases' meta through the blobs, and the reporter receives the merged test cases.
describe('sharded CI', () => {
  let p: TempProject
  const report = () => JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as RunReport
  // The steady benchmarks are timed again in each run: whether they read ok, improved or warn
  // depends on the machine at that moment, so only "regressed or not" must agree.
  const summary = (r: RunReport) =>
    r.baselines.map((c) => `${c.benchId} @${c.file}:${c.line} ${c.status === 'regressed' ? 'regressed' : 'not regressed'}`).sort()

  beforeAll(() => {
    // The whole run's regressions are ten times slower: a fresh process, or a baseline measured
    // more than once, would only add time.
    p = new TempProject('shard', { 'a.test.ts': benchFile('a'), 'b.test.ts': benchFile('b') }, '{ freshProcess: false, baselineAttempts: 1 }')
    expect(p.vitest(['run', '--reporter=perf']).status).toBe(0) // writes the baselines
  })
  afterAll(() => p.remove())

  test('merged shards give the same benchmarks, locations, statuses and exit code as one run', () => {
    const env = { CI: 'true', SLOW_FACTOR: '10' }
    const whole = p.vitest(['run', '--reporter=perf'], env)
    expect(whole.status, whole.output).toBe(1)
    const one = report()

    for (const i of [1, 2]) {
      const shard = p.vitest(['run', `--shard=${i}/2`, '--reporter=blob', `--outputFile=.vitest-reports/blob-${i}.json`], env)
      expect(shard.status, shard.output).toBe(0)
    }
    const merged = p.vitest(['--merge-reports', '--reporter=perf'], { CI: 'true' })
    expect(merged.status, merged.output).toBe(1)
    expect(merged.output).toMatch(/✗ spin \(a\.test\.ts:\d+\): regression: p95/)
    expect(merged.output).toMatch(/✗ spin \(b\.test\.ts:\d+\): regression: p95/)
    const fromShards = report()
    expect(summary(fromShards)).toEqual(summary(one))
    expect(fromShards.summary.regressions).toBe(2)
    expect(fromShards.tests.flatMap((t) => t.entries).filter((e) => e.kind === 'bench')).toHaveLength(4)
    // The shards' workers confirmed the regressions, as a single run's do.
    const confirmed = fromShards.tests.flatMap((t) => t.entries).filter((e) => e.kind === 'bench' && e.result?.attempts?.purpose === 'confirm')
    expect(confirmed.length).toBeGreaterThanOrEqual(2)
  })

  test("a merge judges by the testbed its shards measured as: taken from them when it names none; another named is refused (probe 21 #3)", () => {
    // The baselines of testbed "ci": the unnamed ones stay as they were.
    expect(p.vitest(['run', '--reporter=perf'], { PERFSPEC_TESTBED: 'ci' }).status).toBe(0)
    const env = { CI: 'true', SLOW_FACTOR: '10', PERFSPEC_TESTBED: 'ci' }
    for (const i of [1, 2]) expect(p.vitest(['run', `--shard=${i}/2`, '--reporter=blob', `--outputFile=.vitest-reports/blob-${i}.json`], env).status).toBe(0)
    const merged = p.vitest(['--merge-reports', '--reporter=perf'], { CI: 'true' })
    expect(merged.status, merged.output).toBe(1)
    expect(report().testbed).toBe('ci')
    expect(report().summary.regressions).toBe(2)
    expect(report().baselines.some((c) => c.otherTestbed !== undefined)).toBe(false)
    const other = p.vitest(['--merge-reports', '--reporter=perf'], { CI: 'true', PERFSPEC_TESTBED: 'mac' })
    expect(other.status).toBe(1)
    expect(other.output).toContain('the shards measured as testbed "ci", and this merge names testbed "mac": it would judge their results against another testbed\'s baselines than theirs')
  })
})
