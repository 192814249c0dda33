import { lstatSync, readdirSync, rmSync, type Dirent } from 'node:fs'
import { dirname, join, relative } from 'pathe'
import type { BaselineFile, BaselineId, BaselineRead } from '../model/baseline.js'
import { writeFileAtomic } from './atomic-write.js'
import { baselinePath, encodeTestPath, testFileOf } from './baseline-path.js'
import { leftBehindText } from '../report/missing-baseline-text.js'
import { baselineFileProblems } from './baseline-schema.js'
import { parseJson } from './json-error.js'
import { readRegularFile } from './regular-file.js'
import { problemList } from './schema-problems.js'
import { climbsOut } from './root-paths.js'

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
  /**
   * The test files that may have baseline files here, relative to the project root: files named
   * as baselines are, to be read before anything is done with them (a file of that name need not
   * be a baseline: it is one when it reads `ok` and its `file` names its test file).
   */
  list?(): string[]
  /**
   * The test file the baseline file of `testFile` names (its `file` field), read without checking
   * the rest, or `undefined` when it is no baseline file perfspec wrote: enough to tell an obsolete
   * file, without decoding every histogram of a folder of them (probe 62 #2).
   */
  fileOf?(testFile: string): string | undefined
  /** Removes the baselines of `testFile`. @throws the file system's error */
  remove?(testFile: string): void
  /** The project's path in a shared baseline folder, which its files carry (see `BaselineFile.project`); absent in a folder inside the project. */
  project?: string
  /** Whether `testFile` still exists under the run's roots (a baseline file of a test file that does not is obsolete). */
  testFileExists?(testFile: string): boolean
  /**
   * Where else in the project a file is at the path `testFile` (relative to the project root), when
   * it is under none of the run's roots: it may be the test file of a project of another
   * configuration. `''` when the search stopped at its bound; `undefined` when there is none. A
   * store without {@link testFileExists} (the run's roots unknown) looks from the project root too.
   */
  testFileElsewhere?(testFile: string): string | undefined
}

/**
 * Reads and validates a baseline file. Never throws: problems come back as `invalid`.
 *
 * @param testFile - the test file whose baselines `path` holds, relative to the project root: its
 *   `file` field and every `bench_id` must belong to it
 * @param shared - the folder lies outside the project, where other projects may keep their files
 *   (see `projectBaselineDir`): a file of one of them is then said to be theirs
 * @param project - in such a folder, this project's path from its parent (see `sharedFolderProject`):
 *   a file that names another (a copy of its baselines put here) is said to be theirs too
 */
export function readBaselineFile(path: string, testFile?: string, { shared = false, project }: { shared?: boolean; project?: string } = {}): BaselineRead {
  const file = readRegularFile(path)
  if (!file.ok) return file.reason === 'missing' ? { status: 'missing' } : { status: 'invalid', problem: file.problem }
  const parsed = parseJson(file.text)
  if (!parsed.ok) return { status: 'invalid', problem: parsed.problem, ...(/"testbeds"\s*:/.test(file.text) && { holds: heldInText() }) }
  const foreign = shared ? otherProjectProblem(parsed.data, testFile) : undefined
  if (foreign) return { status: 'invalid', problem: foreign, foreign: true }
  // Not `foreign`: no other project reads this path, so -u may rewrite it (a package moved, probe 77 #1).
  const copied = shared ? copiedProjectProblem(parsed.data, project) : undefined
  if (copied) return { status: 'invalid', problem: copied }
  const problems = baselineFileProblems(parsed.data, testFile)
  if (problems.length) return { status: 'invalid', problem: `does not match the baseline schema: ${problemList(problems)}`, holds: heldIn(parsed.data) }
  return { status: 'ok', data: parsed.data as BaselineFile }
}

/**
 * What an invalid baseline file still holds, read loosely: unnamed entries, and its testbeds'
 * names; `unknown` when it has testbeds whose names cannot be read (`testbeds` not a list).
 */
function heldIn(data: unknown): NonNullable<Extract<BaselineRead, { status: 'invalid' }>['holds']> {
  const file = (data !== null && typeof data === 'object' ? data : {}) as { benchmarks?: unknown; testbeds?: unknown }
  const unnamed = Array.isArray(file.benchmarks) && file.benchmarks.length > 0
  const testbeds = Array.isArray(file.testbeds) ? file.testbeds.map((t) => String((t as { name?: unknown } | null)?.name ?? '')) : []
  const unknown = file.testbeds !== undefined && !Array.isArray(file.testbeds)
  return { unnamed, testbeds, ...(unknown && { unknown: true as const }) }
}

