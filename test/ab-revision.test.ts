import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { AbError } from '../src/ab/ab-error.js'
import { installBase, planInstall } from '../src/ab/install.js'
import { abCacheDir, cleanWorktree, findRepository, prepareWorktree, readHead, resolveBase, worktreePath } from '../src/ab/revision.js'
import { markWorktreeUsed, pruneWorktrees, worktreesToPrune } from '../src/ab/worktree-prune.js'
import { GitRepo } from './helpers/git-repo.js'

const made: Array<{ remove(): void }> = []
afterAll(() => made.forEach((r) => r.remove()))
// The worktrees go to the user's cache folder: a temp one here.
const cache = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-cache-')))
made.push({ remove: () => rmSync(cache, { recursive: true, force: true }) })
const env = { XDG_CACHE_HOME: cache }
function repo(name?: string): GitRepo {
  const r = new GitRepo(name)
  made.push(r)
  return r
}

describe('the repository and the base revision', () => {
  test('a folder outside git is refused, saying why', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-nogit-')))
    made.push({ remove: () => rmSync(dir, { recursive: true, force: true }) })
    expect(() => findRepository(dir)).toThrow(AbError)
    expect(() => findRepository(dir)).toThrow(/is not inside a git repository.*run it in a clone/)
  })

  test('the project folder is found relative to the top', () => {
    const r = repo()
    r.commit({ 'packages/web/package.json': '{}' })
    expect(findRepository(join(r.dir, 'packages', 'web'))).toEqual({ top: r.dir, project: 'packages/web' })
    expect(findRepository(r.dir)).toEqual({ top: r.dir, project: '' })
  })

  test('default base: the merge-base of HEAD with main, not main\'s newer commits', () => {
    const r = repo()
    const fork = r.commit({ 'a.txt': '1' })
    r.git('checkout', '--quiet', '-b', 'feature')
    r.commit({ 'a.txt': '2' })
    r.git('checkout', '--quiet', 'main')
    r.commit({ 'b.txt': 'main moved on' })
    r.git('checkout', '--quiet', 'feature')
    expect(resolveBase(r.dir)).toEqual({ ref: 'main', commit: fork, how: 'merge-base' })
  })

  test('master when there is no main; origin/HEAD first when there is a remote', () => {
    const r = repo()
    const first = r.commit({ 'a.txt': '1' })
    r.git('branch', '-m', 'main', 'master')
    expect(resolveBase(r.dir).ref).toBe('master')
    r.git('update-ref', 'refs/remotes/origin/trunk', first)
    r.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk')
    expect(resolveBase(r.dir)).toMatchObject({ ref: 'origin/trunk', commit: first })
  })

  test('--base names a ref; one that does not exist is refused with an example', () => {
    const r = repo()
    const one = r.commit({ 'a.txt': '1' })
    r.commit({ 'a.txt': '2' })
    expect(resolveBase(r.dir, 'HEAD~1')).toEqual({ ref: 'HEAD~1', commit: one, how: 'given' })
    expect(() => resolveBase(r.dir, 'no-such-branch')).toThrow(/--base no-such-branch: no such commit, branch or tag.*e\.g\. --base main/)
    // Not an option to git, whatever it looks like.
    expect(() => resolveBase(r.dir, '--all')).toThrow(/--base --all: no such commit/)
  })

  test('a repository without commits, or without a default branch, asks for --base', () => {
    const empty = repo()
    expect(() => resolveBase(empty.dir)).toThrow(/no commit yet/)
    const other = repo()
    other.commit({ 'a.txt': '1' })
    other.git('branch', '-m', 'main', 'develop')
    expect(() => resolveBase(other.dir)).toThrow(/no default branch.*--base HEAD~1/)
  })

  test('head is the working tree: its uncommitted changes are listed', () => {
    const r = repo()
    const c = r.commit({ 'a.txt': '1' })
    expect(readHead(r.dir)).toEqual({ commit: c, dirty: [] })
    r.write({ 'a.txt': '2', 'new.txt': 'x' })
    expect(readHead(r.dir).dirty).toHaveLength(2)
  })

  test("perfspec ab's own reports are no change of the head", () => {
    const r = repo()
    const c = r.commit({ 'a.txt': '1' })
    r.write({ '.perfspec/ab/results.json': '{}', 'BENCHMARK_RESULTS.md': '#', 'odd name [x].md': 'y' })
    expect(readHead(r.dir, ['.perfspec/ab/results.json', 'BENCHMARK_RESULTS.md', 'odd name [x].md'])).toEqual({ commit: c, dirty: [] })
    r.write({ '.perfspec/other.txt': 'z' })
    expect(readHead(r.dir, ['.perfspec/ab/results.json', 'BENCHMARK_RESULTS.md']).dirty).toEqual(['?? .perfspec/other.txt', '?? "odd name [x].md"'])
  })
})

