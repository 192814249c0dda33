import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'pathe'

/** Where the project in a folder installs a test runner's command-line script, or why it has none. */
export type RunnerBin = { ok: true; script: string } | { ok: false; reason: 'not-installed' } | { ok: false; reason: 'no-bin'; manifest: string }

/**
 * The command-line script of `runner` (its package's `bin`) as the project in `dir` resolves
 * it, for `node <script>` on every platform.
 */
export function findRunnerBin(runner: 'vitest' | 'jest', dir: string): RunnerBin {
  const require = createRequire(join(dir, 'package.json'))
  let manifest: string
  try {
    manifest = require.resolve(`${runner}/package.json`)
  } catch {
    return { ok: false, reason: 'not-installed' }
  }
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }).bin
  const script = typeof bin === 'string' ? bin : bin?.[runner]
  return script ? { ok: true, script: join(dirname(manifest), script) } : { ok: false, reason: 'no-bin', manifest }
}
