import { afterEach, expect, test } from 'vitest'
import { bench } from '../src/bench'
import { expectErrors } from '../src/assert/error-rate'
import { expectLatency } from '../src/assert/latency'
import { setTestContext, type TestContext } from '../src/record/context'
import { renderMarkdown } from '../src/report/markdown'
import type { RunReport } from '../src/model/run-report'
import { decideRun } from '../src/run/decide'
import { VirtualTime } from './support/virtual-time'
import { oneTestReport } from './support/one-test-report'

afterEach(() => setTestContext(undefined))

/** The Markdown report of a run of one passed test, `api`, that recorded `context.entries`. */
function markdownOf(context: TestContext, counts: Pick<RunReport['summary'], 'benchmarks' | 'expectations'>): string {
  return renderMarkdown(decideRun(oneTestReport(context.file, 'api', context.entries, counts)))
}

test('BENCHMARK_RESULTS.md shows load parameters, per-item figures and comparisons with verdicts', async () => {
  const context: TestContext = { file: 'examples/api.test.ts', titlePath: ['api'], entries: [] }
  setTestContext(context)
  const time = new VirtualTime()
  let call = 0
  const options = { clock: time, scheduler: time, warmup: false as const }
  const open = await bench(
    'GET /items',
    async () => {
      await time.sleep(call % 2 ? 3 : 8) // 11 ms per two 5 ms slots: starts fall behind
      if (++call % 100 === 0) throw new Error('HTTP 503')
    },
    { ...options, rate: '200/s', duration: '2s', maxInFlight: 1 },
  )
  const batch = await bench('upload 20', () => time.sleep(10), { ...options, concurrency: 4, time: '500ms', items: 20 })
  const fast = await bench('fast', () => time.sleep(1), { ...options, concurrency: 1, time: '200ms' })
  expectErrors(open).rate.toBeLessThan('5%')
  expectLatency(fast).toBeFasterThan(batch)
  setTestContext(undefined)

  const md = markdownOf(context, { benchmarks: 3, expectations: { pass: 2, warn: 0, fail: 0 } })
  expect(md).toContain('## Load')
  expect(md).toMatch(/\| examples\/api\.test\.ts > api > GET \/items \| open \| 200\/s \(max 1 in flight\) \| 2\.00s \| 1 \| 400 \| 400 \| 4 \| 1\.0% \| \d+ \(up to [\d.]+ms\) \| 182\/s \|/)
  expect(md).toMatch(/\| examples\/api\.test\.ts > api > upload 20 \| closed \| 4 concurrent \| 500ms \| 4 \|/)
  expect(md).toContain('first errors: `Error: HTTP 503`')
  expect(md).toMatch(/## Per item[\s\S]*\| examples\/api\.test\.ts > api > upload 20 \| 20 \| 500µs \| 500µs \| 500µs \| 8\.00k\/s \|/)
  expect(md).toMatch(/## Comparisons[\s\S]*\| examples\/api\.test\.ts > api > fast \| examples\/api\.test\.ts > api > upload 20 \| 1\.00ms \| 10\.0ms \| −90\.0% \(10× faster\) \| 95% CI −90\.0% \(10× faster\) to −90\.0% \(10× faster\) \| ≤ −1\.0% \| ✅ faster \|/)
  expect(md).toContain('Method: bootstrap CI of the ratio of medians')
  expect(md).toContain('median latency faster than "upload 20"')
})

test('the load table counts calls that timed out among the errors', async () => {
  const context: TestContext = { file: 'examples/api.test.ts', titlePath: ['api'], entries: [] }
  setTestContext(context)
  const time = new VirtualTime()
  let call = 0
  // Every fourth call never settles.
  const fn = () => (++call % 4 === 0 ? new Promise(() => undefined) : time.sleep(5))
  await bench('GET /flaky', fn, { clock: time, scheduler: time, warmup: false, concurrency: 1, time: '100ms', callTimeout: '20ms' })
  setTestContext(undefined)
  const md = markdownOf(context, { benchmarks: 1, expectations: { pass: 0, warn: 0, fail: 0 } })
  expect(md).toMatch(/\| examples\/api\.test\.ts > api > GET \/flaky \| closed \| 1 concurrent \| 100ms \| 1 \| \d+ \| \d+ \| (\d+) \(\1 timed out\) \|/)
  expect(md).toContain('first errors: `TimeoutError: did not settle within 20.0ms (callTimeout)`')
})
