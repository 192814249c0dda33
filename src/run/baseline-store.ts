import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'pathe'
import type { BaselineFile, BaselineRead } from '../model/baseline.js'
import { writeFileAtomic } from './atomic-write.js'
import { baselineFileProblems } from './baseline-schema.js'
import { parseJson } from './json-error.js'
import { problemList } from './schema-problems.js'

/**
 * Where baseline files live: one per test file, read and written whole. The session reads and
 * writes baselines only through this, so its decisions can be tested with an in-memory store.
 */
export interface BaselineStore {
  /** Where the baselines of `testFile` are, as shown to users (relative to the project root). */
  pathOf(testFile: string): string
  /** Reads and validates the baselines of `testFile`. Never throws: problems come back as `invalid`. */
  read(testFile: string): BaselineRead
  /** Writes the baselines of `testFile` atomically. @throws the file system's error */
  write(testFile: string, data: BaselineFile): void
  /** The test files that have baseline files, relative to the project root. */
  list?(): string[]
  /** Removes the baselines of `testFile`. @throws the file system's error */
  remove?(testFile: string): void
  /** Whether `testFile` still exists (a baseline file of a test file that does not is obsolete). */
  testFileExists?(testFile: string): boolean
}

/**
 * A folder name for `..`, so that the baselines of a test file outside the project root
 * (`../shared/a.test.ts`) stay under the baseline folder (`_up/shared/a.test.ts.json`). A real
 * folder of that name gets one more underscore (`_up` → `_up_`, `_up_` → `_up__`), so two test
 * files never share a baseline file.
 */
export const PARENT_FOLDER = '_up'
const UP_LIKE = /^_up_*$/

/**
 * Where the baselines of a test file live: `<dir>/<test file>.json`, always inside `<dir>`,
 * whatever the test file's path: `..` becomes {@link PARENT_FOLDER}, and a leading `/` or drive
 * letter is dropped.
 *
 * @param testFile - the test file relative to the project root, with `/` separators
 */
export function baselinePath(baselineDir: string, testFile: string): string {
  const parts = testFile
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .map((p) => (p === '..' ? PARENT_FOLDER : UP_LIKE.test(p) ? `${p}_` : p.replace(/:/g, '')))
  return join(baselineDir, `${parts.join('/')}.json`)
}

/**
 * Reads and validates a baseline file. Never throws: problems come back as `invalid`.
 *
 * @param testFile - the test file whose baselines `path` holds, relative to the project root: its
 *   `file` field and every `bench_id` must belong to it
 */
export function readBaselineFile(path: string, testFile?: string): BaselineRead {
  if (!existsSync(path)) return { status: 'missing' }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return { status: 'invalid', problem: `cannot be read: ${(error as Error).message}` }
  }
  const parsed = parseJson(text)
  if (!parsed.ok) return { status: 'invalid', problem: parsed.problem }
  const problems = baselineFileProblems(parsed.data, testFile)
  if (problems.length) return { status: 'invalid', problem: `does not match the baseline schema: ${problemList(problems)}` }
  return { status: 'ok', data: parsed.data as BaselineFile }
}

/** Writes a baseline file atomically, entries sorted by id for stable diffs. */
export function writeBaselineFile(path: string, data: BaselineFile): void {
  const byId = (list: BaselineFile['benchmarks']) => [...list].sort((a, b) => (a.bench_id < b.bench_id ? -1 : a.bench_id > b.bench_id ? 1 : 0))
  const sorted: BaselineFile = { ...data, benchmarks: byId(data.benchmarks), ...(data.testbeds && { testbeds: data.testbeds.map((t) => ({ ...t, benchmarks: byId(t.benchmarks) })) }) }
  writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`)
}

/**
 * The baseline files of a project: `<baselineDir>/<test file>.json`.
 *
 * @param root - project root, absolute (paths are shown relative to it)
 * @param baselineDir - folder of the baseline files, absolute
 */
export function fileBaselineStore(root: string, baselineDir: string): BaselineStore {
  const at = (testFile: string) => baselinePath(baselineDir, testFile)
  return {
    pathOf: (testFile) => relative(root, at(testFile)),
    read: (testFile) => readBaselineFile(at(testFile), testFile),
    write: (testFile, data) => writeBaselineFile(at(testFile), data),
    list: () => listBaselineFiles(baselineDir).map(testFileOf),
    remove: (testFile) => rmSync(at(testFile)),
    testFileExists: (testFile) => existsSync(join(root, testFile)),
  }
}

/** The test file whose baselines are at `file` (relative to the baseline folder): {@link baselinePath} undone. */
function testFileOf(file: string): string {
  return file
    .replace(/\.json$/, '')
    .split('/')
    .map((p) => (p === PARENT_FOLDER ? '..' : UP_LIKE.test(p) ? p.slice(0, -1) : p))
    .join('/')
}

/** Every `.json` file under `dir`, relative to it, `/`-separated; none when it does not exist. */
function listBaselineFiles(dir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  } catch {
    return []
  }
  return names.map((n) => n.replace(/\\/g, '/')).filter((n) => n.endsWith('.json')).sort()
}
