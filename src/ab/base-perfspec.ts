import { readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'pathe'

/** The perfspec package a project folder resolves: its folder (real path) and version; `undefined` when it resolves none. */
export function perfspecOf(dir: string): { dir: string; version: string } | undefined {
  try {
    const manifest = createRequire(join(dir, 'package.json')).resolve('perfspec/package.json')
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }
    return { dir: realpathSync(dirname(manifest)), version: typeof version === 'string' ? version : '' }
  } catch {
    return undefined
  }
}

/**
 * Whether the base's project resolves the same perfspec as the head's (the same folder, as when
 * the base's `node_modules` is the head's, or the same version): then a base whose benchmarks
 * never connected has none to connect, and its perfspec is not to blame.
 */
export function baseHasHeadsPerfspec(baseDir: string, headDir: string): boolean {
  const base = perfspecOf(baseDir)
  const head = perfspecOf(headDir)
  return base !== undefined && head !== undefined && (base.dir === head.dir || (base.version !== '' && base.version === head.version))
}
