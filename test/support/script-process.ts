import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The path of a source file of perfspec's, as a module specifier for a script's `import`. */
export function srcModule(path: string): string {
  return JSON.stringify(join(process.cwd(), path))
}

/**
 * Writes the TypeScript of `source(dir)` as a script in a fresh folder `dir`, and hands `use` a way
 * to run it in a process of its own (through tsx) with arguments: for what only shows as a
 * process exits. What `use` returns, once the folder is removed.
 */
export function withScript<T>(source: (dir: string) => string, use: (run: (...args: string[]) => SpawnSyncReturns<string>, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'perfspec-script-'))
  try {
    const script = join(dir, 'script.ts')
    writeFileSync(script, source(dir))
    return use((...args) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' }), dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
