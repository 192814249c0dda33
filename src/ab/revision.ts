import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'pathe'
import { AbError } from './ab-error.js'
import { git } from './git.js'
import { firstLine } from '../model/first-line.js'

/** The revision `perfspec ab` measures the working tree against. */
export interface BaseRevision {
  /** The ref as the user gave it, or the default branch the merge-base was taken with (`origin/main`). */
  ref: string
  /** Full commit hash. */
  commit: string
  /** `'given'` for `--base <ref>`; `'merge-base'` when taken as `git merge-base HEAD <default branch>`. */
  how: 'given' | 'merge-base'
}

/** The head side: the working tree, and what it holds beyond its commit. */
export interface HeadRevision {
  /** The commit the working tree is on (`HEAD`). */
  commit: string
  /** Files changed, added or deleted since that commit (`git status --porcelain`, untracked files included), as git names them. */
  dirty: string[]
}

/** The repository around `cwd`: its top folder and where the project (the folder the command runs in) lies inside it. */
export interface Repository {
  /** The top folder of the working tree, absolute, symlinks resolved. */
  top: string
  /** The project folder relative to `top` (`''` when it is the top). */
  project: string
}

/**
 * Finds the git repository the command runs in.
 *
 * @throws AbError when `cwd` is not inside a git working tree (or git is missing)
 */
export function findRepository(cwd: string): Repository {
  const top = git(cwd, ['rev-parse', '--show-toplevel'])
  if (!top.ok || !top.out) {
    throw new AbError(`${cwd} is not inside a git repository${top.err ? ` (${firstLine(top.err) ?? top.err})` : ''}: perfspec ab checks the base revision out with git; run it in a clone of your project`)
  }
  const real = realpathSync(top.out)
  return { top: real, project: relative(real, realpathSync(cwd)) }
}

/**
 * The base revision: `given` when the user named one (`--base main`, a tag, a hash), else the
 * merge-base of `HEAD` with the default branch, which is `origin/HEAD`'s target, else `main`,
 * else `master`: what a pull request would be merged into, without the commits the default
 * branch gained since.
 *
 * @throws AbError naming the ref that does not exist, or saying that no default branch was found
 */
export function resolveBase(top: string, given?: string): BaseRevision {
  if (given !== undefined) {
    const commit = git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${given}^{commit}`])
    if (!commit.ok || !commit.out) throw new AbError(`--base ${given}: no such commit, branch or tag in this repository (git rev-parse found nothing); give one that exists, e.g. --base main or --base HEAD~1`)
    return { ref: given, commit: commit.out, how: 'given' }
  }
  const head = git(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])
  if (!head.ok) throw new AbError('this repository has no commit yet: there is no base revision to compare with; commit first, or give --base <ref>')
  const branch = defaultBranch(top)
  if (!branch) throw new AbError('no default branch to take the base from (no origin/HEAD, main or master): give the base revision, e.g. --base HEAD~1')
  const base = git(top, ['merge-base', 'HEAD', branch])
  if (!base.ok || !base.out) {
    // A shallow clone (CI checkouts often fetch one commit) lacks the history the merge-base is in.
    const shallow = git(top, ['rev-parse', '--is-shallow-repository']).out === 'true'
    if (shallow) throw new AbError(`this clone is shallow (it holds only the latest commits), so the merge-base of HEAD and ${branch} is not in it: fetch the history (git fetch --unshallow, or actions/checkout with fetch-depth: 0), or give the base revision, e.g. --base ${branch}`)
    throw new AbError(`HEAD and ${branch} have no common commit, so there is no merge-base to compare with: give the base revision, e.g. --base ${branch}`)
  }
  return { ref: branch, commit: base.out, how: 'merge-base' }
}

/** The default branch, as a ref this repository resolves: `origin/main` (from `origin/HEAD`), `main` or `master`. */
function defaultBranch(top: string): string | undefined {
  const remote = git(top, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])
  if (remote.ok && remote.out) return remote.out
  for (const name of ['main', 'master']) {
    if (git(top, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}^{commit}`]).ok) return name
  }
  return undefined
}

/**
 * The head side: `HEAD`'s commit and the working tree's changes since (files), leaving out
 * `own`: the files `perfspec ab` itself writes (its JSON and Markdown, relative to `top`), which
 * are no change of the code.
 */
