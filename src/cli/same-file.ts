import { realpathSync, statSync } from 'node:fs'
import { CommandError } from './io.js'

/**
 * Whether two paths name one existing file: the same after `./`, `..` and symlinks are resolved,
 * or one file under two names (a hard link, another case on a case-insensitive disk), which only
 * its device and inode numbers tell.
 */
export function isSameFile(a: string, b: string): boolean {
  try {
    if (realpathSync(a) === realpathSync(b)) return true
    const one = statSync(a, { bigint: true })
    const other = statSync(b, { bigint: true })
    return one.ino !== 0n && one.dev === other.dev && one.ino === other.ino
  } catch {
    // One of them does not exist (or cannot be reached): a file not there is not the input.
    return false
  }
}

/**
 * Refuses an output that is the command's own input: the write would replace the file being
 * read, and a run report lost that way cannot be rendered again.
 *
 * @throws CommandError naming both paths
 */
export function refuseOutputOverInput(output: string, input: string, example: string): void {
  if (isSameFile(output, input)) throw new CommandError(`--output ${output} is the file this command reads (${input}); writing it would overwrite its input: give another file, e.g. --output ${example}`)
}
