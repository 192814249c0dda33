import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, expect, test } from 'vitest'
import { readAbReport } from '../src/run/ab-results.js'
import { GitRepo } from './helpers/git-repo.js'
import { REPO } from './helpers/temp-project.js'

// A runner whose root is not the folder `perfspec ab` runs in (Vitest's `root`, as Jest's
// `rootDir` or a Vitest project): the workers name the test file from that root, and a benchmark
// that read slower must still be found, run again in fresh processes, and fail the run. Through
// the built CLI (needs `npm run build`; npm test does it) and the repository's own Vitest. The
// head does four times the work per call: far beyond any noise of a busy machine.
const made: Array<{ remove(): void }> = []
afterAll(() => made.forEach((m) => m.remove()))

const work = (n: number) => `export function work() { let s = 0; for (let i = 0; i < ${n}; i++) s += Math.sqrt(i); return s }\n`
const testFile = `import { test } from 'vitest'
import { bench } from 'perfspec'
import { work } from './work.mjs'
test('t', async () => { await bench('work', () => work()) })
`

/**
 * A git repository for one test, and a cache folder for its base worktrees, both removed after
 * the file; `ab` runs the built CLI's `perfspec ab --base main …` in it and returns its exit code and output.
 */
function abProject(name: string) {
  const cache = realpathSync(mkdtempSync(join(tmpdir(), `perfspec-ab-${name}-cache-`)))
  made.push({ remove: () => rmSync(cache, { recursive: true, force: true }) })
  const repo = new GitRepo(`ab-${name}`)
  made.push(repo)
  const ab = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'ab', '--base', 'main', ...args], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cache, ...env },
      encoding: 'utf8',
      timeout: 170_000,
    })
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` }
  }
  return { repo, ab }
}

test('a slower benchmark under a runner rooted in a subfolder is confirmed in fresh processes and fails the run, filed under its file', { timeout: 180_000 }, () => {
  const { repo, ab } = abProject('root')
  repo.commitVitestProject({ 'vitest.config.mjs': "export default { root: 'src', test: { include: ['*.test.mjs'] } }\n", 'src/a.test.mjs': testFile, 'src/work.mjs': work(2000) })
  symlinkSync(REPO, join(repo.dir, 'node_modules', 'perfspec'))
  writeFileSync(join(repo.dir, 'src', 'work.mjs'), work(8000))

  const r = ab(['--time-cap', '20s'], { GITHUB_ACTIONS: 'true' })
  const { output } = r
  expect(r.status, output).toBe(1)
  const [c] = readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json')).comparisons
  expect(c, output).toMatchObject({ file: 'src/a.test.mjs', status: 'slower' })
  expect(c!.rounds!.length, output).toBeGreaterThan(1)
  expect(output).toMatch(/^::error file=src\/a\.test\.mjs,/m)
})

test('under Vitest rooted in src/, a file whose path another contains (t/a and x/t/a) runs alone: each benchmark measured once, under its file', { timeout: 180_000 }, () => {
  const { repo, ab } = abProject('nested')
  const file = (name: string) => `import { test } from 'vitest'
import { bench } from 'perfspec'
test('t', async () => { await bench('${name}', () => JSON.stringify({ a: [1, 2, 3] }), { time: '50ms' }) })
`
  repo.commitVitestProject({ 'vitest.config.mjs': "export default { root: 'src', test: { include: ['**/*.test.mjs'] } }\n", 'src/t/a.test.mjs': file('outer'), 'src/x/t/a.test.mjs': file('nested') })
  symlinkSync(REPO, join(repo.dir, 'node_modules', 'perfspec'))
  const r = ab(['--time-cap', '5s', '--confirm', '0'])
  const { output } = r
  expect(r.status, output).not.toBe(2)
  const { comparisons } = readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json'))
  expect(comparisons.map((c) => `${c.file} ${c.name}`).sort(), output).toEqual(['src/t/a.test.mjs outer', 'src/x/t/a.test.mjs nested'])
})

test('a change that adds the first benchmarks: they are new on head, exit 0, not a base without perfspec', { timeout: 180_000 }, () => {
  const { repo, ab } = abProject('first')
  repo.commitVitestProject({ 'a.test.mjs': "import { test } from 'vitest'\ntest('t', () => {})\n" })
  symlinkSync(REPO, join(repo.dir, 'node_modules', 'perfspec'))
  writeFileSync(join(repo.dir, 'a.test.mjs'), testFile.replace("from './work.mjs'", "from './work.mjs'\n"))
  writeFileSync(join(repo.dir, 'work.mjs'), work(2000))
  const r = ab(['--time-cap', '5s'])
  const { output } = r
  expect(r.status, output).toBe(0)
  expect(readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json')).comparisons, output).toMatchObject([{ name: 'work', status: 'alone', side: 'head' }])
})

test("the next file's runners start while a file measures, and a fresh round's while the round before does; each waits for its turn: no two runs measure at once", { timeout: 240_000 }, () => {
  const { repo, ab } = abProject('early')
  const out = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-early-out-')))
  made.push({ remove: () => rmSync(out, { recursive: true, force: true }) })
  const file = (name: string, work = 1) => `import { test } from 'vitest'