export function readHead(top: string, own: readonly string[] = []): HeadRevision {
  const commit = git(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).out
  const status = git(top, ['status', '--porcelain', '--untracked-files=all', '--', '.', ...own.map((p) => `:(exclude,literal)${p}`)])
  return { commit, dirty: status.ok ? status.out.split('\n').filter(Boolean) : [] }
}

/**
 * The folder of the base revision's worktree for `commit`: reused while the base commit stays the
 * same (its install too). It lies in the user's cache folder, outside the project: inside it, the
 * head's runner would find the base's test files as its own, and under a `node_modules` folder
 * Jest would ignore them all (and transform none of its files).
 */
export function worktreePath(top: string, commit: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(abCacheDir(top, env), commit)
}

/**
 * Where `perfspec ab` keeps the worktrees and the lock of one repository:
 * `<cache>/perfspec/ab/<repository folder name>-<hash of its path>`, the cache being
 * `$XDG_CACHE_HOME`, else `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows, `~/.cache`
 * elsewhere.
 */
export function abCacheDir(top: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = `${basename(top).replace(/[^\w.-]/g, '_') || 'root'}-${createHash('sha256').update(top).digest('hex').slice(0, 12)}`
  return join(userCacheDir(env), 'perfspec', 'ab', key)
}

/** The user's cache folder, as each platform's conventions place it. */
function userCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME
  if (process.platform === 'win32' && env.LOCALAPPDATA) return env.LOCALAPPDATA
  return process.platform === 'darwin' ? join(homedir(), 'Library', 'Caches') : join(homedir(), '.cache')
}

/**
 * Makes `path` a worktree of `commit` with nothing changed in it: a new one (`git worktree add
 * --detach`), or the one an earlier run left, reset to the commit and cleaned of what a run
 * wrote (installed dependencies stay). A folder there that is not such a worktree (a run killed
 * while making it) is removed and made again.
 *
 * @throws AbError with git's words when the worktree cannot be made
 */
export function prepareWorktree(top: string, path: string, commit: string): void {
  if (existsSync(path) && isWorktreeOf(path, top)) {
    cleanWorktree(path, commit)
    return
  }
  rmSync(path, { recursive: true, force: true })
  // A worktree whose folder was deleted is still registered until pruned, and blocks the path.
  git(top, ['worktree', 'prune'])
  mkdirSync(dirname(path), { recursive: true })
  const added = git(top, ['worktree', 'add', '--detach', '--force', path, commit])
  if (!added.ok) throw new AbError(`could not check the base revision ${commit.slice(0, 12)} out in ${path}: ${firstLine(added.err) ?? added.err}`)
}

/**
 * Puts a base worktree back to `commit` exactly: tracked files restored, files a run wrote
 * removed, `node_modules` (the install, or its link to the head's) kept. Run before and after
 * each use, so that a run stopped half-way leaves nothing for the next one.
 *
 * @throws AbError with git's words when git cannot do it
 */
export function cleanWorktree(path: string, commit: string): void {
  const checkout = git(path, ['checkout', '--force', '--quiet', '--detach', commit])
  if (!checkout.ok) throw new AbError(`could not reset the base worktree ${path} to ${commit.slice(0, 12)}: ${firstLine(checkout.err) ?? checkout.err}`)
  const clean = git(path, ['clean', '-ffdq', '-e', 'node_modules'])
  if (!clean.ok) throw new AbError(`could not clean the base worktree ${path}: ${firstLine(clean.err) ?? clean.err}`)
}

/** Whether `path` is the top of a worktree of the repository at `top` (and not a folder that merely lies inside it). */
function isWorktreeOf(path: string, top: string): boolean {
  const own = git(path, ['rev-parse', '--show-toplevel'])
  if (!own.ok || resolve(realpathSync(own.out)) !== resolve(realpathSync(path))) return false
  const common = git(path, ['rev-parse', '--git-common-dir'])
  const mine = git(top, ['rev-parse', '--git-common-dir'])
  return common.ok && mine.ok && realpathSync(resolve(path, common.out)) === realpathSync(resolve(top, mine.out))
}

