/**
 * The test files a perfspec Jest run handed to its workers, listed in its record folder as the
 * reporter starts each: a test file can tell that it belongs to the run (not to a Jest that a test
 * started, which inherits the run's variables) where nothing was handed to it through the config's
 * globals (a test environment that drops them).
 */
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'pathe'

const STARTED = '.started'

/** Lists `testPath` (absolute) in the run's record folder `dir`. @throws the file system's error */
export function noteStarted(dir: string, testPath: string): void {
  appendFileSync(join(dir, STARTED), `${testPath}\n`)
}

/** Whether the run whose record folder is `dir` started `testPath`; `false` when it cannot be read. */
export function wasStarted(dir: string, testPath: string): boolean {
  try {
    return readFileSync(join(dir, STARTED), 'utf8').split('\n').includes(testPath)
  } catch {
    return false
  }
}
