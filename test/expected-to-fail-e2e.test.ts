import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// Benchmarks in tests expected to fail (`test.fails`), through the built plugin in a child Vitest
// (needs `npm run build`; npm test does it). Such a test passes when its body fails, so what it
// measured is no reference: no baseline is written from it or compared with it. (Jest's
// `test.failing`: test/jest-adapter.test.ts, and the runner matrix.)
const file = `import { test } from 'vitest'
import { bench, expectLatency } from 'perfspec'

const opts = { time: '40ms', warmup: '10ms' }
const work = () => JSON.stringify({ a: [1, 2, 3], b: 'x'.repeat(20) })

test.fails('misses an impossible budget', async () => {
  const r = await bench('impossible', work, opts)
  expectLatency(r).p95.toBeLessThan('1ns')
})
test.fails('a body that passes', async () => {
  await bench('passes', work, opts)
})
test('ordinary', async () => {
  await bench('ordinary', work, opts)
})
`

interface Check {
  benchId: string
  status: string
  cause?: string
}

describe('benchmarks in tests expected to fail (Vitest test.fails)', () => {
  const p = new TempProject('expected-to-fail', { 'fails.test.ts': file })
  afterAll(() => p.remove())
  const ids = ['impossible', 'passes', 'ordinary'].map((name, i) => `fails.test.ts > ${['misses an impossible budget', 'a body that passes', 'ordinary'][i]} > ${name}`)
  const statuses = () => {
    const json = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { baselines: Check[]; tests: Array<{ test: string; expectedToFail?: boolean }> }
    return { checks: Object.fromEntries(json.baselines.map((c) => [c.benchId, `${c.status}:${c.cause ?? ''}`])), tests: json.tests }
  }
  const baseline = () => JSON.parse(readFileSync(p.path('baselines/fails.test.ts.json'), 'utf8')) as { benchmarks: Array<{ bench_id: string }> }

  test('write no baseline, are not compared with one, and keep an existing one as it is; the report says why', () => {
    const first = p.vitest(['run', '--reporter=perf'])
    // The test.fails whose body passed is a failed test; the other passed, its body having failed.
    expect(first.status, first.output).toBe(1)
    const { checks, tests } = statuses()
    expect(checks).toEqual({ [ids[0]!]: 'skipped:expected-to-fail', [ids[1]!]: 'skipped:expected-to-fail', [ids[2]!]: 'written:' })
    expect(tests.map((t) => [t.test, t.expectedToFail ?? false])).toEqual([
      ['misses an impossible budget', true],
      ['a body that passes', true],
      ['ordinary', false],
    ])
    expect(first.output).toMatch(/› impossible .* must fail\n/)
    expect(baseline().benchmarks.map((e) => e.bench_id)).toEqual([ids[2]])

    // An entry that was there before the test was marked to fail: kept, neither compared nor rewritten.
    const data = baseline()
    data.benchmarks.push({ ...data.benchmarks[0]!, bench_id: ids[0]! })
    const text = `${JSON.stringify(data, null, 2)}\n`
    writeFileSync(p.path('baselines/fails.test.ts.json'), text)
    p.vitest(['run', '--reporter=perf'], { CI: 'true' })
    expect(statuses().checks[ids[0]!]).toBe('skipped:expected-to-fail')
    expect(readFileSync(p.path('baselines/fails.test.ts.json'), 'utf8')).toBe(text)
    p.vitest(['run', '--reporter=perf', '-u'])
    expect(statuses().checks).toMatchObject({ [ids[0]!]: 'skipped:expected-to-fail', [ids[2]!]: 'updated:' })
    const kept = baseline().benchmarks.find((e) => e.bench_id === ids[0])
    expect(kept).toEqual(data.benchmarks[1])
  })
})
