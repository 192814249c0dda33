import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import type { AbCoordinator, AbCoordinatorOptions } from '../src/ab/coordinator.js'
import { abCacheDir, worktreePath } from '../src/ab/revision.js'
import { abCommand, type AbCommandDeps } from '../src/cli/ab-command.js'
import { main } from '../src/cli/main.js'
import { SCREEN_CONFIDENCE } from '../src/compare/paired-verdict.js'
import type { AbComparison } from '../src/model/ab.js'
import { readAbReport } from '../src/run/ab-results.js'
import { failureSentence } from '../src/report/ab-text.js'
import { GitRepo } from './helpers/git-repo.js'
import { REPO } from './helpers/temp-project.js'

const made: Array<{ remove(): void }> = []
afterAll(() => made.forEach((r) => r.remove()))
// The base worktrees and the lock go to the user's cache folder: a temp one here.
const cache = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-cache-')))
made.push({ remove: () => rmSync(cache, { recursive: true, force: true }) })

/** Runs `perfspec ab …` in-process in `cwd`; returns the exit code and what it printed. */
async function ab(cwd: string, args: string[], deps: Partial<AbCommandDeps> = {}, env: NodeJS.ProcessEnv = {}) {
  let out = ''
  let err = ''
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cache, ...env }, cwd }
  const quiet: Partial<AbCommandDeps> = { progress: { write: (t) => void (err += t), isTTY: false }, onSignal: () => () => undefined, ...deps }
  const status = args[0] === 'ab' ? await main(args, io) : await abCommand(args, io, quiet)
  return { status, out, err }
}

describe('perfspec ab: arguments', () => {
  test('--help describes the command and exits 0; ab is in the command list', async () => {
    const help = await ab(REPO, ['ab', '--help'])
    expect(help.status).toBe(0)
    expect(help.out).toContain('Usage: perfspec ab [--base <ref>]')
    expect(help.out).toContain('--merge')
    let list = ''
    main(['--help'], { out: (t) => void (list += t), err: () => undefined, env: {} })
    expect(list).toContain('ab [--base <ref>] [-- <runner args>]')
  })

  test.each([
    [['--threshold', '10'], /--threshold 10 is ambiguous/],
    [['--threshold', '0%'], /--threshold must lie between 0% and 100%, both excluded \(received 0%\)/],
    [['--threshold', '150%'], /--threshold must lie between 0% and 100%, both excluded \(received 150%\)/],
    [['--threshold', '-5%'], /--threshold cannot be negative \(received "-5%"\): it is how much slower than the base revision fails; write a percentage string such as '10%', or a fraction below 1 such as 0\.1\n/],
    [['--metric', 'p42'], /--metric p42 is not a figure perfspec ab compares; use typical/],
    [['--runner', 'mocha'], /--runner mocha: perfspec ab drives vitest and jest/],
    [['--time-cap', 'soon'], /--time-cap/],
    [['--confidence', '100%'], /--confidence must lie between 0% and 100%/],
    [['--confirm', '-1'], /--confirm must be a whole number from 0 to 10 \(received -1\)/],
    [['--confirm', '1.5'], /--confirm must be a whole number/],
    [['--confirm', 'twice'], /--confirm must be a whole number/],
    [['--confirm', '11'], /--confirm must be a whole number from 0 to 10/],
    [['examples/json'], /takes no file \(got examples\/json\); give runner arguments after --/],
    [['--', '--shard=0/2'], /--shard 0\/2: expected i\/n/],
    [['--treshold', '5%'], /unknown option --treshold/],
  ])('%j is bad input: exit 2, naming it', async (args, message) => {
    const r = await ab(REPO, ['ab', ...args])
    expect(r.status).toBe(2)
    expect(r.err).toMatch(message)
    expect(r.err).toMatch(/^perfspec ab: /)
  })
})

