import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// A bench quick enough for a test; the A/B environment points at a coordinator that is not
// there, so bench() measures alone, as it does when the coordinator is gone.
const file = `import { test } from 'vitest'
import { bench } from 'perfspec'
test('t', async () => {
  await bench('sum', () => { let s = 0; for (let i = 0; i < 100; i++) s += i; return s }, { time: '30ms', warmup: '5ms' })
})
`

describe('the Vitest reporter in A/B mode (PERFSPEC_AB)', () => {
  const p = new TempProject('ab-reporter', { 'a.test.ts': file })
  afterAll(() => p.remove())

  test('writes no report and neither reads, writes nor prunes baselines', () => {
    // A baseline of another benchmark, which a normal run would report as obsolete and might prune.
    mkdirSync(p.path('baselines'), { recursive: true })
    const baseline = JSON.stringify({ version: 1, benchmarks: [] })
    writeFileSync(p.path('baselines/a.test.ts.json'), baseline)
    const ab = JSON.stringify({ v: 1, socket: join(tmpdir(), 'perfspec-ab-none.sock'), side: 'head', run: 'test' })
    const r = p.vitest(['run', '--reporter=perf'], { PERFSPEC_AB: ab })
    expect(r.status, r.output).toBe(0)
    expect(existsSync(p.path('BENCHMARK_RESULTS.json'))).toBe(false)
    expect(existsSync(p.path('BENCHMARK_RESULTS.md'))).toBe(false)
    expect(readFileSync(p.path('baselines/a.test.ts.json'), 'utf8')).toBe(baseline)
  })

  test('a PERFSPEC_AB that cannot be read is a clear error naming it', () => {
    const r = p.vitest(['run', '--reporter=perf'], { PERFSPEC_AB: '{"v":9}' })
    expect(r.status).not.toBe(0)
    expect(r.output).toMatch(/PERFSPEC_AB has "v" 9/)
  })
})
