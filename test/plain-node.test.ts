import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

const root = new URL('..', import.meta.url).pathname

function runScript(source: string, ext: 'mjs' | 'cjs'): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'perfspec-plain-'))
  const file = join(dir, `script.${ext}`)
  writeFileSync(file, source)
  // NODE_PATH is ignored by ESM; resolve the built package by absolute path instead.
  const out = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return JSON.parse(out)
}

describe('bench() outside any test runner', () => {
  test('ESM: import works and returns a full result', () => {
    const r = runScript(
      `import { bench } from ${JSON.stringify(join(root, 'dist/index.js'))}
       const doc = JSON.stringify({ a: 1, b: [1, 2, 3], c: 'x'.repeat(50) })
       const r = await bench('parse', () => JSON.parse(doc), { time: '100ms', warmup: '20ms' })
       console.log(JSON.stringify({ id: r.id, samples: r.samples, mean: r.latency.mean, p95: r.latency.p95, ops: r.throughput.mean, cold: r.cold }))`,
      'mjs',
    ) as Record<string, number | string>
    expect(r.id).toBe('parse')
    expect(r.samples).toBeGreaterThan(10)
    expect(r.mean).toBeGreaterThan(0)
    expect(r.mean).toBeLessThan(1) // a tiny JSON.parse takes well under 1 ms
    expect(r.ops).toBeGreaterThan(1000)
  })

  test('CommonJS: require works', () => {
    const r = runScript(
      `const { bench, expectLatency } = require(${JSON.stringify(join(root, 'dist/index.cjs'))})
       bench('sum', () => [1, 2, 3].reduce((a, b) => a + b), { time: '50ms', warmup: false }).then((r) => {
         expectLatency(r).p95.toBeLessThan('1s')
         console.log(JSON.stringify({ name: r.name, samples: r.samples }))
       })`,
      'cjs',
    ) as Record<string, number | string>
    expect(r.name).toBe('sum')
    expect(r.samples).toBeGreaterThan(10)
  })
})

describe('the CommonJS build', () => {
  test('loads where require() of an ES module does not (Node before 20.19, Jest): ES-only packages are bundled', () => {
    // `--no-experimental-require-module` gives Node 20.19+ the `require` of older Node 20s.
    const entries = ['index', 'jest/reporter', 'vitest/index', 'vitest/reporter'].map((e) => join(root, `dist/${e}.cjs`))
    const out = execFileSync(process.execPath, ['--no-experimental-require-module', '-e', `for (const e of ${JSON.stringify(entries)}) require(e); console.log('loaded')`], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 })
    expect(out.trim()).toBe('loaded')
  })
})

describe('real timings, wide margins', () => {
  test('a 10x heavier function measures slower, and batching keeps a no-op near zero', async () => {
    const { bench } = await import('../src/index')
    const light = await bench('light', () => Math.sqrt(Math.random()), { time: '80ms', warmup: '20ms' })
    const heavy = await bench('heavy', () => {
      let s = 0
      for (let i = 0; i < 2000; i++) s += Math.sqrt(i * Math.random())
      return s
    }, { time: '80ms', warmup: '20ms' })
    expect(heavy.latency.p50).toBeGreaterThan(light.latency.p50 * 10)
    expect(light.sampling.mode).toBe('batched')
    // An empty call costs a few ns at most once batched: far under a timer reading (~30+ ns).
    const empty = await bench('empty', () => {}, { time: '50ms', warmup: '20ms' })
    expect(empty.latency.mean).toBeLessThan(20e-6)
    expect(empty.warnings.join(' ')).toMatch(/optimized away/)
  })
})
