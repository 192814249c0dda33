import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

/** The source of a function that does a little work per call, counting its calls. */
const spinSource = `let calls = 0
function spin(): number {
  calls++
  let s = 0
  for (let i = 0; i < 2000; i++) s += i
  return s
}`

// A bench inside a test that times out, through the built plugin in a child Vitest (needs
// `npm run build`; npm test does it). Real time, so only wide margins: the bench asks for 20 s,
// the test allows 500 ms, and the check is that the bench stopped within seconds, not 20 s.
const slowFile = `import { expect, test } from 'vitest'
import { bench } from 'perfspec'

let started = 0
${spinSource}

test('outlives its timeout', { timeout: 500 }, async () => {
  started = Date.now()
  await bench('spin', spin, { time: '20s', warmup: false })
})

test('runs after it', async () => {
  const stoppedWithin = Date.now() - started
  const seen = calls
  await new Promise((resolve) => setTimeout(resolve, 300))
  console.log(JSON.stringify({ stoppedWithin, callsSince: calls - seen }))
  // The synchronous bench let the runner's timeout fire, and then stopped measuring.
  expect(stoppedWithin).toBeLessThan(5_000)
  expect(calls).toBe(seen)
})
`

// A bench still running when its test times out used to record after Vitest had sent the test's
// meta to the reporter, and was lost: the report said only that the test "failed before
// recording a result". The heap pass after the sampling does not look at the test's signal.
const cutOffFile = `import { test } from 'vitest'
import { bench } from 'perfspec'

${spinSource}

test('samples for a second', { timeout: 200 }, async () => {
  await bench('long', spin, { time: '1s', warmup: false })
})

test('measures its heap too', { timeout: 200 }, async () => {
  await bench('with heap', spin, { time: '150ms', warmup: false, heap: true })
})

test('runs after them', () => {})
`

describe('benches in tests that time out (Vitest)', () => {
  const p = new TempProject('timeout', { 'slow.test.ts': slowFile, 'cut.test.ts': cutOffFile })
  afterAll(() => p.remove())
  let run: { status: number | null; output: string }
  beforeAll(() => {
    run = p.vitest(['run', '--reporter=perf', '--reporter=default'])
  })

  test('the timeout fires, the bench stops and is recorded as failed, the next test runs', () => {
    expect(run.status, run.output).toBe(1)
    expect(run.output).toContain('Test timed out in 500ms')
    expect(run.output, run.output).toMatch(/3 failed \| 2 passed/)
    const json = readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')
    expect(json).toContain('stopped before it finished: Test timed out in 500ms')
  })

  test("a bench cut off by its test's timeout is in the report, named, as stopped by the timeout", () => {
    expect(run.output).not.toContain('failed before recording a result')
    for (const name of ['long', 'with heap']) expect(run.output).toMatch(new RegExp(`✗ ${name} \\(cut\\.test\\.ts:\\d+\\): failed: stopped before it finished: Test timed out in 200ms`))
    const json = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { tests: Array<{ file: string; entries: Array<{ name: string; result?: unknown }> }> }
    const entries = json.tests.filter((t) => t.file === 'cut.test.ts').flatMap((t) => t.entries)
    expect(entries.map((e) => e.name).sort()).toEqual(['long', 'with heap'])
    for (const e of entries) expect(e.result).toBeUndefined()
    // No baseline from a test that timed out.
    expect(readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')).not.toMatch(/baseline written/)
  })
})