describe('the base worktree', () => {
  test('made in the user\'s cache folder, reused for the same commit, and reset to it', () => {
    const r = repo()
    const c = r.commit({ 'a.txt': 'base', '.gitignore': 'node_modules\n' })
    r.commit({ 'a.txt': 'head' })
    const path = worktreePath(r.dir, c, env)
    expect(path).toBe(join(abCacheDir(r.dir, env), c))
    expect(abCacheDir(r.dir, env)).toMatch(new RegExp(`^${cache}/perfspec/ab/perfspec-ab-repo-\\w+-[0-9a-f]{12}$`))
    prepareWorktree(r.dir, path, c)
    expect(readFileSync(join(path, 'a.txt'), 'utf8')).toBe('base')
    // What a run left: a changed file, a new file; installed dependencies stay.
    writeFileSync(join(path, 'a.txt'), 'changed by a test')
    writeFileSync(join(path, 'left-over.txt'), 'x')
    mkdirSync(join(path, 'node_modules', 'dep'), { recursive: true })
    prepareWorktree(r.dir, path, c)
    expect(readFileSync(join(path, 'a.txt'), 'utf8')).toBe('base')
    expect(existsSync(join(path, 'left-over.txt'))).toBe(false)
    expect(existsSync(join(path, 'node_modules', 'dep'))).toBe(true)
    // The head's working tree is untouched, and git lists the worktree.
    expect(readFileSync(join(r.dir, 'a.txt'), 'utf8')).toBe('head')
    expect(r.git('worktree', 'list')).toContain(path)
  })

  test('a folder left half-made (not a worktree), or a worktree whose folder was deleted, is made again', () => {
    const r = repo()
    const c = r.commit({ 'a.txt': 'base' })
    const path = worktreePath(r.dir, c, env)
    mkdirSync(path, { recursive: true })
    writeFileSync(join(path, 'junk'), '')
    prepareWorktree(r.dir, path, c)
    expect(readFileSync(join(path, 'a.txt'), 'utf8')).toBe('base')
    rmSync(path, { recursive: true, force: true })
    prepareWorktree(r.dir, path, c)
    expect(readFileSync(join(path, 'a.txt'), 'utf8')).toBe('base')
    cleanWorktree(path, c)
  })
})

describe('the cache folder', () => {
  test('each repository has a cache folder of its own', () => {
    expect(abCacheDir('/work/app', env)).not.toBe(abCacheDir('/home/app', env))
    expect(abCacheDir('/work/app', env)).toMatch(/\/perfspec\/ab\/app-[0-9a-f]{12}$/)
  })
})

