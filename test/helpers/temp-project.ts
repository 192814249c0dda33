import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'pathe'

/** The repository root: temp projects live below it so `perfspec` resolves to the built package. */
export const REPO = resolve(import.meta.dirname, '..', '..')
/** Vitest's command-line script, as the temp projects run it. */
export const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs')

/**
 * A test file with two benches that spin for a fixed time per call: `spin` (50 µs × the
 * `SLOW_FACTOR` env var, default 1) and `steady` (50 µs). A 10x slowdown is far beyond any noise.
 */
export function benchFile(name: string): string {
  return `import { describe, test } from 'vitest'
import { bench } from 'perfspec'

const slow = Number(process.env.SLOW_FACTOR ?? '1')
function spin(us: number): number {
  const end = performance.now() + us / 1000
  let n = 0
  while (performance.now() < end) n++
  return n
}

describe('${name}', () => {
  test('spins', async () => {
    await bench('spin', () => spin(50 * slow), { time: '150ms', warmup: '30ms' })
  })
  test('steady', async () => {
    await bench('steady', () => spin(50), { time: '150ms', warmup: '30ms' })
  })
})
`
}

/** A scratch Vitest project under `test/.tmp-<name>-<pid>` using the built perfspec plugin. */
export class TempProject {
  readonly dir: string

  /**
   * @param plugin - the plugin's options, as source text (e.g. `{ freshProcess: false }` where a
   *   test's regressions are not about the fresh process, which costs a Vitest start each)
   */
  constructor(name: string, files: Record<string, string>, plugin = '') {
    this.dir = join(REPO, 'test', `.tmp-${name}-${process.pid}`)
    rmSync(this.dir, { recursive: true, force: true })
    mkdirSync(this.dir, { recursive: true })
    this.write('vitest.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf(${plugin})], test: { include: ['*.test.ts'] } })
`)
    for (const [file, text] of Object.entries(files)) this.write(file, text)
  }

  write(file: string, text: string): void {
    mkdirSync(join(this.dir, file, '..'), { recursive: true })
    writeFileSync(join(this.dir, file), text)
  }

  path(file: string): string {
    return join(this.dir, file)
  }

  /** The environment a Vitest run of the project gets: this one without what would change perfspec's or Vitest's behaviour, without colours, and `env`. */
  env(env: Record<string, string> = {}): NodeJS.ProcessEnv {
    const base = { ...process.env }
    for (const key of ['CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'PERFSPEC_UPDATE', 'SLOW_FACTOR', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'TEST']) delete base[key]
    return { ...base, FORCE_COLOR: '0', NO_COLOR: '1', ...env }
  }

  /** Runs Vitest in the project with `args` and only the given perfspec-relevant env vars. */
  vitest(args: string[], env: Record<string, string> = {}): { status: number | null; output: string } {
    const child = spawnSync(process.execPath, [VITEST, ...args], { cwd: this.dir, env: this.env(env), encoding: 'utf8', timeout: 120_000 })
    return { status: child.status, output: `${child.stdout}\n${child.stderr}` }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}
