import { readFileSync } from 'node:fs'
import { afterAll, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// A test that starts a Vitest of its own (an end-to-end test of a fixture without perf()) inside a
// perf run: the fixture's bench() measures freely, whatever the pools and whether the fixture has
// the run's root (probe 38 #1, probe 39 #1), and stays out of the run's report. Through the built
// plugin in a child Vitest (needs `npm run build`; npm test does it).
const outer = (pool: string) => `import { test, expect } from 'vitest'
import { startVitest } from 'vitest/node'
import { bench } from 'perfspec'
test('outer', async () => {
  const v = await startVitest('test', [], { root: process.cwd(), config: false, include: ['fx/*.fx.ts'], watch: false, reporters: [], pool: '${pool}' })
  const states = v!.state.getFiles().flatMap((f) => f.tasks.map((t) => t.result?.state + ' ' + (t.result?.errors?.[0]?.message ?? '')))
  await v!.close()
  expect(states).toEqual(['pass '])
  await bench('outer', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })
})
`
const fixture = `import { test } from 'vitest'
import { bench } from 'perfspec'
test('fixture', async () => {
  await bench('fixture', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })
})
`

const p = new TempProject('nested-vitest', { 'fx/a.fx.ts': fixture }, '{ freshProcess: false }')
afterAll(() => p.remove())

test.each([
  ['threads', 'threads'],
  ['threads', 'forks'],
  ['forks', 'threads'],
])('outer pool %s, the nested Vitest (same root, no perf()) pool %s: the fixture measures, the run reports only its own', { timeout: 120_000 }, (outerPool, nestedPool) => {
  p.write('outer.test.ts', outer(nestedPool))
  const r = p.vitest(['run', '--reporter=perf', `--pool=${outerPool}`])
  expect(r.status, r.output).toBe(0)
  expect(r.output).not.toContain('does not load perfspec')
  const ids = (JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { tests: Array<{ entries: Array<{ id: string }> }> }).tests.flatMap((t) => t.entries.map((e) => e.id))
  expect(ids).toEqual(['outer.test.ts > outer > outer'])
})
