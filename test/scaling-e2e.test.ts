import { readFileSync } from 'node:fs'
import { afterAll, expect, test } from 'vitest'
import { runReportProblems } from '../src/run/run-report-schema.js'
import { TempProject } from './helpers/temp-project.js'

// A scaling check under `vitest --reporter=perf`, end to end: recorded in the test, written to
// the JSON (which the shipped schema accepts), the Markdown and the console; no baseline.
const project = new TempProject('scaling-e2e', {
  'pairs.test.ts': `import { describe, test } from 'vitest'
import { bench, benchScaling, expectLatency, expectScaling } from 'perfspec'

function pairs(a: Float64Array): number {
  let count = 0
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (a[i] === a[j]) count++
  return count
}

function everyPair() {
  return benchScaling('every pair', (n) => {
    const a = Float64Array.from({ length: n }, (_, i) => i)
    return () => pairs(a)
  }, { sizes: [100, 400, 1_600], time: '300ms', rounds: 5, warmup: '20ms' })
}

describe('pairs', () => {
  test('grows', async () => {
    const r = await everyPair()
    expectScaling(r).toBeAtMost('n^3')
    expectLatency(r.points[0].result).p50.toBeLessThan('1s')
    await bench('every pair', () => pairs(new Float64Array(10)), { time: '30ms', warmup: '10ms' })
  })
  test('is not constant', async () => {
    expectScaling(await everyPair()).toBeAtMost('1')
  })
})
`,
})

afterAll(() => project.remove())

test('a scaling check is in the JSON, the Markdown and the console, and has no baseline', () => {
  const { status, output } = project.vitest(['run', '--reporter=perf'])
  expect(status).toBe(1) // 'is not constant' fails
  expect(output).toMatch(/growth of "every pair" looked like O\(n.*\), expected at most O\(1\)/)
  const json = JSON.parse(readFileSync(project.path('BENCHMARK_RESULTS.json'), 'utf8'))
  expect(runReportProblems(json)).toEqual([])
  const grows = json.tests.find((t: { test: string }) => t.test === 'pairs > grows')
  const scaling = grows.entries.find((e: { kind: string }) => e.kind === 'scaling')
  expect(scaling.id).toBe('pairs.test.ts > pairs > grows > every pair')
  expect(scaling.result.points.map((p: { size: number }) => p.size)).toEqual([100, 400, 1_600])
  // The bench of the same name gets an id of its own.
  expect(grows.entries.find((e: { kind: string }) => e.kind === 'bench').id).toBe('pairs.test.ts > pairs > grows > every pair #2')
  expect(grows.entries.filter((e: { kind: string }) => e.kind === 'expectation').map((e: { benchId: string }) => e.benchId)).toEqual([
    'pairs.test.ts > pairs > grows > every pair',
    'pairs.test.ts > pairs > grows > every pair [n=100]',
  ])

  const md = readFileSync(project.path('BENCHMARK_RESULTS.md'), 'utf8')
  expect(md).toMatch(/^## Scaling$/m)
  expect(md).toMatch(/^### pairs › grows › every pair$/m)
  expect(md).toMatch(/^\| 1,600 \| [\d.]+(µs|ms) \|/m)
  expect(md).toMatch(/title "every pair: time per call by size \(bars\), fitted O\(n/)
  expect(md).toMatch(/\| growth at most O\(n³\) \| ✅ PASS \|/)
  expect(md).toMatch(/\| p50 latency < limit \| ✅ PASS \|/)
  expect(md).toMatch(/^- ❌ growth of "every pair" looked like .*expected at most O\(1\)/m)
  expect(output).toMatch(/✓ pairs › grows › every pair +O\(n/)
  expect(output).toMatch(/✗ pairs › is not constant › every pair +O\(n/)

  // Only the bench() has a baseline.
  const baseline = JSON.parse(readFileSync(project.path('baselines/pairs.test.ts.json'), 'utf8'))
  expect(baseline.benchmarks.map((b: { bench_id: string }) => b.bench_id)).toEqual(['pairs.test.ts > pairs > grows > every pair #2'])
})
