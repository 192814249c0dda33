import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// A bench inside a test that times out, through the built plugin in a child Vitest (needs
// `npm run build`; npm test does it). Real time, so only wide margins: the bench asks for 20 s,
// the test allows 500 ms, and the check is that the bench stopped within seconds, not 20 s.
const slowFile = `import { expect, test } from 'vitest'
import { bench } from 'perfspec'

let calls = 0
let started = 0
function spin(): number {
  calls++
  let s = 0
  for (let i = 0; i < 2000; i++) s += i
  return s
}

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

describe('a bench in a test that times out (Vitest)', () => {
  const p = new TempProject('timeout', { 'slow.test.ts': slowFile })
  afterAll(() => p.remove())

  test('the timeout fires, the bench stops and is recorded as failed, the next test runs', () => {
    const r = p.vitest(['run', '--reporter=perf', '--reporter=default'])
    expect(r.status, r.output).toBe(1)
    expect(r.output).toContain('Test timed out in 500ms')
    expect(r.output, r.output).toMatch(/1 failed \| 1 passed/)
    const json = readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')
    expect(json).toContain('stopped before it finished: Test timed out in 500ms')
  })
})
