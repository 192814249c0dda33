import { existsSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { benchFile, TempProject } from './helpers/temp-project.js'

// Through the built plugin in a child Vitest (needs `npm run build`; npm test does it). The
// suite's config sets PERFSPEC_BASELINE_PROCESSES=1 for the runners its tests start; these runs
// ask for the option's default, 3, themselves.
const dependsOnEarlierTest = `import { test } from 'vitest'
import { bench } from 'perfspec'

let rows: number[] = []
test('loads', () => {
  rows = Array.from({ length: 2000 }, (_, i) => i)
})
test('sums what the test before it loaded', async () => {
  if (rows.length === 0) throw new Error('nothing loaded: run with the test before')
  await bench('sum', () => rows.reduce((a, b) => a + b, 0), { time: '100ms', warmup: '20ms' })
})
test('fails when run again', async () => {
  await bench('flaky', () => rows.length, { time: '50ms', warmup: false })
  // The further processes of a baseline run in a process tree marked so: here the test fails there.
  if (process.env.PERFSPEC_FRESH_TREE) throw new Error('fails in a further process')
})
`

type Entry = { bench_id: string; attempts?: number; processes?: number; spread?: Record<string, number> }
const entries = (p: TempProject, file: string) => (JSON.parse(readFileSync(p.path(`baselines/${file}.json`), 'utf8')) as { benchmarks: Entry[] }).benchmarks

describe('baselines measured in several processes (Vitest)', () => {
  const p = new TempProject('baseline-processes', { 'a.test.ts': benchFile('a'), 'b.test.ts': dependsOnEarlierTest })
  afterAll(() => p.remove())
  const env = { PERFSPEC_BASELINE_PROCESSES: '3' }

  test('a local run writes new baselines measured in three processes, whole files (a test that needs the test before it included); a test that fails there is written from the run alone, saying why', () => {
    const r = p.vitest(['run', '--reporter=perf'], env)
    expect(r.status, r.output).toBe(0)
    for (const e of entries(p, 'a.test.ts')) {
      expect(e.processes, e.bench_id).toBe(3)
      // Three in the run; a further process stops once it reads what the processes before it read (readEnough).
      expect(e.attempts).toBeGreaterThanOrEqual(3 + 1 + 1)
      expect(e.attempts).toBeLessThanOrEqual(3 * 3 + 3)
      expect(e.spread?.p95).toBeGreaterThanOrEqual(0)
    }
    // The further processes run the whole file: the test before it loads the rows there too.
    const b = entries(p, 'b.test.ts')
    const sum = b.find((e) => e.bench_id.endsWith('> sum'))
    const flaky = b.find((e) => e.bench_id.endsWith('> flaky'))
    expect(sum!.processes).toBe(3)
    expect(flaky!.processes).toBeUndefined()
    expect(r.output).toMatch(/1 baseline was measured in fewer processes than asked \("b\.test\.ts > fails when run again > flaky" in 1 of 3: its test failed in a further process( before it was measured)?, and a failing test is no reference/)
    // The further processes wrote nothing of their own.
    expect(existsSync(p.path('BENCHMARK_RESULTS.json'))).toBe(true)
    const report = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { baselines: Array<{ status: string }> }
    expect(report.baselines.map((c) => c.status)).toEqual(['written', 'written', 'written', 'written'])
  })

  test('the next run, in CI, compares with them and starts no further process for baselines', () => {
    const r = p.vitest(['run', '--reporter=perf'], { ...env, CI: 'true' })
    expect(r.output).not.toContain('processes asked')
    const report = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { baselines: Array<{ status: string }> }
    // Compared, none written. Whether a sub-microsecond benchmark reads as a regression here depends
    // on the machine at that moment (a busy CI host once read one +114 %), so a FAIL is allowed, but only by a regression.
    expect(report.baselines.every((c) => ['ok', 'improved', 'warn', 'regressed'].includes(c.status)), r.output).toBe(true)
    expect(r.status === 0 || report.baselines.some((c) => c.status === 'regressed'), r.output).toBe(true)
  })
})
