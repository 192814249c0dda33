import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'pathe'

/**
 * What a test file holds now: a digest of its text (SHA-1, of its bytes with CRLF line ends read
 * as LF, so that checkouts on Windows and Linux agree) and when it was last modified (ms since
 * the epoch).
 */
export interface FileStamp {
  digest: string
  modified: number
}

/**
 * A test file's {@link FileStamp} now, or `undefined` when it cannot be read: to tell whether the
 * file changed during a run (an edit, or a `git checkout`, while a run writes baselines).
 */
export type TestFileStamp = (file: string) => FileStamp | undefined

/** A {@link TestFileStamp} of test files named by their path from the run's root (a record's `path`, else its `file`). */
export function testFileStamp(root: string): TestFileStamp {
  return (file) => stampOfFile(resolve(root, file))
}

/** The {@link FileStamp} of the file at `path` now, or `undefined` when it cannot be read. */
export function stampOfFile(path: string): FileStamp | undefined {
  try {
    const modified = statSync(path).mtimeMs
    return { digest: createHash('sha1').update(readFileSync(path, 'latin1').replaceAll('\r\n', '\n'), 'latin1').digest('hex'), modified }
  } catch {
    // Gone or unreadable: nothing to compare.
    return undefined
  }
}
