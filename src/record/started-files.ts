/**
 * The test files a perfspec Jest run handed to its workers, listed in its record folder as the
 * reporter starts each: a test file can tell that it belongs to the run (not to a Jest that a test
 * started, which inherits the run's variables) where nothing was handed to it through the config's
 * globals (a test environment that drops them).
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'pathe'
import { folderOwner, isOwnRunner, recordRootName } from './runner-process.js'
import { forgetInheritedHandOver, handedEnv } from '../measure/launch-env.js'
import { RUN_DIR_ENV } from '../model/jest-run-dir-env.js'

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

/**
 * Whether a perfspec Jest run of this process's runner (this process, or the parent that started
 * it as a worker) started `testPath`, found among the record folders of this user's Jest runs:
 * for a test file whose environment lost the run's variables (a setup file that replaced
 * `process.env` before perfspec loaded) as well as its globals.
 */
export function startedByOwnRunner(testPath: string): boolean {
  const base = join(os.tmpdir(), recordRootName('jest'))
  let names: string[] = []
  try {
    names = readdirSync(base)
  } catch {
    return false
  }
  return names.some((name) => isOwnRunner(folderOwner(name)) && wasStarted(join(base, name), testPath))
}

/**
 * The record folder handed to this test file (`testPath`, when known) through its globals, when
 * that folder's run started the file; otherwise `undefined`, and a hand-over found there is
 * forgotten: a Jest that a test starts in its own process builds its files' globals from the
 * outer file's, so nothing of the outer run (its folder, `perfspec ab`'s side) applies here.
 */
export function handedRunDirOf(testPath: string | undefined, realm: Record<string, unknown> = globalThis as Record<string, unknown>): string | undefined {
  const dir = handedEnv(realm)?.[RUN_DIR_ENV] || undefined
  if (!dir || testPath === undefined || wasStarted(dir, testPath)) return dir
  forgetInheritedHandOver(realm)
  return undefined
}
