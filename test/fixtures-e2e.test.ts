import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// Vitest fixtures (`test.extend`) with the plugin installed, through the built plugin in a child
// Vitest (needs `npm run build`; npm test does it). Vitest reads the first parameter of every hook
// that runs for a test with fixtures, the setup file's hooks included, and refuses one that is not
// destructured: the plugin must not break such tests, in files that use perfspec or not.
const withBench = `import { test as base, describe, expect } from 'vitest'
import { bench } from 'perfspec'

const test = base.extend<{ fx: number; named: string }>({
  fx: async ({ task }, use) => { await use(task.name.length) },
  named: async ({ fx }, use) => { await use(\`fx=\${fx}\`) },
})

describe('fixtures', () => {
  test('with fixture', async ({ fx, named }) => {
    expect(named).toBe(\`fx=\${fx}\`)
    await bench('under fixtures', () => JSON.stringify({ fx }), { time: '20ms', warmup: '5ms', baseline: false })
  })
  test.concurrent('concurrent with fixture', async ({ fx }) => {
    await bench('concurrent under fixtures', () => fx * 2, { time: '20ms', warmup: '5ms', baseline: false })
  })
})
`
const withoutPerfspec = `import { test as base, expect } from 'vitest'

const test = base.extend<{ fx: number }>({ fx: async ({ task }, use) => { await use(1) } })
test('plain fixture', async ({ fx }) => { expect(fx).toBe(1) })
`

describe('Vitest fixtures (test.extend) with the perfspec plugin', () => {
  const p = new TempProject('fixtures', { 'bench-fx.test.ts': withBench, 'plain-fx.test.ts': withoutPerfspec })
  afterAll(() => p.remove())

  test('tests with fixtures run and pass, and their benchmarks are recorded under their tests', () => {
    const r = p.vitest(['run', '--reporter=perf'])
    expect(r.output).not.toContain('FixtureParseError')
    expect(r.status, r.output).toBe(0)
    const json = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { tests: Array<{ test: string; state: string; entries: Array<{ id: string }> }> }
    const ids = json.tests.flatMap((t) => t.entries.map((e) => e.id)).sort()
    expect(ids).toEqual(['bench-fx.test.ts > fixtures > concurrent with fixture > concurrent under fixtures', 'bench-fx.test.ts > fixtures > with fixture > under fixtures'])
    expect(json.tests.every((t) => t.state === 'passed')).toBe(true)
  })
})
