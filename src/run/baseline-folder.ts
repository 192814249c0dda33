import { realpathSync } from 'node:fs'
import { dirname, isAbsolute, join, normalize, relative } from 'pathe'
import { encodeTestPath } from './baseline-path.js'
import { atRoot, climbsOut } from './root-paths.js'

/** Folders whose content belongs to a tool that replaces it whole: baselines are never kept there. */
const TOOL_FOLDERS = ['node_modules', '.git']

/**
 * Why `folder` (absolute) cannot hold the baselines of the project at `root`, or `undefined`.
 * Baselines are written, and on `-u` removed, under their folder: a folder that holds the
 * project itself (the root, `.`, an ancestor, the file system's root) would expose the
 * project's own files to that, and one inside `node_modules` or `.git` is replaced by tools.
 */
function folderProblem(root: string, folder: string): string | undefined {
  const fromFolder = relative(folder, root)
  if (fromFolder === '') return 'is the project root itself'
  if (!climbsOut(fromFolder)) return `contains the project root (${root})`
  // Only the folder's own parts: a project that itself lies in one (an installed package's
  // tests) may still keep baselines in its own folder.
  const own = normalize(folder).split('/')
  const rootParts = normalize(root).split('/')
  let shared = 0
  while (shared < own.length && own[shared] === rootParts[shared]) shared++
  const tool = own.slice(shared).find((part) => TOOL_FOLDERS.includes(part))
  if (tool) return `is inside a ${tool} folder, which tools replace whole`
  return undefined
}

/**
 * What {@link folderProblem} can tell of a `baselineDir` value before the project root is known
 * (when the plugin or reporter reads its options): `.`, `..`, `../..`, the file system's root, a
 * relative path through `node_modules` or `.git`. `undefined` when nothing.
 */
export function baselineDirProblem(baselineDir: string): string | undefined {
  const path = normalize(baselineDir)
  if (path === '.' || path === '' || path === './') return 'is the project root itself'
  if (/^(\.\.\/)*\.\.\/?$/.test(path)) return 'contains the project root'
  if (isAbsolute(path) && (path === '/' || /^[A-Za-z]:\/?$/.test(path))) return "is the file system's root, which contains the project root"
  const tool = isAbsolute(path) ? undefined : path.split('/').find((part) => TOOL_FOLDERS.includes(part))
  return tool ? `is inside a ${tool} folder, which tools replace whole` : undefined
}

/** The TypeError of a `baselineDir` value that cannot hold baselines. */
export function baselineDirError(option: string, baselineDir: string, problem: string): TypeError {
  return new TypeError(`perfspec: ${option} ${JSON.stringify(baselineDir)} ${problem}; baselines are written (and, with -u, removed) under it, so it must be a folder of its own, such as 'baselines' or, shared by several projects, '../baselines'`)
}

/** The path as the file system resolves it (symlinks followed), or as given when it does not exist yet. */
function real(path: string): string {
  try {
    return normalize(realpathSync(path))
  } catch {
    return path
  }
}

/**
 * Where the baselines of the project at `root` live: the `baselineDir` option resolved against
 * the root, with this project's own part of it when the folder lies outside the project, so
 * that projects sharing a folder (a monorepo's `../baselines`) never share a file. A folder in
 * the project holds the baselines directly (`baselines/<test file>.json`); a folder outside it
 * holds them under the project's path relative to the folder's parent (`mono/a` with
 * `../shared-baselines` → `shared-baselines/a/<test file>.json`; a project outside that parent
 * gets `_up` parts, as test files do).
 *
 * @param root - the project root, absolute
 * @param baselineDir - the `baselineDir` option, relative to the root or absolute
 * @param option - how errors name the option, e.g. `plugin option "baselineDir"`
 * @returns the folder of this project's baseline files, absolute
 * @throws TypeError naming the option when the folder is the project root, holds it (`.`, `..`,
 *   `/`), or lies in `node_modules` or `.git`, followed through symlinks too
 */
export function projectBaselineDir(root: string, baselineDir: string, option: string): string {
  const folder = atRoot(root, baselineDir)
  const problem = baselineDirProblem(baselineDir) ?? folderProblem(root, folder) ?? folderProblem(real(root), real(folder))
  if (problem) throw baselineDirError(option, baselineDir, problem)
  const project = sharedFolderProject(root, folder)
  return project === undefined ? folder : join(folder, encodeTestPath(project))
}

/**
 * The project's path from the parent of a baseline folder outside it (`a`, `a/sub`: see
 * {@link projectBaselineDir}), which its baseline files there carry (`project`), so that a copy
 * of another project's file in its place is told apart; `undefined` when `folder` lies in the
 * project. `folder` absolute, as resolved from the `baselineDir` option.
 */
export function sharedFolderProject(root: string, folder: string): string | undefined {
  return climbsOut(relative(root, folder)) ? relative(dirname(folder), root) : undefined
}
