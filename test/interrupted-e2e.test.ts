import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, expect, test } from 'vitest'
import { REPO, TempProject } from './helpers/temp-project.js'

// A run stopped with Ctrl-C (SIGINT) must not leave the last run's PASS report on disk: the report
// is rewritten with what finished, saying the run was stopped, and no baseline is written. Through
// the built plugin in a child Vitest (needs `npm run build`; npm test does it). The stop comes once
// the child has reached a test that waits; nothing is timed.
const file = `import { test } from 'vitest'
import { writeFileSync } from 'node:fs'
import { bench } from 'perfspec'
const waiting = process.env.WAIT_FOR_STOP === '1'
test('sum', async () => {
  await bench('sum', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })
})
test.runIf(waiting)('new in the stopped run', async () => {
  await bench('late', () => [1, 2].map((x) => x * 2), { time: '30ms', warmup: '5ms' })
})
test.runIf(waiting)('waits to be stopped', { timeout: 120_000 }, async () => {
  writeFileSync('reached', '')
  await new Promise((resolve) => setTimeout(resolve, 110_000))
})
`

// A project per case: a first run that only writes new baselines passes whatever the machine does.
const projects: TempProject[] = []
afterAll(() => projects.forEach((p) => p.remove()))

test.each(['SIGINT', 'SIGHUP'] as const)('%s mid-run (twice at once) rewrites the report with what finished, says it was stopped, and writes no baseline', { timeout: 180_000 }, async (signal) => {
  const p = new TempProject(`interrupted-${signal}`, { 'sum.test.ts': file })
  projects.push(p)
  const first = p.vitest(['run', '--reporter=perf'])
  expect(first.status, first.output).toBe(0)
  expect(readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')).toContain('**✅ PASS**')
  const baseline = p.path('baselines/sum.test.ts.json')
  const before = readFileSync(baseline, 'utf8')

  const env = { ...process.env }
  for (const key of ['CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'PERFSPEC_UPDATE', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'TEST']) delete env[key]
  // Probe 38 #6: in GitHub Actions the stop is annotated (one signal's run checks it).
  const github = signal === 'SIGHUP' ? { GITHUB_ACTIONS: 'true' } : {}
  const child = spawn(process.execPath, [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=perf'], { cwd: p.dir, env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1', WAIT_FOR_STOP: '1', ...github }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = once(child, 'exit')
  const deadline = Date.now() + 90_000
  while (!existsSync(p.path('reached')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  expect(existsSync(p.path('reached')), output).toBe(true)
  // Twice, back to back, as \`timeout\` and then npm forwarding it do: the second must not cut the write short.
  child.kill(signal)
  child.kill(signal)
  const [code, ended] = (await exited) as [number | null, NodeJS.Signals | null]
  expect(code === 0 && ended === null, `exit ${code} ${ended}\n${output}`).toBe(false)

  const json = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { tests: Array<{ entries: Array<{ name: string }> }>; problems?: string[]; summary: { status: string } }
  expect(json.summary.status).toBe('FAIL')
  expect(json.problems?.[0]).toMatch(new RegExp(`^the run was stopped before it ended \\(${signal}\\)`))
  // "late" finished just before the stop: Vitest 4 may still hold its result back (it sends test
  // results through a throttle), but the worker handed it over by perfspec's own channel too
  // (record-channel.ts), so the report has it; it is not written (below).
  expect(json.tests.flatMap((t) => t.entries.map((e) => e.name)).sort()).toEqual(['late', 'sum'])
  const markdown = readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')
  expect(markdown).toContain('**❌ FAIL**')
  expect(markdown).toContain(`the run was stopped before it ended (${signal})`)
  expect(output).toContain(`the run was stopped before it ended (${signal})`)
  if (signal === 'SIGHUP') expect(output).toContain(`::error title=perfspec%3A run::the run was stopped before it ended (${signal})`)
  else expect(output).not.toContain('::error')
  // The new benchmark of the stopped run is not written; the committed baseline is as it was.
  expect(readFileSync(baseline, 'utf8')).toBe(before)
})

test("a result Vitest never delivered (its worker's event loop blocked right after the test) still reaches a stopped run's report, by perfspec's own channel", { timeout: 180_000 }, async () => {
  // Vitest sends test results from the worker through a throttle: while the next test blocks the
  // worker's event loop, the finished test's result stays in the worker. Threads, so that the
  // blocked worker ends with the Vitest process.
  const p = new TempProject('undelivered', {
    'sum.test.ts': `import { test } from 'vitest'
import { existsSync, writeFileSync } from 'node:fs'
import { bench } from 'perfspec'
test('sum', async () => {
  await bench('sum', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })
})
test('blocks', { timeout: 120_000 }, () => {
  writeFileSync('reached', '')
  const end = Date.now() + 60_000
  while (Date.now() < end && !existsSync('stop-blocking')) {}
})
`,
  })
  projects.push(p)
  const env = { ...process.env }
  for (const key of ['CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'PERFSPEC_UPDATE', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'TEST']) delete env[key]
  const child = spawn(process.execPath, [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=perf', '--pool=threads'], { cwd: p.dir, env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = once(child, 'exit')
  try {
    const deadline = Date.now() + 90_000
    while (!existsSync(p.path('reached')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(existsSync(p.path('reached')), output).toBe(true)
    child.kill('SIGINT')
    await exited
  } finally {
    writeFileSync(p.path('stop-blocking'), '')
  }
  const json = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { tests: Array<{ entries: Array<{ name: string }> }>; problems?: string[] }
  expect(json.problems?.[0], output).toMatch(/^the run was stopped before it ended \(SIGINT\)/)
  expect(json.tests.flatMap((t) => t.entries.map((e) => e.name)), output).toEqual(['sum'])
})
