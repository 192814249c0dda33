/**
 * How test records travel from Jest's test processes to the reporter.
 *
 * Jest gives a setup file no channel of its own into the reporter: a test result carries only
 * Jest's fields. So each test process appends one JSON line per test to its own file in a run
 * folder, and the reporter reads the folder when the run is complete. Why this holds:
 * - the reporter is created in Jest's main process before the run's workers are spawned, and
 *   jest-worker copies `process.env` into every child process or thread it spawns, so the
 *   folder the reporter names in `PERFSPEC_JEST_DIR` reaches every worker (and `--runInBand`
 *   runs tests in the reporter's own process);
 * - a line is appended synchronously in the test's `afterEach`, before the worker reports the
 *   file's result, so every line is on disk before `onRunComplete`, at any `--maxWorkers`;
 * - one file per process and thread means no two writers share a file, and a worker that
 *   crashes loses nothing already written.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'pathe'
import type { RecordEntry } from '../model/entries.js'
import { appendRecord, createRecordFolder, removeRecordFolder, takeRecords } from '../run/record-folder.js'
import { RUN_DIR_ENV } from '../model/jest-run-dir-env.js'

export { RUN_DIR_ENV }
/** Environment variable giving the root that test files are named relative to. */
export const ROOT_ENV = 'PERFSPEC_JEST_ROOT'
/** Environment variable giving the test timeout the setup applies when Jest's default is in force. */
export const TIMEOUT_ENV = 'PERFSPEC_JEST_TIMEOUT'

/** What a test process sends about one test. */
export interface ShippedTest {
  /** Absolute path of the test file. */
  testPath: string
  /** Test file relative to the root, `/`-separated (what entry ids use). */
  file: string
  /** Describe blocks then the test name. */
  titlePath: string[]
  /** The Jest project the file ran in, when the config declares several (see `projects.ts`). */
  project?: string
  /** Line of the test in its file, when the stack told it. */
  line?: number
  /**
   * Whether the test had failed by its last `afterEach` (Jest's own status wins when known), as
   * jest-circus counts it: a `test.failing` whose body failed has not failed, one whose body passed has.
   */
  failed: boolean
  /** Set for a `test.failing` test, which Jest reports passed when its body failed. */
  failing?: true
  /**
   * Which run of the test this was (jest-circus counts them: a retry under `jest.retryTimes` is
   * 2, 3…), when known; two tests of the same name both ship 1.
   */
  attempt?: number
  entries: RecordEntry[]
}

/** Creates a fresh, private run folder, first removing those of Jest processes that are gone. */
export function createRunDir(): string {
  return createRecordFolder('jest')
}

/** Appends one test's record to this process's (and thread's) file in `dir`. */
export function shipTest(dir: string, test: ShippedTest, threadId: number): void {
  appendRecord(dir, test, threadId)
}

/** Suffix of the files in which test processes note that perfspec's setup file ran. */
const SETUP_MARK = '.setup'

/**
 * Notes in `dir` that perfspec's setup file ran in the test file `testPath` of `project` (`''`:
 * the config declares no projects): the reporter tells a project whose files never loaded it,
 * however the config loads it (listed itself, or required from the user's own setup file), and a
 * file that loaded it but was not handed the run's folder (a test environment that drops the
 * config's globals) cannot write this at all.
 */
export function markSetup(dir: string, project: string, threadId: number, testPath?: string): void {
  appendFileSync(join(dir, `.${process.pid}-${threadId}${SETUP_MARK}`), `${JSON.stringify([project, testPath ?? null])}\n`)
}

/** What test processes noted of perfspec's setup (see {@link markSetup}): the projects and the test files. */
export interface SetupMarks {
  projects: Set<string>
  /** The test files, each by {@link setupKey} of its project and absolute path. */
  files: Set<string>
}

/** The projects and test files that noted that perfspec's setup ran (see {@link markSetup}). */
export function collectSetupMarks(dir: string): SetupMarks {
  const marks: SetupMarks = { projects: new Set(), files: new Set() }
  let names: string[] = []
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(SETUP_MARK))
  } catch {
    return marks
  }
  for (const name of names) {
    let text = ''
    try {
      text = readFileSync(join(dir, name), 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n')) {
      let mark: unknown
      try {
        mark = line.trim() ? JSON.parse(line) : undefined
      } catch {
        // a line cut short by a killed process
        continue
      }
      if (!Array.isArray(mark)) continue
      marks.projects.add(String(mark[0]))
      if (typeof mark[1] === 'string') marks.files.add(setupKey(String(mark[0]), mark[1]))
    }
  }
  return marks
}

/**
 * Reads and removes every record in `dir`. A line that does not parse (a process killed
 * mid-write) is skipped and counted, never fatal.
 */
export function collectTests(dir: string): { tests: ShippedTest[]; unreadable: number; missing: number } {
  const { records, unreadable, missing } = takeRecords(dir)
  return { tests: records as ShippedTest[], unreadable, missing }
}

/** Removes the run folder. */
export function removeRunDir(dir: string): void {
  removeRecordFolder(dir)
}

/** A test file of a project, as {@link SetupMarks} names it: a file that two projects run is two. */
export function setupKey(project: string, testPath: string): string {
  return `${project}\0${testPath}`
}
