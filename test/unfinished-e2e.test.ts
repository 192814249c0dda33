import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// A matcher chain left unfinished fails its test under Vitest, through the built plugin in a
// child Vitest (needs `npm run build`; npm test does it). The benches are tiny and opt out of
// baselines: nothing here depends on what they measure.
const file = `import { describe, expect, test } from 'vitest'
import { bench, expectLatency } from 'perfspec'

const tiny = () => bench('tiny', () => 1 + 1, { time: '10ms', warmup: false, baseline: false })

describe('chains', () => {
  test('left unfinished', async () => {
    const r = await tiny()
    expectLatency(r).p95
  })
  test('finished', async () => {
    const r = await tiny()
    expectLatency(r).p95.toBeLessThan('10s')
  })
  test('failing on its own', async () => {
    const r = await tiny()
    expectLatency(r).p99
    expect(1).toBe(2)
  })
  test('skipped midway', async (ctx) => {
    const r = await tiny()
    expectLatency(r).p90
    ctx.skip()
  })
  test.concurrent('concurrent, left unfinished', async () => {
    const r = await tiny()
    expectLatency(r).p50.toBeWithin('5%')
  })
  test.concurrent('concurrent, finished', async () => {
    const r = await tiny()
    expectLatency(r).max.toBeLessThanOrEqual('10s')
  })
})
`

describe('an unfinished matcher chain (Vitest)', () => {
  const p = new TempProject('unfinished', { 'chains.test.ts': file })
  afterAll(() => p.remove())
  let run: { status: number | null; output: string }
  let states: Record<string, string>
  beforeAll(() => {
    run = p.vitest(['run', '--reporter=default', '--reporter=perf'])
    const report = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { tests: Array<{ test: string; state: string }> }
    states = Object.fromEntries(report.tests.map((t) => [t.test, t.state]))
  })

  test('fails the test that left it, naming the chain, its line and how to finish it', () => {
    expect(run.status).toBe(1)
    expect(run.output).toMatch(/UnfinishedExpectationError: perfspec: an expectation was left unfinished, so it asserts nothing:\n\s+expectLatency\(…\)\.p95 at .*chains\.test\.ts:9:\d+: go on with \.toBeLessThan\(…\) or \.toBeLessThanOrEqual\(…\)/)
    expect(states['chains > left unfinished']).toBe('failed')
    expect(states['chains > finished']).toBe('passed')
  })

  test('a test that failed on its own reports only its own failure; one skipped midway stays skipped', () => {
    expect(states['chains > failing on its own']).toBe('failed')
    expect(run.output).not.toContain('expectLatency(…).p99')
    expect(states['chains > skipped midway']).toBe('skipped')
    expect(run.output).not.toContain('expectLatency(…).p90')
  })

  test('concurrent tests: the one that left it fails, the other passes', () => {
    expect(run.output).toMatch(/expectLatency\(…\)\.p50\.toBeWithin\(…\) at .*chains\.test\.ts:27:\d+: go on with \.of\(…\)/)
    expect(states['chains > concurrent, left unfinished']).toBe('failed')
    expect(states['chains > concurrent, finished']).toBe('passed')
  })
})