describe('the base\'s dependencies', () => {
  function pair(base: Record<string, string>, head: Record<string, string>) {
    const r = repo('install')
    const c = r.commit({ '.gitignore': 'node_modules\n', ...base })
    r.write(head)
    mkdirSync(join(r.dir, 'node_modules', 'some-dep'), { recursive: true })
    const wt = worktreePath(r.dir, c, env)
    prepareWorktree(r.dir, wt, c)
    return { r, wt }
  }

  test('same lockfile: the head\'s node_modules is linked; reused on the next run', async () => {
    const { r, wt } = pair({ 'package.json': '{}', 'package-lock.json': '{"lockfileVersion":3}' }, {})
    expect(planInstall(r.dir, wt, '')).toMatchObject({ kind: 'link', lockfile: 'package-lock.json' })
    const outcome = await installBase(r.dir, wt, '')
    expect(outcome.plan.kind).toBe('link')
    expect(lstatSync(join(wt, 'node_modules')).isSymbolicLink()).toBe(true)
    expect(existsSync(join(wt, 'node_modules', 'some-dep'))).toBe(true)
    await installBase(r.dir, wt, '')
    // The link is kept through a reset of the worktree.
    cleanWorktree(wt, r.git('rev-parse', 'HEAD'))
    expect(existsSync(join(wt, 'node_modules', 'some-dep'))).toBe(true)
  })

  test('a lockfile that differs, or a workspace, is installed with the lockfile\'s own tool', () => {
    const changed = pair({ 'package.json': '{}', 'package-lock.json': '{"a":1}' }, { 'package-lock.json': '{"a":2}' })
    expect(planInstall(changed.r.dir, changed.wt, '')).toMatchObject({ kind: 'install', command: ['npm', 'ci'], why: 'lockfile' })
    const workspace = pair({ 'package.json': '{"workspaces":["packages/*"]}', 'pnpm-lock.yaml': 'x' }, {})
    expect(planInstall(workspace.r.dir, workspace.wt, '')).toMatchObject({ kind: 'install', command: ['pnpm', 'install', '--frozen-lockfile'], why: 'workspaces' })
  })

  test('the lockfile of a workspace\'s root serves a project inside it', () => {
    const { r, wt } = pair({ 'yarn.lock': 'x', 'packages/web/package.json': '{}' }, {})
    expect(planInstall(r.dir, wt, 'packages/web')).toMatchObject({ kind: 'link', lockfile: 'yarn.lock', dir: wt })
  })

  test('a base without the lockfile the head has is refused', () => {
    const { r, wt } = pair({ 'package.json': '{}' }, { 'package-lock.json': '{}' })
    expect(() => planInstall(r.dir, wt, '')).toThrow(/the base revision has no package-lock\.json/)
  })

  test('an install that fails says so with the end of its output', async () => {
    const { r, wt } = pair({ 'package.json': '{"name":"x","version":"1.0.0","dependencies":{"left-pad":"1.3.0"}}', 'package-lock.json': '{"name":"x","lockfileVersion":3,"packages":{"":{"name":"x","version":"1.0.0"}}}' }, { 'package-lock.json': '{}' })
    await expect(installBase(r.dir, wt, '')).rejects.toThrow(/installing the base revision's dependencies failed \(npm ci in .*exit code/)
  })
})

describe('old base worktrees', () => {
  test('worktreesToPrune: beyond the three most recently used, or unused for 14 days; never the one in use', () => {
    const day = 24 * 3600_000
    const now = 100 * day
    const w = (commit: string, daysAgo: number) => ({ commit, usedAt: now - daysAgo * day })
    expect(worktreesToPrune([w('a', 1), w('b', 2), w('c', 3), w('d', 4), w('e', 5)], 'a', now)).toEqual(['e'])
    expect(worktreesToPrune([w('a', 30), w('b', 15), w('c', 1)], 'a', now)).toEqual(['b'])
    expect(worktreesToPrune([w('a', 1)], 'a', now)).toEqual([])
  })

  test('pruneWorktrees removes those worktrees and git forgets them; the lock, other files and the current one stay', () => {
    const r = repo('prune')
    const commits = [1, 2, 3, 4, 5].map((i) => r.commit({ 'a.txt': String(i) }))
    const dir = abCacheDir(r.dir, env)
    const day = 24 * 3600_000
    commits.forEach((commit, i) => {
      const path = worktreePath(r.dir, commit, env)
      prepareWorktree(r.dir, path, commit)
      // The first made is the oldest used.
      markWorktreeUsed(path, new Date(Date.now() - (10 - i) * day))
    })
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const removed = pruneWorktrees(r.dir, dir, commits[0]!)
    // Kept: the current (oldest used) and the three most recently used.
    expect(removed).toEqual([commits[1]])
    expect(existsSync(worktreePath(r.dir, commits[1]!, env))).toBe(false)
    for (const c of [commits[0], commits[2], commits[3], commits[4]]) expect(existsSync(worktreePath(r.dir, c!, env))).toBe(true)
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine')
    expect(r.git('worktree', 'list')).not.toContain(commits[1]!.slice(0, 7) + ' ')
    expect(r.git('worktree', 'list', '--porcelain')).not.toContain(worktreePath(r.dir, commits[1]!, env))
  })
})