import { appendFileSync } from 'node:fs'
import { bench } from 'perfspec'
test('t', async () => {
  const s = Date.now()
  await bench('${name}', () => { for (let i = 0; i < ${work}; i++) JSON.stringify({ a: [1, 2, 3] }) }, { time: '50ms' })
  const env = JSON.parse((globalThis.__PERFSPEC_ENV__ || process.env).PERFSPEC_AB)
  appendFileSync(process.env.AB_OUT + '/runs.jsonl', JSON.stringify({ name: '${name}', side: env.side, hold: env.hold ?? null, s, e: Date.now() }) + '\\n')
})
`
  // With perfspec's plugin, whose setup waits for the turn; a test timeout that a busy machine never reaches.
  const config = "import perf from 'perfspec/vitest'\nexport default { plugins: [perf()], test: { include: ['*.test.mjs'], testTimeout: 60000 } }\n"
  repo.commitVitestProject({ 'vitest.config.mjs': config, 'a.test.mjs': file('a'), 'b.test.mjs': file('b'), 'c.test.mjs': file('c'), 'd.test.mjs': file('d', 4) })
  symlinkSync(REPO, join(repo.dir, 'node_modules', 'perfspec'))
  // The working tree's d does four times the work: slower, measured again in two fresh rounds.
  writeFileSync(join(repo.dir, 'd.test.mjs'), file('d', 16))
  const r = ab(['--time-cap', '5s', '--confirm', '2'], { AB_OUT: out })
  const { output } = r
  expect(r.status, output).toBe(1)
  const { comparisons } = readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json'))
  expect(comparisons.map((c) => `${c.name} ${c.status === 'alone' ? 'alone' : 'paired'}`).sort(), output).toEqual(['a paired', 'b paired', 'c paired', 'd paired'])
  expect(comparisons.find((c) => c.name === 'd'), output).toMatchObject({ status: 'slower', rounds: [{}, {}, {}] })
  const runs = readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; side: string; hold: string | null; s: number; e: number })
  // Each run of a file writes two lines, one per side, before the next run begins: a, b, c, d, then
  // the fresh rounds of d (and of any other benchmark a busy machine made a suspect).
  const pairsOfRuns = runs.filter((_, k) => k % 2 === 0).map((x, k) => [x, runs[2 * k + 1]!])
  expect(pairsOfRuns.every(([x, y]) => y !== undefined && x!.name === y.name && x!.side !== y.side), output).toBe(true)
  expect(pairsOfRuns.slice(0, 4).map(([x]) => x!.name), output).toEqual(['a', 'b', 'c', 'd'])
  expect(pairsOfRuns.filter(([x]) => x!.name === 'd'), output).toHaveLength(3)
  // A run's tests begin after the run before has ended on both sides.
  for (let k = 1; k < pairsOfRuns.length; k++) {
    const ended = Math.max(...pairsOfRuns[k - 1]!.map((x) => x.e))
    expect(Math.min(...pairsOfRuns[k]!.map((x) => x.s)), output).toBeGreaterThanOrEqual(ended)
  }
  // Once both sides said they can wait (in the first file), the next file starts early; the first
  // fresh round's first file while the last file measures, once a suspect is known (d, or one a
  // busy machine made before it); a later round's as the round before measures its last file.
  const early = ([x, y]: { hold: string | null }[]) => [x!, y!].every((r) => r.hold !== null && /^\d+:[abcd]\.test\.mjs$/.test(r.hold))
  expect(pairsOfRuns.map(early).slice(0, 5), output).toEqual([false, true, true, true, true])
})

test("probe 65 #1: a reporter of the head's run that writes over a baseline in the working tree: the A/B run is not decided, naming the file", { timeout: 180_000 }, () => {
  const { repo, ab } = abProject('clobber')
  const clobber = `import { writeFileSync } from 'node:fs'\nexport default class Clobber { onTestRunEnd() { writeFileSync('baselines/a.test.mjs.json', 'x') } }\n`
  repo.commitVitestProject({
    'vitest.config.mjs': "import perf from 'perfspec/vitest'\nexport default { plugins: [perf()], test: { include: ['*.test.mjs'], reporters: ['perf', './clobber.mjs'] } }\n",
    'a.test.mjs': testFile,
    'work.mjs': work(2000),
    'clobber.mjs': clobber,
    'baselines/a.test.mjs.json': '{"perfspec":1,"file":"a.test.mjs","benchmarks":[]}\n',
  })
  symlinkSync(REPO, join(repo.dir, 'node_modules', 'perfspec'))
  // A threshold no busy machine reaches between two runs of the same code: a benchmark read slower
  // would fail the run (exit 1) before the changed file could leave it undecided.
  const r = ab(['--time-cap', '5s', '--confirm', '0', '--threshold', '90%'])
  const { output } = r
  expect(r.status, output).toBe(2)
  expect(output).toMatch(/✗ head's a\.test\.mjs exited with code 1: another tool of its run changed perfspec's files in the working tree, as a plain run would fail on, so the run cannot pass \(it is not decided, unless a benchmark read slower fails it\): baselines\/a\.test\.mjs\.json: something else in this run wrote to it/)
  expect(output).toMatch(/^NOT DECIDED: /m)
  expect(readAbReport(join(repo.dir, '.perfspec', 'ab', 'results.json')).failures).toEqual([expect.objectContaining({ side: 'head', changed: true })])
})