describe('perfspec ab: what stops it before any test runs', () => {
  test('not a git repository', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-plain-')))
    made.push({ remove: () => rmSync(dir, { recursive: true, force: true }) })
    const r = await ab(dir, ['ab'])
    expect(r.status).toBe(2)
    expect(r.err).toMatch(/^perfspec ab: .* is not inside a git repository/)
  })

  test('an unknown base', async () => {
    const repo = new GitRepo()
    made.push(repo)
    repo.commit({ 'a.txt': '1' })
    const r = await ab(repo.dir, ['ab', '--base', 'nope'])
    expect(r.status).toBe(2)
    expect(r.err).toContain('perfspec ab: --base nope: no such commit, branch or tag')
  })

  test('a report path over a file perfspec did not write: refused before anything is measured', async () => {
    const repo = new GitRepo()
    made.push(repo)
    repo.commit({ 'package.json': '{"devDependencies":{"vitest":"4"}}', 'mine.json': '{"mine":true}' })
    for (const [args, flag, path] of [[['-o', 'package.json'], '--output', 'package.json'], [['--json', 'mine.json'], '--json', 'mine.json']] as const) {
      const r = await ab(repo.dir, ['ab', ...args])
      expect(r.status).toBe(2)
      expect(r.err).toContain(`perfspec ab: ${flag} ${path}: the file exists and is not one perfspec wrote`)
      // Before the base's worktree: nothing said of it.
      expect(r.err).toContain('nothing was measured')
      expect(r.err).not.toContain('base ')
    }
    expect(readFileSync(join(repo.dir, 'mine.json'), 'utf8')).toBe('{"mine":true}')
  })

  test('a base from before the project folder existed: said, exit 2, no stack trace', async () => {
    const repo = new GitRepo()
    made.push(repo)
    repo.commit({ 'README.md': 'x' })
    repo.commit({ 'app/package.json': '{"devDependencies":{"vitest":"4"}}', 'app/a.test.mjs': '' })
    const r = await ab(join(repo.dir, 'app'), ['ab', '--base', 'HEAD~1'])
    expect(r.status, r.err).toBe(2)
    expect(r.err).toMatch(/^perfspec ab: the base revision \(HEAD~1 [0-9a-f]{12}\) has no folder app\/, the project perfspec ab runs in: there is nothing to compare with; give a --base that has it/m)
    expect(r.err).not.toContain('bug in perfspec')
  })

  test("a cache folder inside the repository: refused, since the head's runner would run the base's files", async () => {
    const repo = new GitRepo()
    made.push(repo)
    repo.commit({ 'package.json': '{"devDependencies":{"vitest":"4"}}' })
    const r = await ab(repo.dir, ['ab'], {}, { XDG_CACHE_HOME: join(repo.dir, '.cache') })
    expect(r.status, r.err).toBe(2)
    expect(r.err).toMatch(/perfspec ab: the cache folder of perfspec ab, .*\.cache\/perfspec\/ab\/.*, lies inside the repository: .*set XDG_CACHE_HOME to a folder outside/)
  })

  test('a report path that is a folder, under a file, or empty: refused before anything is measured', async () => {
    const repo = new GitRepo()
    made.push(repo)
    repo.commit({ 'package.json': '{"devDependencies":{"vitest":"4"}}', 'out/keep.txt': 'x' })
    for (const [args, message] of [
      [['-o', 'out'], /perfspec ab: --output out: it is a directory; give a file path; nothing was measured/],
      [['--json', 'out'], /perfspec ab: --json out: it is a directory; give a file path; nothing was measured/],
      [['--json', 'package.json/ab.json'], /perfspec ab: --json package\.json\/ab\.json: a part of its folder path is a file; nothing was measured/],
      [['--json='], /perfspec ab: --json is empty: give a file path, e\.g\. --json ab\.json/],
      [['--output='], /perfspec ab: --output is empty: give a file path/],
      [['--base='], /perfspec ab: --base is empty: give a branch, tag or commit/],
      [['--json', 'r.out', '--output', 'r.out'], /perfspec ab: --json r\.out and --output r\.out name the same file: .*give two paths.*nothing was measured/],
      [['--json', 'ab.json', '--output', './ab.json'], /perfspec ab: --json ab\.json and --output \.\/ab\.json name the same file/],
    ] as const) {
      const r = await ab(repo.dir, ['ab', ...args])
      expect(r.status, r.err).toBe(2)
      expect(r.err).toMatch(message)
      expect(r.err).not.toContain('base checked out')
    }
  })

  test('another perfspec ab in the project', async () => {
    const repo = new GitRepo()
    made.push(repo)
    repo.commit({ 'package.json': '{"devDependencies":{"vitest":"4"}}' })
    const lockDir = abCacheDir(repo.dir, { XDG_CACHE_HOME: cache })
    mkdirSync(lockDir, { recursive: true })
    const { hostname } = await import('node:os')
    writeFileSync(join(lockDir, 'lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: Date.now() }))
    const r = await ab(repo.dir, ['ab'])
    expect(r.status).toBe(2)
    expect(r.err).toMatch(/another perfspec ab is running in this repository \(process \d+/)
  })
})

/** A coordinator that answers from a script: it records what the CLI told it and returns `results`. */
/** A coordinator that reads `results`, and reads a file's results again each time the file runs again (a confirmation round). */
function fakeCoordinator(given: AbComparison[], hello: Array<'base' | 'head'>) {
  const told: string[] = []
  const results = [...given]
  let options: AbCoordinatorOptions | undefined
  const start = async (o: AbCoordinatorOptions): Promise<AbCoordinator> => {
    options = o
    for (const side of hello) o.onHello?.({ side, pid: 1, perfspec: '0.1.0', v: 1, holds: false })
    return {
      fileStarted: (f) => {
        if (told.includes(`file ${f}`)) results.push(...given.filter((c) => c.file === f).map((c) => ({ ...c })))
        told.push(`file ${f}`)
      },
      sideEnded: (s) => void told.push(`ended ${s}`),
      pairOnly: (ids) => void (ids && told.push(`pair only ${[...ids].join(', ')}`)),
      results: () => results,
      close: async () => void told.push('closed'),
    }
  }
  return { start, told, options: () => options }
}

function comparison(status: AbComparison['status'], over: Partial<AbComparison> = {}): AbComparison {
  return { id: `a.test.mjs > t > parse`, file: 'a.test.mjs', test: 't', titles: ['t'], name: 'parse', status, pairs: 20, base: { typicalNs: 1000, n: 20 }, head: { typicalNs: 1200, n: 20 }, metric: 'typical', change: 0.2, interval: [0.15, 0.25], confidence: 0.95, threshold: 0.1, ms: 900, ...over }
}

describe('perfspec ab: both sides run, file by file', () => {
  // A project whose tests record the environment each side's runner gives them.
  const out = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-out-')))
  made.push({ remove: () => rmSync(out, { recursive: true, force: true }) })
  const recorder = (name: string, fail = false) => `import { test, expect } from 'vitest'
import { writeFileSync } from 'node:fs'
test('${name}', () => {
  const env = JSON.parse(process.env.PERFSPEC_AB)
  writeFileSync(process.env.AB_OUT + '/' + env.side + '-${name}', JSON.stringify({ env, gate: process.env.PERFSPEC_GATE ?? null, cwd: process.cwd() }))
  expect(${fail ? 1 : 2}).toBe(2)
})
`
  const repo = new GitRepo('e2e')
  made.push(repo)
  // The head's dependencies: perfspec's own (its vitest), linked.
  const base = repo.commitVitestProject({ 'a.test.mjs': recorder('a'), 'b.test.mjs': recorder('b', true) })
  // Head: the working tree, with b fixed and a new file, uncommitted.
  repo.write({ 'b.test.mjs': recorder('b'), 'c.test.mjs': recorder('c') })

  test('each side runs its own files with PERFSPEC_AB, without the baseline gate; failures are reported; the worktree stays clean', async () => {
    const coordinator = fakeCoordinator([comparison('slower'), comparison('unchanged', { id: 'b.test.mjs > t > parse', file: 'b.test.mjs', change: 0, interval: [-0.02, 0.02] })], ['base', 'head'])
    const r = await ab(repo.dir, ['--base', 'main', '--confirm', '2'], { startCoordinator: coordinator.start }, { AB_OUT: out, PERFSPEC_GATE: '{"stale":1}' })
    expect(r.status, r.err).toBe(1)
    // The files in one sorted order, each side's end told; c is on head only.
    // Then a's benchmark, read slower, is measured again: a runs twice more, both sides in fresh
    // processes, which read it slower again: confirmed.
    expect(coordinator.told.filter((t) => t.startsWith('file'))).toEqual(['file a.test.mjs', 'file b.test.mjs', 'file c.test.mjs', 'file a.test.mjs', 'file a.test.mjs'])
    expect(coordinator.told.filter((t) => t.startsWith('ended'))).toHaveLength(10)
    expect(r.err).toContain('perfspec ab: "t › parse" read slower: measuring again in fresh processes (1 of 2), a.test.mjs')
    expect(r.err).toContain('(2 of 2)')
    expect(coordinator.told.at(-1)).toBe('closed')
    expect(coordinator.told.indexOf('file c.test.mjs')).toBe(coordinator.told.lastIndexOf('file c.test.mjs'))
    expect(coordinator.told.slice(coordinator.told.indexOf('file c.test.mjs'), coordinator.told.indexOf('file c.test.mjs') + 2)).toEqual(['file c.test.mjs', 'ended base'])
    const seen = (name: string) => JSON.parse(readFileSync(join(out, name), 'utf8')) as { env: { side: string; socket: string; run: string; v: number }; gate: unknown; cwd: string }
    const baseA = seen('base-a')
    const headA = seen('head-a')
    expect(baseA.env).toMatchObject({ v: 1, side: 'base' })
    expect(headA.env).toMatchObject({ v: 1, side: 'head', socket: baseA.env.socket, run: baseA.env.run })
    expect(coordinator.options()?.socketPath).toBe(baseA.env.socket)
    // Suspects are measured again, so the first pair of processes screens at 99 %.
    expect(coordinator.options()?.screen).toBe(SCREEN_CONFIDENCE)
    expect(baseA.gate).toBeNull()
    expect(baseA.cwd).toBe(worktreePath(repo.dir, base, { XDG_CACHE_HOME: cache }))
    expect(headA.cwd).toBe(repo.dir)
    expect(existsSync(join(out, 'head-c'))).toBe(true)
    expect(existsSync(join(out, 'base-c'))).toBe(false)
    // The base's b fails; the rest is still compared and reported.
    expect(r.out).toContain("✗ base's b.test.mjs exited with code 1: tests failed there")
    expect(r.out).toMatch(/a\.test\.mjs › t › parse\s+1\.00µs\s+1\.20µs\s+\+20%\s+\[\+15%, \+25%\]\s+20\s+SLOWER/)
    expect(r.out).toContain('Reports: .perfspec/ab/results.json, BENCHMARK_RESULTS.md')
    expect(r.err).toContain('perfspec ab: [3/3] c.test.mjs (head only)')
    expect(r.err).toContain('with 2 uncommitted changes')
    const json = JSON.parse(readFileSync(join(repo.dir, '.perfspec', 'ab', 'results.json'), 'utf8'))
    expect(json).toMatchObject({ perfspecAb: 1, base: { ref: 'main', commit: base, how: 'given' }, head: { dirty: 2 }, files: 3, install: 'link', failures: [{ side: 'base', file: 'b.test.mjs', code: 1 }] })
    // As written, it is what --merge accepts (its schema).
    expect(readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json')).failures).toHaveLength(1)
    expect(readFileSync(join(repo.dir, 'BENCHMARK_RESULTS.md'), 'utf8')).toContain('## Base vs head')
    const wt = worktreePath(repo.dir, base, { XDG_CACHE_HOME: cache })
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: wt, encoding: 'utf8' })).toBe('')
    expect(existsSync(join(abCacheDir(repo.dir, { XDG_CACHE_HOME: cache }), 'lock'))).toBe(false)
  })

  test("a file that fails again in each confirmation round is said once; one that fails first there says in which round", async () => {
    // b fails on base every time it runs; its benchmark read slower, so b runs twice more.
    const bSlower = comparison('slower', { id: 'b.test.mjs > t > parse', file: 'b.test.mjs' })
    const coordinator = fakeCoordinator([bSlower], ['base', 'head'])
    // The reporter's report of an earlier step in the job: kept, the A/B run its last section.
    writeFileSync(join(repo.dir, 'BENCHMARK_RESULTS.md'), '# Benchmark results\n\n**✅ PASS** · the reporter\n')
    const r = await ab(repo.dir, ['--base', 'main', '--confirm', '2', '--', 'b.test'], { startCoordinator: coordinator.start }, { AB_OUT: out })
    const md = readFileSync(join(repo.dir, 'BENCHMARK_RESULTS.md'), 'utf8')
    expect(md.startsWith('# Benchmark results\n\n**✅ PASS** · the reporter\n')).toBe(true)
    expect(md).toContain('## perfspec ab: base vs head')
    expect(coordinator.told.filter((t) => t.startsWith('file'))).toEqual(['file b.test.mjs', 'file b.test.mjs', 'file b.test.mjs'])
    // Without confirmation, a suspect is a verdict: only the gate's corrected interval decides.
    const once = fakeCoordinator([bSlower], ['base', 'head'])
    await ab(repo.dir, ['--base', 'main', '--confirm', '0', '--', 'b.test'], { startCoordinator: once.start }, { AB_OUT: out })
    expect(once.options()?.screen).toBeUndefined()
    expect(once.told.filter((t) => t.startsWith('file'))).toEqual(['file b.test.mjs'])
    expect(r.out.match(/✗ base's b\.test\.mjs exited with code 1/g), r.out).toHaveLength(1)
    expect(r.out).toMatch(/; 1 runner process failed/)
    expect(failureSentence({ side: 'head', file: 'a.test.mjs', code: 1, signal: null, output: '', round: 2 })).toBe("head's a.test.mjs exited with code 1 when measured again in fresh processes (round 2): tests failed there; its benchmarks that ran still count")
  })

  test("fresh rounds run the suspects' files whole, pairing only the suspects (a test may use what the tests before it built: probe 28 #1)", async () => {
    const two = new GitRepo('e2e-rounds')
    made.push(two)
    const logger = (name: string) => `test('${name}', () => appendFileSync(process.env.AB_OUT + '/rounds.log', JSON.parse(process.env.PERFSPEC_AB).side + ' ${name}\\n'))\n`
    const file = `import { test } from 'vitest'\nimport { appendFileSync } from 'node:fs'\nimport { describe } from 'vitest'\ndescribe('codec (v2.1)', () => {\n${logger('load')}${logger('parse [fast]?')}})\n`
    two.commitVitestProject({ 'd.test.mjs': file })
    const suspect = comparison('slower', { id: 'd.test.mjs > codec (v2.1) > parse [fast]? > parse', file: 'd.test.mjs', test: 'codec (v2.1) > parse [fast]?', titles: ['codec (v2.1)', 'parse [fast]?'] })
    const coordinator = fakeCoordinator([suspect], ['base', 'head'])
    const r = await ab(two.dir, ['--base', 'main', '--confirm', '2'], { startCoordinator: coordinator.start }, { AB_OUT: out })
    expect(r.status, r.err).toBe(1)
    const lines = readFileSync(join(out, 'rounds.log'), 'utf8').trim().split('\n').sort()
    // The first pass and the two rounds each run both tests on each side: the suspect's test after the one before it.
    expect(lines).toEqual([...Array(3).fill('base load'), ...Array(3).fill('base parse [fast]?'), ...Array(3).fill('head load'), ...Array(3).fill('head parse [fast]?')])
    expect(coordinator.told.filter((t) => t.startsWith('pair only'))).toEqual(['pair only d.test.mjs > codec (v2.1) > parse [fast]? > parse', 'pair only d.test.mjs > codec (v2.1) > parse [fast]? > parse'])
  })

  test('a cache folder reached through a symlink: the base files still pair with the head files', async () => {
    const real = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-realcache-')))
    const link = join(realpathSync(tmpdir()), `perfspec-ab-cachelink-${process.pid}`)
    rmSync(link, { force: true })
    symlinkSync(real, link)
    made.push({ remove: () => (rmSync(link, { force: true }), rmSync(real, { recursive: true, force: true })) })
    const coordinator = fakeCoordinator([comparison('unchanged', { change: 0 })], ['base', 'head'])
    const r = await ab(repo.dir, ['--base', 'main', '--', 'a.test'], { startCoordinator: coordinator.start }, { AB_OUT: out, XDG_CACHE_HOME: link })
    expect(r.err).toContain('perfspec ab: [1/1] a.test.mjs')
    expect(r.err).not.toContain('base only')
    expect(r.status, r.err).toBe(0)
  })

  test('a base whose benchmarks never connect has no perfspec ab support: exit 2, saying so', async () => {
    const headOnly = comparison('alone', { side: 'head', reason: 'partner-timeout', pairs: 0 })
    const coordinator = fakeCoordinator([headOnly], ['head'])
    // main() prints it as \`perfspec ab: …\` with exit 2, as for every AbError above.
    await expect(ab(repo.dir, ['--base', 'main', '--', 'a.test'], { startCoordinator: coordinator.start }, { AB_OUT: out })).rejects.toThrow(
      /no benchmark of the base revision \(\w{12}\) connected, while 1 of the working tree's did: its perfspec is missing, not set up for vitest, or older than perfspec ab/,
    )
    expect(coordinator.told.filter((t) => t.startsWith('file'))).toEqual(['file a.test.mjs'])
    // The reports were rewritten first, saying the run decided nothing: the last run's stay no more.
    expect(readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json')).undecided).toBe('base-not-connected')
    expect(readFileSync(join(repo.dir, 'BENCHMARK_RESULTS.md'), 'utf8')).toMatch(/NOT DECIDED.*no benchmark of the base revision connected/)
  })
})
