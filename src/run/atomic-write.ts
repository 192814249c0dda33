import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'pathe'

let counter = 0

/**
 * Writes a file so that readers see either the old content or the new one, never half of it:
 * the content goes to a temporary file in the same folder, then is renamed over the target.
 * Temporary names carry the pid and a counter so parallel writers never share one.
 */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.${++counter}.tmp`
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
