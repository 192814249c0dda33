import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'pathe'

let counter = 0

/**
 * Writes a file so that readers see either the old content or the new one, never half of it:
 * the content goes to a temporary file in the same folder, then is renamed over the target.
 * Temporary names carry the pid and a counter so parallel writers never share one, and are short
 * whatever the target's name, so that any name the file system takes can be written.
 */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = join(dirname(path), `.perfspec-${process.pid}-${++counter}.tmp`)
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/**
 * Why {@link writeFileAtomic} (or an append to a file in place) failed, said of its target: the
 * error's own message names the temporary file beside it, which the user never asked for.
 */
export function atomicWriteProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EISDIR') return 'it is a directory; give a file path'
  // mkdir of the folder meets a file: EEXIST for the folder itself, ENOTDIR for one above it.
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a part of its folder path is a file'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'no permission to write there'
  if (code === 'ENAMETOOLONG') return 'its name is too long for the file system (most take 255 bytes per name): shorten it, or the name it is made from'
  // An append to a file in place (the step summary): the atomic write creates its folder itself.
  if (code === 'ENOENT') return 'its folder does not exist'
  return error instanceof Error ? error.message : String(error)
}

/**
 * Why {@link writeFileAtomic} to `path` would surely fail, known before anything is written (a
 * command that measures for minutes checks its report paths first), or `undefined`: the path is a
 * folder, or a part of its folder path is a file. Other faults (permissions, a full disk) are
 * left to the write, which says them with {@link atomicWriteProblem}.
 */
export function atomicWriteTargetProblem(path: string): string | undefined {
  const kind = (p: string): 'folder' | 'other' | 'absent' => {
    try {
      return statSync(p).isDirectory() ? 'folder' : 'other'
    } catch {
      return 'absent'
    }
  }
  if (kind(path) === 'folder') return 'it is a directory; give a file path'
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const found = kind(dir)
    if (found === 'folder') return undefined
    if (found === 'other') return 'a part of its folder path is a file'
    if (dirname(dir) === dir) return undefined
  }
}