/**
 * What a baseline file that is not valid JSON (truncated, or with Git's conflict markers) may
 * hold, from its text: it names testbeds, whose names are not known for sure, so a rewrite from
 * one testbed's run could lose others'.
 */
function heldInText(): NonNullable<Extract<BaselineRead, { status: 'invalid' }>['holds']> {
  // Which "benchmarks" list is the unnamed one cannot be told from text: the testbeds' names are unknown.
  return { unnamed: false, testbeds: [], unknown: true }
}

/**
 * Why the file read for `testFile` is another project's, or `undefined`: its `file` field names
 * `testFile` seen from a project inside this one, or from one that holds this one. Projects that
 * share a baseline folder outside them keep their files under their paths from the folder's
 * parent (`a/`, `a/sub/`), so when project `a` runs `sub/t/x.test.ts`, the test file of project
 * `a/sub`, both read and write `a/sub/t/x.test.ts.json`.
 */
function otherProjectProblem(data: unknown, testFile: string | undefined): string | undefined {
  if (testFile === undefined || data === null || typeof data !== 'object') return undefined
  const stored = (data as { file?: unknown }).file
  if (typeof stored !== 'string' || stored === testFile) return undefined
  const leave = `perfspec leaves it as it is (-u too); if the test file moved rather, delete this file and run again; otherwise give the two projects different baselineDir folders, or`
  if (stored.endsWith(`/${testFile}`)) {
    const outer = stored.slice(0, -testFile.length - 1)
    return `holds the baselines of ${JSON.stringify(stored)}, written by another project that shares this baseline folder: one that holds this project as its folder ${JSON.stringify(outer)} and runs its test files too; ${leave} leave ${JSON.stringify(`${outer}/**`)} out of that project's tests (its exclude option)`
  }
  if (testFile.endsWith(`/${stored}`)) {
    const inner = testFile.slice(0, -stored.length - 1)
    return `holds the baselines of ${JSON.stringify(stored)}, written by another project that shares this baseline folder: the one at ${JSON.stringify(inner)} inside this project, whose test file this project runs too; ${leave} leave ${JSON.stringify(`${inner}/**`)} out of this project's tests (its exclude option)`
  }
  return undefined
}

/**
 * Why a file of a shared baseline folder that names another project in its `project` field is not
 * this project's (`project`), or `undefined`: a copy of that project's baselines put in this
 * project's place (probe 76 #1), by hand or by a tool, which this project must not be gated
 * against; or the project moved, and `-u` rewrites it (probe 77 #1). A file without the field
 * (written before it existed) is not judged by it.
 */
function copiedProjectProblem(data: unknown, project: string | undefined): string | undefined {
  const named = data !== null && typeof data === 'object' ? (data as { project?: unknown }).project : undefined
  if (project === undefined || typeof named !== 'string' || named === project) return undefined
  return `names the project at ${JSON.stringify(named)}, not this one (${JSON.stringify(project)}): a copy of that project's baselines put in this one's place, or this project moved from there. Restore this project's baseline from version control; if the project moved, run with -u to rewrite it for its new place`
}

/** The `file` field of a baseline file, parsed but not validated; `undefined` when it has none or is none. */
function namedTestFile(path: string): string | undefined {
  const file = readRegularFile(path)
  return file.ok ? markedTestFile(file.text) : undefined
}

/**
 * The test file a text names when it reads as a baseline file perfspec wrote (the format's mark,
 * its `file` field and a list of benchmarks), valid or not otherwise; `undefined` for any other text.
 */
export function markedTestFile(text: string): string | undefined {
  return baselineMark(text)?.file
}

/**
 * What a text that reads as a baseline file perfspec wrote (see {@link markedTestFile}) says it
 * belongs to: its test file, and in a shared folder its project (see `BaselineFile.project`); and
 * the baselines it holds (`bench_id`, with the testbed of those under `testbeds`).
 */
export function baselineMark(text: string): { file: string; project?: string; entries: BaselineId[] } | undefined {
  const parsed = parseJson(text)
  const data = parsed.ok ? (parsed.data as { perfspec?: unknown; file?: unknown; project?: unknown; benchmarks?: unknown; testbeds?: unknown } | null) : null
  if (data === null || typeof data !== 'object' || data.perfspec !== 1 || typeof data.file !== 'string' || !Array.isArray(data.benchmarks)) return undefined
  const idsOf = (list: unknown, testbed?: string): BaselineId[] =>
    (Array.isArray(list) ? list : []).flatMap((b: unknown) => {
      const id = b !== null && typeof b === 'object' ? (b as { bench_id?: unknown }).bench_id : undefined
      return typeof id === 'string' ? [{ id, ...(testbed !== undefined && { testbed }) }] : []
    })
  const testbeds = Array.isArray(data.testbeds) ? (data.testbeds as unknown[]) : []
  const entries = [...idsOf(data.benchmarks), ...testbeds.flatMap((t) => (t !== null && typeof t === 'object' && typeof (t as { name?: unknown }).name === 'string' ? idsOf((t as { benchmarks?: unknown }).benchmarks, (t as { name: string }).name) : []))]
  return { file: data.file, ...(typeof data.project === 'string' && { project: data.project }), entries }
}

/** The baselines `before` holds and `after` does not, testbeds' too (both baseline files of perfspec's; none otherwise). */
export function lostBaselines(before: string | undefined, after: string | undefined): BaselineId[] {
  const had = before === undefined ? undefined : baselineMark(before)
  const has = after === undefined ? undefined : baselineMark(after)
  if (!had || !has) return []
  const key = (e: BaselineId) => `${e.testbed ?? ''}\u0000${e.id}`
  const kept = new Set(has.entries.map(key))
  return had.entries.filter((e) => !kept.has(key(e)))
}

/** Writes a baseline file atomically, entries sorted by id for stable diffs. */
export function writeBaselineFile(path: string, data: BaselineFile): void {
  const byId = (list: BaselineFile['benchmarks']) => [...list].sort((a, b) => (a.bench_id < b.bench_id ? -1 : a.bench_id > b.bench_id ? 1 : 0))
  const sorted: BaselineFile = { ...data, benchmarks: byId(data.benchmarks), ...(data.testbeds && { testbeds: data.testbeds.map((t) => ({ ...t, benchmarks: byId(t.benchmarks) })) }) }
  writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`)
}

/**
 * The baseline files of a project: `<dir>/<test file>.json` ({@link baselinePath}).
 *
 * @param root - project root, absolute (paths are shown relative to it)
 * @param dir - folder of this project's baseline files, absolute (see `projectBaselineDir`)
 * @param testRoots - folders a test file's name is relative to (a Vitest project's own `root`),
 *   absolute; a test file is gone only when it is under none of them. `false` when the run cannot
 *   tell them all (it selected some projects): then no test file is taken for gone. Default `[root]`.
 * @param project - in a folder outside the project, shared with others, the project's path from
 *   the folder's parent (see `sharedFolderProject`): written in its files, and a file that names
 *   another is not read as its own. Default: none (a folder inside the project).
 */
export function fileBaselineStore(root: string, dir: string, testRoots: readonly string[] | false = [root], project?: string): BaselineStore {
  const at = (testFile: string) => baselinePath(dir, testFile)
  const shared = climbsOut(relative(root, dir))
  // The project's folders, walked once per run, when a baseline file's test file is first looked for elsewhere.
  let folders: Folders | undefined
  return {
    pathOf: (testFile) => relative(root, at(testFile)),
    read: (testFile) => {
      const read = readBaselineFile(at(testFile), testFile, { shared, ...(project !== undefined && { project }) })
      const left = read.status === 'missing' && project !== undefined ? leftBehind(dir, project, testFile) : undefined
      // Not new: a moved package's baselines stayed under its old path, and under CI its
      // benchmarks would pass as new whatever they measure (probe 80 #3).
      return left && project !== undefined ? { status: 'invalid', problem: leftBehindText(relative(root, left.path), left.project, project) } : read
    },
    write: (testFile, data) => writeBaselineFile(at(testFile), project === undefined ? data : ownedBy(data, project)),
    ...(project !== undefined && { project }),
    list: () => listBaselineFiles(dir),
    fileOf: (testFile) => namedTestFile(at(testFile)),
    remove: (testFile) => rmSync(at(testFile)),
    ...(testRoots && { testFileExists: (testFile: string) => testRoots.some((r) => pathExists(join(r, testFile))) }),
    // With the run's roots unknown, the project root is one more place to look.
    testFileElsewhere: (testFile: string) => (!testRoots && pathExists(join(root, testFile)) ? testFile : inSomeFolder(root, testFile, (folders ??= foldersUnder(root)))),
  }
}

/**
 * In a shared baseline folder, the baseline file of `testFile` under another project's part whose
 * project (its files' `project`) is no longer there: where the baselines of a package moved to
 * `project` stayed. Only the folder's own parts are looked at, one level down; `undefined` when none.
 *
 * @param dir - this project's part of the shared folder, absolute (see `projectBaselineDir`)
 * @param project - this project's path from the shared folder's parent
 */
function leftBehind(dir: string, project: string, testFile: string): { path: string; project: string } | undefined {
  const folder = upBy(dir, encodeTestPath(project).split('/').length)
  let entries: Dirent[]
  try {
    entries = readdirSync(folder, { withFileTypes: true })
  } catch {
    return undefined
  }
  for (const entry of entries) {
    const part = join(folder, entry.name)
    if (!entry.isDirectory() || part === dir) continue
    const path = baselinePath(part, testFile)
    const file = readRegularFile(path)
    const mark = file.ok ? baselineMark(file.text) : undefined
    if (!mark?.project || mark.project === project || mark.file !== testFile || pathExists(join(dirname(folder), mark.project))) continue
    return { path, project: mark.project }
  }
  return undefined
}

/** `path` with its last `levels` parts taken off. */
function upBy(path: string, levels: number): string {
  let up = path
  for (let i = 0; i < levels; i++) up = dirname(up)
  return up
}

/** `data` with its project named, after its test file, where a reader of the file looks for it. */
function ownedBy(data: BaselineFile, project: string): BaselineFile {
  const { $schema, perfspec, file, project: _, ...rest } = data
  return { ...($schema !== undefined && { $schema }), perfspec, ...(file !== undefined && { file }), project, ...rest }
}

/**
 * Whether something is at `path`: only "no such file" says no. A folder that cannot be searched
 * (`EACCES`) or any other error says yes, so a test file is never taken for gone on a doubt.
 */
function pathExists(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code !== 'ENOENT' && code !== 'ENOTDIR'
  }
}

/** The most folders {@link foldersUnder} lists. */
const MAX_FOLDERS_SEARCHED = 20_000

/** A project's folders below its root, and whether there were more than were listed. */
interface Folders {
  list: string[]
  more: boolean
}

/** The folders under `root`, not `root` itself, nor in `node_modules` or `.git`: a bounded walk. */
function foldersUnder(root: string): Folders {
  const list: string[] = []
  const pending = [root]
  while (pending.length > 0) {
    const folder = pending.pop()!
    if (folder !== root) list.push(folder)
    if (list.length >= MAX_FOLDERS_SEARCHED) return { list, more: true }
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') pending.push(join(folder, entry.name))
  }
  return { list, more: false }
}

/**
 * Where `testFile` is from some folder under `root` (see {@link foldersUnder}), relative to
 * `root`: a baseline file may belong to a project of another configuration that shares the
 * baseline folder, with a root of its own that this run does not know (probe 34 #4), so its test
 * file is not taken for gone. Past {@link MAX_FOLDERS_SEARCHED} folders it answers `''`, never
 * taking a test file for gone on a doubt.
 */
function inSomeFolder(root: string, testFile: string, folders: Folders): string | undefined {
  for (const folder of folders.list) if (pathExists(join(folder, testFile))) return relative(root, join(folder, testFile))
  return folders.more ? '' : undefined
}

/** The most folder entries {@link listBaselineFiles} looks at: a bound on a folder that is not what it seems. */
const MAX_LISTED = 100_000

/**
 * The test files whose baselines may be under `dir`: regular `.json` files (symlinks are not
 * followed) whose names {@link baselinePath} writes, in sorted order; none when `dir` does not
 * exist. `node_modules` and `.git` folders are skipped, and the walk stops after
 * {@link MAX_LISTED} entries. Whether each file is a baseline of that test file is for its reader.
 */
function listBaselineFiles(dir: string): string[] {
  const found: string[] = []
  let seen = 0
  const walk = (folder: string, prefix: string) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (++seen > MAX_LISTED) return
      const name = `${prefix}${entry.name}`
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') walk(join(folder, entry.name), `${name}/`)
      else if (entry.isFile()) {
        const testFile = testFileOf(name)
        if (testFile !== undefined) found.push(testFile)
      }
    }
  }
  walk(dir, '')
  return found.sort()
}

/** The store, with writes and removals left undone: what a run would write is found before the run is decided. */
export function readOnlyStore(store: BaselineStore): BaselineStore {
  return {
    pathOf: (testFile) => store.pathOf(testFile),
    read: (testFile) => store.read(testFile),
    write: () => {},
    ...(store.list && { list: () => store.list!() }),
    ...(store.fileOf && { fileOf: (testFile: string) => store.fileOf!(testFile) }),
    ...(store.testFileExists && { testFileExists: (testFile: string) => store.testFileExists!(testFile) }),
    ...(store.testFileElsewhere && { testFileElsewhere: (testFile: string) => store.testFileElsewhere!(testFile) }),
    ...(store.project !== undefined && { project: store.project }),
  }
}
