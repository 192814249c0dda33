import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// Vitest's `--update=<mode>` through the built plugin in a child Vitest (needs `npm run build`;
// npm test does it). Vitest hands the flag over as the string given, so each mode must be read as
// itself: `none` writes nothing, `new` only missing baselines, `false` is no request, and only a
// full rewrite (`all`, `true`, `-u`) rewrites existing entries and removes obsolete ones.
const file = `import { test } from 'vitest'
import { bench } from 'perfspec'

const opts = { time: '30ms', warmup: '10ms' }
test('one', async () => {
  await bench('x', () => JSON.stringify({ a: [1, 2, 3] }), opts)
})
test('two', async () => {
  await bench('y', () => JSON.parse('{"a":[1,2,3]}'), opts)
})
`

interface BaselineData {
  benchmarks: Array<{ bench_id: string; p95: number; timestamp: string }>
}

describe("Vitest's --update modes", () => {
  const p = new TempProject('update-flag', { 'a.test.ts': file })
  // One measurement per baseline and no confirmation: these runs test the update modes, not timing.
  p.write('vitest.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ baselineAttempts: 1, confirm: 0 })], test: { include: ['*.test.ts'] } })
`)
  afterAll(() => p.remove())
  const baselineFile = p.path('baselines/a.test.ts.json')
  const read = () => readFileSync(baselineFile, 'utf8')
  const ids = (text: string) => (JSON.parse(text) as BaselineData).benchmarks.map((b) => b.bench_id).sort()
  const run = (flag: string, env: Record<string, string> = {}) => {
    const r = p.vitest(['run', '--reporter=perf', flag], env)
    expect(r.status, r.output).toBe(0)
    return r.output
  }

  test('--update=none writes nothing, locally too', () => {
    const out = run('--update=none')
    expect(existsSync(baselineFile)).toBe(false)
    expect(out).toMatch(/ x .* new\n/)
  })

  test('--update=new writes the missing baselines, in CI too', () => {
    run('--update=new', { CI: 'true' })
    expect(ids(read())).toEqual(['a.test.ts > one > x', 'a.test.ts > two > y'])
  })

  test('--update=new, --update=false and --update=none leave existing entries and obsolete ones as they are', () => {
    // An entry whose test is gone: obsolete, removed only by a full rewrite.
    const data = JSON.parse(read()) as BaselineData
    data.benchmarks.push({ ...data.benchmarks[0]!, bench_id: 'a.test.ts > gone > z' })
    writeFileSync(baselineFile, `${JSON.stringify(data, null, 2)}\n`)
    const before = read()
    for (const flag of ['--update=new', '--update=false', '--update=none']) {
      const out = run(flag, { CI: 'true' })
      expect(read(), flag).toBe(before)
      expect(out, flag).toMatch(/obsolete: 1 baseline entry/)
    }
    // A local run with --update=false is a run without the flag: existing entries compared, none rewritten.
    run('--update=false')
    expect(read()).toBe(before)
  })

  test('--update=all rewrites the entries of the benchmarks that ran and removes the obsolete one', () => {
    const before = JSON.parse(read()) as BaselineData
    run('--update=all', { CI: 'true' })
    const after = JSON.parse(read()) as BaselineData
    expect(after.benchmarks.map((b) => b.bench_id).sort()).toEqual(['a.test.ts > one > x', 'a.test.ts > two > y'])
    const stamp = (d: BaselineData, id: string) => d.benchmarks.find((b) => b.bench_id === id)!.timestamp
    expect(stamp(after, 'a.test.ts > one > x')).not.toBe(stamp(before, 'a.test.ts > one > x'))
  })
})
