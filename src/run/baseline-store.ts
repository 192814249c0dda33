import { existsSync, readFileSync } from 'node:fs'
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
}

/** Where the baselines of a test file live: `<dir>/<test file>.json`. */
export function baselinePath(baselineDir: string, testFile: string): string {
  return join(baselineDir, `${testFile}.json`)
}

/** Reads and validates a baseline file. Never throws: problems come back as `invalid`. */
export function readBaselineFile(path: string): BaselineRead {
  if (!existsSync(path)) return { status: 'missing' }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return { status: 'invalid', problem: `cannot be read: ${(error as Error).message}` }
  }
  const parsed = parseJson(text)
  if (!parsed.ok) return { status: 'invalid', problem: parsed.problem }
  const problems = baselineFileProblems(parsed.data)
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
    read: (testFile) => readBaselineFile(at(testFile)),
    write: (testFile, data) => writeBaselineFile(at(testFile), data),
  }
}
