import { spawn } from 'node:child_process'
import { existsSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'pathe'
import { AbError } from './ab-error.js'

/** A lockfile perfspec knows, and the command that installs exactly what it lists. */
interface Lockfile {
  name: string
  install: readonly string[]
}

/** In the order a project most likely means when it has several. */
const LOCKFILES: readonly Lockfile[] = [
  { name: 'package-lock.json', install: ['npm', 'ci'] },
  { name: 'npm-shrinkwrap.json', install: ['npm', 'ci'] },
  { name: 'pnpm-lock.yaml', install: ['pnpm', 'install', '--frozen-lockfile'] },
  { name: 'yarn.lock', install: ['yarn', 'install', '--frozen-lockfile'] },
  { name: 'bun.lock', install: ['bun', 'install', '--frozen-lockfile'] },
]

/** Written into an install of the base's own, with its lockfile's text, so that a later run reuses it only for the same lockfile. */
const MARK = '.perfspec-ab-installed'

/** How the base gets its dependencies. */
export type InstallPlan =
  /** The lockfiles are the same: the base's `node_modules` is a link to the head's. */
  | { kind: 'link'; lockfile?: string }
  /** An earlier run installed this lockfile in the base worktree already. */
  | { kind: 'reuse'; lockfile: string }
  /** The lockfiles differ (or the head's dependencies hold the head's own workspace packages): install. */
  | { kind: 'install'; lockfile: string; command: readonly string[]; why: 'lockfile' | 'workspaces' }

/** What {@link installBase} did, for the run's notes. */
export interface InstallOutcome {
  plan: InstallPlan
  /** ms the install took (0 unless it installed). */
  took: number
}

/**
 * Decides how the base worktree gets its dependencies. The lockfile is looked for in the project
 * folder, then in its parents up to the repository's top (a workspace's lockfile lies at its
 * root). Equal lockfiles mean equal dependencies, so the head's `node_modules` serves, linked;
 * except in a workspace, whose `node_modules` links to its own packages' folders and would give
 * the base the head's code of them.
 *
 * @param headTop - the head repository's top folder; `baseTop` the base worktree's
 * @param project - the project folder relative to both
 * @throws AbError when the base has no lockfile perfspec can install from and the head's differs
 */
export function planInstall(headTop: string, baseTop: string, project: string): InstallPlan & { dir: string } {
  const found = findLockfile(baseTop, project) ?? findLockfile(headTop, project)
  if (!found) return { kind: 'link', dir: join(baseTop, project) }
  const { lockfile, dir } = found
  const baseDir = join(baseTop, dir)
  const baseText = readText(join(baseDir, lockfile.name))
  const headText = readText(join(headTop, dir, lockfile.name))
  if (baseText === undefined) throw new AbError(`the base revision has no ${lockfile.name} in ${dir || 'its top folder'} while the working tree has: perfspec ab cannot install its dependencies; commit the lockfile on the base branch, or give a --base that has it`)
  const workspaces = isWorkspace(join(headTop, dir))
  if (baseText === headText && !workspaces) {
    return { kind: 'link', lockfile: lockfile.name, dir: baseDir }
  }
  if (installedMark(baseDir) === baseText) return { kind: 'reuse', lockfile: lockfile.name, dir: baseDir }
  return { kind: 'install', lockfile: lockfile.name, command: lockfile.install, why: baseText === headText ? 'workspaces' : 'lockfile', dir: baseDir }
}

/**
 * Gives the base worktree its dependencies as {@link planInstall} decided: links the head's
 * `node_modules`, or runs the lockfile's install command there (`npm ci`), marking the install
 * so the next run with the same base reuses it.
 *
 * @param onOutput - the install's output as it comes, for a progress display
 * @throws AbError with the end of the install's output when it fails
 */
export async function installBase(headTop: string, baseTop: string, project: string, onOutput?: (text: string) => void, signal?: AbortSignal): Promise<InstallOutcome> {
  const plan = planInstall(headTop, baseTop, project)
  const { dir } = plan
  const target = join(dir, 'node_modules')
  if (plan.kind === 'reuse') return { plan, took: 0 }
  if (plan.kind === 'link') {
    const headModules = join(headTop, relative(baseTop, dir), 'node_modules')
    linkModules(target, headModules)
    // A project folder inside the workspace may have its own node_modules beside the root's.
    const headProjectModules = join(headTop, project, 'node_modules')
    if (resolve(join(baseTop, project)) !== resolve(dir) && existsSync(headProjectModules)) linkModules(join(baseTop, project, 'node_modules'), headProjectModules)
    return { plan, took: 0 }
  }
  removeLink(target)
  const started = Date.now()
  const [command, ...args] = plan.command as [string, ...string[]]
  const { code, tail } = await runInstall(command, args, dir, onOutput, signal)
  if (code !== 0) {
    throw new AbError(`installing the base revision's dependencies failed (${plan.command.join(' ')} in ${dir}, ${code === null ? 'stopped' : `exit code ${code}`})${tail ? `; its last lines:\n${tail}` : ''}`)
  }
  writeFileSync(join(target, MARK), readFileSync(join(dir, plan.lockfile)))
  return { plan, took: Date.now() - started }
}

/** The nearest lockfile from the project folder up to the top, as a folder relative to `top` and the lockfile. */
function findLockfile(top: string, project: string): { lockfile: Lockfile; dir: string } | undefined {
  for (let dir = project; ; dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '') {
    const lockfile = LOCKFILES.find((l) => existsSync(join(top, dir, l.name)))
    if (lockfile) return { lockfile, dir }
    if (dir === '') return undefined
  }
}

/** Whether the folder is the root of a workspace (npm/yarn `workspaces`, pnpm's `pnpm-workspace.yaml`). */
function isWorkspace(dir: string): boolean {
  if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return true
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { workspaces?: unknown }).workspaces !== undefined
  } catch {
    return false
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** The lockfile text an earlier install of the base left in its `node_modules`; none in a link. */
function installedMark(dir: string): string | undefined {
  const modules = join(dir, 'node_modules')
  try {
    if (lstatSync(modules).isSymbolicLink()) return undefined
  } catch {
    return undefined
  }
  return readText(join(modules, MARK))
}

/** Makes `target` a link to `source`, replacing a link elsewhere or an install of the base's own. */
function linkModules(target: string, source: string): void {
  try {
    const stat = lstatSync(target)
    if (stat.isSymbolicLink() && resolve(join(target, '..'), readlinkSync(target)) === resolve(source)) return
    rmSync(target, { recursive: true, force: true })
  } catch {
    // Absent: linked below.
  }
  if (!existsSync(source)) throw new AbError(`the working tree has no ${source}: install its dependencies first (e.g. npm ci), perfspec ab runs its tests with them`)
  // A junction on Windows needs no privilege; elsewhere the type is ignored.
  symlinkSync(source, target, 'junction')
}

function removeLink(target: string): void {
  try {
    if (lstatSync(target).isSymbolicLink()) rmSync(target, { force: true })
  } catch {
    // Absent.
  }
}

/** Runs an install command, keeping the end of its output for the error message. */
function runInstall(command: string, args: string[], cwd: string, onOutput?: (text: string) => void, signal?: AbortSignal): Promise<{ code: number | null; tail: string }> {
  return new Promise((done) => {
    let output = ''
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32', ...(signal && { signal }) })
    const keep = (chunk: Buffer) => {
      const text = chunk.toString()
      onOutput?.(text)
      output = (output + text).slice(-8000)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', (error) => {
      output += `\n${command} could not be started: ${error.message}`
      done({ code: -1, tail: output.trim().split('\n').slice(-15).join('\n') })
    })
    child.on('close', (code) => done({ code, tail: output.trim().split('\n').slice(-15).join('\n') }))
  })
}
