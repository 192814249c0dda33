/**
 * perfspec's own channel for a Vitest run's test records, read only when the run is stopped.
 *
 * Vitest carries a test's `meta` (where perfspec's records live) from the worker to the reporter
 * with the test's result, through a throttle: Vitest 4 can hold a finished test's result back
 * until the next test of that worker ends, and a run stopped in between (Ctrl-C, SIGTERM) never
 * delivers it. So perfspec's setup file also appends each test that recorded something to a file
 * of its own process in a folder that the reporter names (see `record-folder.ts`); the report of
 * a stopped run adds the tests the folder holds that Vitest did not deliver. A run that ends
 * normally uses Vitest's results alone.
 */
import { isAbsolute, relative } from 'pathe'
import type { RecordEntry } from '../model/entries.js'
import { ID_SEPARATOR, idPart } from '../model/names.js'
import type { TestRecord } from '../model/run-report.js'
import { appendRecord } from '../run/record-folder.js'

/** Environment variable naming the folder (set by the reporter, read in the workers). */
export const VITEST_RECORDS_ENV = 'PERFSPEC_VITEST_DIR'

/** What a worker sends about one test (its last attempt wins). */
export interface ShippedVitestTest {
  /** Absolute path of the test file: Vitest's module id. */
  moduleId: string
  /** The test file relative to its project's root, as Vitest names it (what ids use). */
  file: string
  /** The test's project, as Vitest names it (`''`: the root project). */
  project: string
  /** The project's id part when ids carry it, the describe blocks and the test's name: as the worker names the test. */
  titles: string[]
  /** Line of the test in its file: Vitest's location of it, else its first perfspec call's. */
  line?: number
  /**
   * The runner's verdict as it stood when perfspec's `afterEach` ran (a `test.fails` whose body
   * failed: `passed`); what later hooks do to it is not seen.
   */
  state: TestRecord['state']
  /** Set for `test.fails`. */
  expectedToFail?: true
  entries: RecordEntry[]
}

/** Appends one test's record to this worker's file in `dir`. */
export function shipVitestTest(dir: string, test: ShippedVitestTest, threadId: number): void {
  appendRecord(dir, test, threadId)
}

/** The key of a test file in one project: a file run by two projects is two modules. */
export function moduleKeyOf(project: string, moduleId: string): string {
  return `${project}\0${moduleId}`
}

/**
 * The shipped tests that Vitest did not deliver, as test records: the last line of each test
 * (none when that line has no entries: a retry withdrew what an earlier attempt handed over),
 * with `path` from the run's root when that is not its file.
 *
 * @param delivered - whether Vitest delivered the result of a test (its project, module id and test id)
 */
export function undeliveredRecords(shipped: readonly unknown[], delivered: (project: string, moduleId: string, test: string) => boolean, runRoot: string): TestRecord[] {
  const last = new Map<string, { test: ShippedVitestTest; id: string }>()
  for (const value of shipped) {
    if (!isShipped(value)) continue
    const id = value.titles.map(idPart).join(ID_SEPARATOR)
    if (!delivered(value.project, value.moduleId, id)) last.set(`${moduleKeyOf(value.project, value.moduleId)}\0${id}`, { test: value, id })
  }
  // A last line without entries withdrew what an earlier attempt of the test handed over.
  return [...last.values()].filter(({ test }) => test.entries.length > 0).map(({ test, id }) => {
    const record: TestRecord = { file: test.file, test: id, state: test.state, entries: test.entries }
    setRunPath(record, runRoot, test.moduleId)
    if (test.line !== undefined) record.line = test.line
    if (test.expectedToFail) record.expectedToFail = true
    return record
  })
}

/**
 * Sets `record.path`, the test file from the run's root, when it differs from `record.file` (a
 * project with a root of its own names its files from there).
 */
export function setRunPath(record: TestRecord, runRoot: string, moduleId: string): void {
  const path = relative(runRoot, moduleId)
  if (path !== record.file && !isAbsolute(path)) record.path = path
}

function isShipped(value: unknown): value is ShippedVitestTest {
  const v = value as Partial<ShippedVitestTest> | null
  return typeof v === 'object' && v !== null && typeof v.moduleId === 'string' && typeof v.file === 'string' && typeof v.project === 'string' && Array.isArray(v.titles) && v.titles.every((t) => typeof t === 'string') && (v.state === 'passed' || v.state === 'failed' || v.state === 'skipped') && Array.isArray(v.entries)
}
