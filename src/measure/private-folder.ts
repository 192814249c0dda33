import { lstatSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import { join } from 'pathe'

/**
 * A folder `name` in the system's temporary folder that only this user can enter, made when it
 * is missing; `undefined` when what is there is not such a folder (a link, a file, another
 * user's, or one open to others): in a temporary folder shared by every user, another one could
 * have put it there, and whatever perfspec wrote into it, read from it or removed in it would be
 * theirs to choose.
 */
export function privateTempFolder(name: string, parent = os.tmpdir()): string | undefined {
  const path = join(parent, name)
  try {
    mkdirSync(path, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined
  }
  return isPrivateFolder(path) ? path : undefined
}

/** A real folder, not a link; where users exist (not on Windows), this user's, closed to others. */
function isPrivateFolder(path: string): boolean {
  try {
    const stat = lstatSync(path)
    const uid = process.getuid?.()
    return stat.isDirectory() && (uid === undefined || (stat.uid === uid && (stat.mode & 0o077) === 0))
  } catch {
    return false
  }
}
