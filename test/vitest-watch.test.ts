import { spawn } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject, VITEST } from './helpers/temp-project.js'

// Vitest's watch mode through the built plugin (needs `npm run build`; npm test does it): a
// re-run writes the baselines of the files it ran only, and reports the others as measured
// earlier in the session (probe 23 #1, #2). Generous waits: a busy machine runs it slowly.
const file = (name: string) => `import { test } from 'vitest'
import { bench } from 'perfspec'
test('${name}', async () => {
  await bench('${name}', () => JSON.parse('{"a":[1,2,3]}'), { time: '30ms', warmup: '10ms' })
})
`

async function until(what: string, ok: () => boolean, ms = 90_000): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('Vitest watch mode', () => {
  const p = new TempProject('watch', { 'a.test.ts': file('a'), 'b.test.ts': file('b') }, '{ freshProcess: false }')
  afterAll(() => p.remove())

  test('a re-run with -u writes the baselines of the files it ran only; the others stay in the report, and a baseline file restored meanwhile is kept', async () => {
    expect(p.vitest(['run', '--reporter=perf']).status).toBe(0)
    const report = p.path('BENCHMARK_RESULTS.json')
    const bBaseline = p.path('baselines/b.test.ts.json')
    const restored = readFileSync(bBaseline, 'utf8')
    const watcher = spawn(process.execPath, [VITEST, '--watch', '-u', '--reporter=perf'], { cwd: p.dir, env: p.env(), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    watcher.stdout.on('data', (d) => (output += String(d)))
    watcher.stderr.on('data', (d) => (output += String(d)))
    try {
      const written = () => (existsSync(report) ? statSync(report).mtimeMs : 0)
      const before = written()
      await until('the first run of the watch session', () => written() > before && /PASS|FAIL|WARN/.test(output))
      // The user restores b's baseline file (a checkout), then edits a.
      writeFileSync(bBaseline, restored)
      const first = written()
      const seen = output.length
      writeFileSync(p.path('a.test.ts'), `${file('a')}// edited\n`)
      await until('the re-run of a.test.ts', () => written() > first && /PASS|FAIL|WARN/.test(output.slice(seen)))
      const tests = (JSON.parse(readFileSync(report, 'utf8')) as { tests: Array<{ file: string }> }).tests.map((t) => t.file).sort()
      expect(tests, output).toEqual(['a.test.ts', 'b.test.ts'])
      expect(readFileSync(bBaseline, 'utf8')).toBe(restored)
    } finally {
      watcher.kill('SIGKILL')
    }
  }, 240_000)
})
