import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { REPO } from './helpers/temp-project.js'

// Two packages of a monorepo, inside this repository so that `perfspec` resolves to the built package.
const mono = join(REPO, 'test', `.tmp-mono-${process.pid}`)
const shared = join(mono, 'shared-baselines')
afterAll(() => rmSync(mono, { recursive: true, force: true }))

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

function config(options: string): string {
  return `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, baselineAttempts: 1, ...${options || '{}'} })], test: { include: ['t/*.test.ts'], fileParallelism: false } })
`
}

/** A test file `t > parse` whose call costs `calls` JSON.parse calls. */
function benchFile(calls: number): string {
  return `import { test } from 'vitest'
import { bench } from 'perfspec'
test('t', async () => {
  await bench('parse', () => { let s = 0; for (let i = 0; i < ${calls}; i++) s += JSON.parse('{"a":1}').a; return s }, { time: '40ms', warmup: '10ms' })
})
`
}

/** Runs `vitest run --reporter=perf` in a package; bounded in time, so a hang fails the test instead of stalling it. */
function vitest(pkg: string, args: string[] = []): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }
  for (const key of ['CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'PERFSPEC_UPDATE', 'PERFSPEC_TESTBED', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'TEST']) delete env[key]
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=perf', ...args], { cwd: join(mono, pkg), env, encoding: 'utf8', timeout: 90_000, killSignal: 'SIGKILL' })
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` }
}

describe("a monorepo's shared baseline folder", () => {
  rmSync(mono, { recursive: true, force: true })
  // Same test path, same ids; b's call costs 2000 times a's.
  write(join(mono, 'a', 'vitest.config.ts'), config("{ baselineDir: '../shared-baselines' }"))
  write(join(mono, 'a', 't', 'x.test.ts'), benchFile(1))
  write(join(mono, 'b', 'vitest.config.ts'), config("{ baselineDir: '../shared-baselines' }"))
  write(join(mono, 'b', 't', 'x.test.ts'), benchFile(2000))
  write(join(mono, 'b', 't', 'b.test.ts'), benchFile(1))

  test("each package is gated against its own baselines only, and -u in one leaves the other's alone", () => {
    const a = vitest('a')
    expect(a.status, a.out).toBe(0)
    expect(existsSync(join(shared, 'a', 't', 'x.test.ts.json'))).toBe(true)
    const b = vitest('b')
    expect(b.status, b.out).toBe(0)
    expect(JSON.parse(readFileSync(join(mono, 'b', 'BENCHMARK_RESULTS.json'), 'utf8')).baselines.map((c: { status: string }) => c.status)).toEqual(['written', 'written'])
    const bFiles = ['t/x.test.ts.json', 't/b.test.ts.json'].map((f) => join(shared, 'b', f))
    const before = bFiles.map((f) => readFileSync(f, 'utf8'))
    // The user's own file in the folder: not a baseline, never removed.
    write(join(shared, 'a', 'notes.json'), '{"mine":true}\n')
    const update = vitest('a', ['-u'])
    expect(update.status, update.out).toBe(0)
    expect(update.out).not.toContain('obsolete')
    expect(bFiles.map((f) => readFileSync(f, 'utf8'))).toEqual(before)
    expect(readFileSync(join(shared, 'a', 'notes.json'), 'utf8')).toBe('{"mine":true}\n')
  })

  test('a baseline that is a FIFO is reported invalid, naming it; the run goes on', () => {
    const fifo = join(shared, 'b', 't', 'b.test.ts.json')
    rmSync(fifo)
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const r = vitest('b')
    expect(r.status, r.out).not.toBeNull()
    expect(r.out).toContain('../shared-baselines/b/t/b.test.ts.json is a FIFO (named pipe), not a regular file')
    // The other file is still compared (its status depends on this machine's noise).
    const checks: Array<{ status: string; baselineFile: string }> = JSON.parse(readFileSync(join(mono, 'b', 'BENCHMARK_RESULTS.json'), 'utf8')).baselines
    expect(checks.map((c) => [c.baselineFile, c.status === 'unchecked']).sort()).toEqual([
      ['../shared-baselines/b/t/b.test.ts.json', true],
      ['../shared-baselines/b/t/x.test.ts.json', false],
    ])
  })

  test('a baseline that is a symlink to /dev/zero is reported invalid, naming it, without reading it', () => {
    const zero = join(shared, 'b', 't', 'x.test.ts.json')
    rmSync(zero)
    symlinkSync('/dev/zero', zero)
    const r = vitest('b')
    expect(r.status, r.out).not.toBeNull()
    expect(r.out).toContain('../shared-baselines/b/t/x.test.ts.json is a character device, not a regular file')
  })

  test('baselineDir "." is refused before any test runs, naming the option; nothing is written or removed', () => {
    write(join(mono, 'c', 'vitest.config.ts'), config("{ baselineDir: '.' }"))
    write(join(mono, 'c', 't', 'x.test.ts'), benchFile(1))
    write(join(mono, 'c', 'data.json'), '{"keep":true}\n')
    const r = vitest('c', ['-u'])
    expect(r.status).not.toBe(0)
    expect(r.out).toContain(`plugin option "baselineDir" "." is the project root itself`)
    expect(readFileSync(join(mono, 'c', 'data.json'), 'utf8')).toBe('{"keep":true}\n')
    expect(existsSync(join(mono, 'c', 't', 'x.test.ts.json'))).toBe(false)
  })
})
