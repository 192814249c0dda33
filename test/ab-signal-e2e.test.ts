import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, expect, test } from 'vitest'
import { abCacheDir, worktreePath } from '../src/ab/revision.js'
import { isAlive } from '../src/measure/process-alive.js'
import { readAbReport } from '../src/run/ab-results.js'
import { GitRepo } from './helpers/git-repo.js'
import { REPO } from './helpers/temp-project.js'

// Ctrl-C (a real SIGINT) to `perfspec ab` while both sides' runners are in a test: the command
// ends, exit 2, both runners' processes are gone, the base worktree is clean and the lock is
// released. Through the built CLI (needs `npm run build`; npm test does it) and the repository's
// own Vitest. The signal comes once both sides have reached the waiting test; nothing is timed.
const made: Array<{ remove(): void }> = []
afterAll(() => made.forEach((m) => m.remove()))

const waiting = `import { test } from 'vitest'
import { writeFileSync } from 'node:fs'
test('waits', async () => {
  const side = JSON.parse(process.env.PERFSPEC_AB).side
  writeFileSync(process.env.AB_OUT + '/' + side, String(process.pid))
  await new Promise((resolve) => setTimeout(resolve, 110_000))
}, 120_000)
`

test('Ctrl-C stops both sides and the coordinator, exit 2, leaving the worktree clean, the lock free, and reports that say it was stopped', { timeout: 120_000 }, async () => {
  const cache = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-signal-cache-')))
  const out = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-signal-out-')))
  made.push({ remove: () => rmSync(cache, { recursive: true, force: true }) }, { remove: () => rmSync(out, { recursive: true, force: true }) })
  const repo = new GitRepo('signal')
  made.push(repo)
  const base = repo.commitVitestProject({ 'a.test.mjs': waiting })

  const child = spawn(process.execPath, [join(REPO, 'dist', 'cli.js'), 'ab', '--base', 'main', '--no-pin'], {
    cwd: repo.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cache, AB_OUT: out },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = once(child, 'exit')
  const reached = () => existsSync(join(out, 'base')) && existsSync(join(out, 'head'))
  for (const end = Date.now() + 90_000; !reached() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100))
  expect(reached(), output).toBe(true)
  const pids = ['base', 'head'].map((side) => Number(readFileSync(join(out, side), 'utf8')))
  expect(pids.every(isAlive)).toBe(true)

  child.kill('SIGINT')
  const [code] = (await exited) as [number | null]
  expect(code, output).toBe(2)
  expect(output).toMatch(/perfspec ab: interrupted \(SIGINT\); both sides stopped, the base worktree was reset/)
  // The runners' process groups were ended: their test processes are gone (within the grace period).
  for (const end = Date.now() + 10_000; pids.some(isAlive) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100))
  expect(pids.filter(isAlive)).toEqual([])
  const worktree = worktreePath(repo.dir, base, { XDG_CACHE_HOME: cache })
  expect(existsSync(worktree)).toBe(true)
  expect(repo.git('-C', worktree, 'status', '--porcelain', '--untracked-files=all').split('\n').filter((l) => l && !l.includes('node_modules'))).toEqual([])
  expect(readdirSync(abCacheDir(repo.dir, { XDG_CACHE_HOME: cache }))).not.toContain('lock')
  // The reports are rewritten, saying the run was stopped: the last run's PASS must not stay.
  // Read as --merge reads it: a stopped run's file, as written, is what the schema accepts.
  const results = readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json'))
  expect(results.stopped).toBe('interrupted')
  expect(readFileSync(join(repo.dir, 'BENCHMARK_RESULTS.md'), 'utf8')).toMatch(/interrupted before the last file/)
})

const twoBenches = `import { test } from 'vitest'
import { bench } from 'perfspec'
const work = () => { let s = 0; for (let i = 0; i < 2000; i++) s += Math.sqrt(i); return s }
test('t', async () => {
  await bench('first', work)
  await bench('second', work)
})
`

test('the reader of its output goes away (| head): both sides stop, exit 2 (not 1, "slower"), the lock is released', { timeout: 120_000 }, async () => {
  const cache = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-pipe-cache-')))
  made.push({ remove: () => rmSync(cache, { recursive: true, force: true }) })
  const repo = new GitRepo('pipe')
  made.push(repo)
  repo.commitVitestProject({ 'a.test.mjs': twoBenches })
  symlinkSync(REPO, join(repo.dir, 'node_modules', 'perfspec'))

  const child = spawn(process.execPath, [join(REPO, 'dist', 'cli.js'), 'ab', '--base', 'main', '--no-pin'], {
    cwd: repo.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = once(child, 'exit')
  // As `head` does: read until the file starts, then close both pipes; the next line it writes
  // (the first benchmark's verdict) meets a closed pipe.
  let output = ''
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (d) => {
      output += d
      if (output.includes('[1/1]')) resolve()
    })
    void exited.then(() => resolve())
  })
  child.stdout.destroy()
  child.stderr.destroy()
  const [code] = (await exited) as [number | null]
  expect(code, output).toBe(2)
  expect(readdirSync(abCacheDir(repo.dir, { XDG_CACHE_HOME: cache }))).not.toContain('lock')
})
