import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// Benchmarks in tests expected to fail (`test.fails`), through the built plugin in a child Vitest
// (needs `npm run build`; npm test does it). Such a test passes when its body fails, so what it
// measured is no reference: no baseline is written from it or compared with it; and what failed
// in it failed as expected (XFAIL), which fails neither the test nor perfspec's verdict. (Jest's
// `test.failing`: test/jest-adapter.test.ts, and the runner matrix; every report's wording:
// test/expected-to-fail-report.test.ts.)
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

interface Json {
  baselines: Check[]
  tests: Array<{ test: string; state: string; expectedToFail?: boolean; entries: Array<{ kind: string; name?: string; status?: string }> }>
  summary: { status: string; expectations: Record<string, number>; leaks: Record<string, number> }
}

describe('benchmarks in tests expected to fail (Vitest test.fails)', () => {
  const p = new TempProject('expected-to-fail', { 'fails.test.ts': file }, '{ baselineAttempts: 1, freshProcess: false }')
  afterAll(() => p.remove())
  const ids = ['impossible', 'passes', 'ordinary'].map((name, i) => `fails.test.ts > ${['misses an impossible budget', 'a body that passes', 'ordinary'][i]} > ${name}`)
  const statuses = () => {
    const json = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as Json
    return { checks: Object.fromEntries(json.baselines.map((c) => [c.benchId, `${c.status}:${c.cause ?? ''}`])), tests: json.tests, summary: json.summary }
  }
  const baseline = () => JSON.parse(readFileSync(p.path('baselines/fails.test.ts.json'), 'utf8')) as { benchmarks: Array<{ bench_id: string }> }

  test('write no baseline, are not compared with one, and keep an existing one as it is; the report says why', () => {
    const first = p.vitest(['run', '--reporter=perf'])
    // The test.fails whose body passed is a failed test; the other passed, its body having failed.
    expect(first.status, first.output).toBe(1)
    const { checks, tests, summary } = statuses()
    expect(checks).toEqual({ [ids[0]!]: 'skipped:expected-to-fail', [ids[1]!]: 'skipped:expected-to-fail', [ids[2]!]: 'written:' })
    expect(tests.map((t) => [t.test, t.state, t.expectedToFail ?? false])).toEqual([
      ['misses an impossible budget', 'passed', true],
      ['a body that passes', 'failed', true],
      ['ordinary', 'passed', false],
    ])
    // The missed budget is how its test passed: failed as expected. perfspec fails the run, as the
    // runner does, for the test that did not fail.
    expect(tests[0]!.entries.filter((e) => e.kind === 'expectation').map((e) => e.status)).toEqual(['XFAIL'])
    expect(summary).toMatchObject({ status: 'FAIL', expectations: { pass: 0, warn: 0, fail: 0, xfail: 1 } })
    expect(first.output).toMatch(/ x misses an impossible budget › impossible .* must fail\n/)
    expect(first.output).toMatch(/ ✗ a body that passes › passes .* must fail\n/)
    expect(first.output).toContain('x impossible (fails.test.ts:8): failed as expected: p95 latency of "impossible" was')
    expect(first.output).toContain('✗ passes (fails.test.ts:12): its test is expected to fail (test.fails, test.failing) and did not, so the runner failed it')
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

// The runs whose exit code is the runner's alone: every test expected to fail fails (exit 0), or
// one does not (exit 1). perfspec's verdict must say the same.
const xfail = `import { test } from 'vitest'
import { bench, expectLatency, expectNoLeak } from 'perfspec'

const opts = { time: '40ms', warmup: '10ms' }
const work = () => JSON.stringify({ a: [1, 2, 3], b: 'x'.repeat(20) })

test.fails('misses an impossible budget', async () => {
  const r = await bench('impossible', work, opts)
  expectLatency(r).p99.toBeLessThan('10s')
  expectLatency(r).p95.toBeLessThan('1ns')
})
test.fails('leaks', async () => {
  const kept: object[] = []
  await expectNoLeak(() => kept.push({ a: [1, 2, 3] }), { name: 'kept', iterations: 2_000, suspects: false })
})
test('ordinary', async () => {
  const r = await bench('ordinary', work, opts)
  expectLatency(r).p95.toBeLessThan('10s')
})
`
const xpass = `import { test } from 'vitest'
import { bench, expectLatency } from 'perfspec'

test.fails('meets a generous budget', async () => {
  const r = await bench('generous', () => JSON.stringify({ a: [1, 2, 3] }), { time: '40ms', warmup: '10ms' })
  expectLatency(r).p95.toBeLessThan('10s')
})
`

describe('what fails in a test expected to fail (Vitest test.fails): the run exits as the runner says, and perfspec agrees', () => {
  const p = new TempProject('expected-to-fail-verdict', { 'xfail.test.ts': xfail, 'xpass.test.ts': xpass }, '{ baselineAttempts: 1, freshProcess: false }')
  afterAll(() => p.remove())
  const json = () => JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as Json

  test('a failed expectation or leak check there is failed as expected: no FAIL, no ::error, the run passes', () => {
    const summaryFile = p.path('step-summary.md')
    const run = p.vitest(['run', '--reporter=perf', 'xfail.test.ts'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile })
    expect(run.status, run.output).toBe(0)
    const report = json()
    expect(report.summary).toMatchObject({ status: 'PASS', expectations: { pass: 2, warn: 0, fail: 0, xfail: 1 }, leaks: { pass: 0, fail: 0, xfail: 1 } })
    const statuses = report.tests.flatMap((t) => t.entries.filter((e) => e.kind !== 'bench').map((e) => `${t.test}: ${e.kind} ${e.status}`))
    expect(statuses).toEqual(['misses an impossible budget: expectation PASS', 'misses an impossible budget: expectation XFAIL', 'leaks: leak XFAIL', 'ordinary: expectation PASS'])
    expect(run.output).not.toMatch(/^::error .*title=perfspec/m)
    expect(run.output).toMatch(/ x kept \(xfail\.test\.ts:\d+\): failed as expected: "kept" leaks/)
    expect(run.output).toMatch(/\n PASS {2}2 benchmarks · 0 regressions · expectations 2 pass \/ 0 warn \/ 0 fail \/ 1 failed as expected · leak checks 0 pass \/ 0 fail \/ 1 failed as expected\n/)
    const markdown = readFileSync(summaryFile, 'utf8')
    expect(markdown).toContain('**✅ PASS**')
    expect(markdown).toContain('## Failed as expected')
    expect(markdown).not.toContain('## Regressions and failures')
  })

  test('one whose expectations all pass is failed by the runner, and by perfspec', () => {
    const run = p.vitest(['run', '--reporter=perf', 'xpass.test.ts'])
    expect(run.status, run.output).toBe(1)
    const report = json()
    expect(report.tests.map((t) => [t.test, t.state])).toEqual([['meets a generous budget', 'failed']])
    expect(report.summary).toMatchObject({ status: 'FAIL', expectations: { pass: 1, warn: 0, fail: 0, xfail: 0 } })
    expect(run.output).toContain('its test is expected to fail (test.fails, test.failing) and did not, so the runner failed it')
    expect(run.output).toMatch(/\n FAIL {2}1 benchmark /)
    expect(existsSync(p.path('baselines/xpass.test.ts.json'))).toBe(false)
  })
})
