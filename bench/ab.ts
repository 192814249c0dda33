/**
 * How well `perfspec ab` decides, over the example suite in a throwaway git repository: the base
 * commit holds `examples/` unchanged; the head (the working tree) is either the same code (A/A:
 * no run may fail) or `examples/json.test.ts` with its "JSON.parse 30KB" benchmark parsing a
 * document 10 % or 5 % larger (more work per call, no sleep: 330 or 315 items where the base
 * parses 300). Each run is one `perfspec ab` process, one after another, so that runs do not
 * compete for the CPU. Prints, per case, the runs that failed (exit 1), which benchmarks were
 * flagged how often, and the wall times against one plain run of the suite, split into the run's
 * own pass and its rounds in fresh processes.
 *
 *   npm run build && npx tsx bench/ab.ts                   30 A/A runs, 20 runs at +10 % and at +5 %
 *   npx tsx bench/ab.ts --runs 2 --cases aa,10 --files examples/json   a quick look
 *
 * Options: --runs N (A/A runs, default 30), --ab-runs N (runs per A/B case, default 20),
 * --cases aa,10,5 (default all three), --files <runner filter> (default: the whole suite),
 * --keep (leave the temp repository and print its path), --busy (another process keeps one core
 * busy for the whole series, the plain run included: a shared machine's neighbour).
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'pathe'
import { countOption } from './count-option.js'
import type { AbRunReport } from '../src/model/ab-run.js'
import { failsAbRun } from '../src/model/ab.js'

const REPO = resolve(import.meta.dirname, '..')
const CLI = join(REPO, 'dist', 'cli.js')
const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs')
const BENCH = 'JSON.parse 30KB'

interface Case {
  key: string
  name: string
  /** Items in the head's parsed document; the base parses 300. `undefined`: head = base. */
  items?: number
  shouldFlag: boolean
}

const CASES: Case[] = [
  { key: 'aa', name: 'A/A (head = base)', shouldFlag: false },
  { key: '10', name: `+10 % work in "${BENCH}" (330 items vs 300)`, items: 330, shouldFlag: true },
  { key: '5', name: `+5 % work in "${BENCH}" (315 items vs 300)`, items: 315, shouldFlag: true },
]

const args = process.argv.slice(2)
const aaRuns = countOption(args, '--runs', 30)
const abRuns = countOption(args, '--ab-runs', 20)
const keys = (option('--cases') ?? 'aa,10,5').split(',')
const unknown = keys.filter((k) => !CASES.some((c) => c.key === k))
if (unknown.length) throw new TypeError(`--cases ${unknown.join(',')}: known cases are ${CASES.map((c) => c.key).join(', ')}, e.g. --cases aa,10`)
const filter = option('--files')
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`)

const dir = makeRepository()
// A neighbour spinning on one core, for the whole series (`--busy`).
const busy = args.includes('--busy') ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : undefined
// The base worktrees go to the user's cache folder: a temp one, removed with the repository.
const cache = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-bench-ab-cache-')))
try {
  const suite = timed(() => spawnSync(process.execPath, [VITEST, 'run', ...(filter ? [filter] : [])], { cwd: dir, env: childEnv(), encoding: 'utf8' }))
  if (suite.result.status !== 0) throw new Error(`the example suite fails on its own in ${dir}:\n${suite.result.stdout}\n${suite.result.stderr}`)
  console.log(`perfspec ab over examples/${filter ? ` (${filter})` : ''} in ${dir}${busy ? ', another process keeping one core busy' : ''}; one plain run of the suite: ${seconds(suite.ms)}`)
  for (const c of CASES.filter((x) => keys.includes(x.key))) {
    setHead(c)
    const runs = c.key === 'aa' ? aaRuns : abRuns
    const exits: number[] = []
    const walls: number[] = []
    // Of each run's wall time, the part from its first round in fresh processes to its end (0 without one).
    const roundTimes: number[] = []
    const flagged = new Map<string, number>()
    // Each benchmark's change in the run's own pass (before any fresh round), run by run: under
    // A/A a side that is systematically slower shows as one sign far more often than the other.
    const changes = new Map<string, number[]>()
    for (let i = 0; i < runs; i++) {
      const run = await abRun(['ab', '--base', 'main', ...(filter ? ['--', filter] : [])])
      exits.push(run.result.status ?? -1)
      walls.push(run.ms)
      roundTimes.push(run.roundsMs)
      if (run.result.status === 2) console.log(`  run ${i + 1}: not decided:\n${run.result.stderr.trim().split('\n').slice(-5).join('\n')}`)
      const report = readReport()
      // Flagged: slower and gated (what fails a run); a benchmark that opts out (`baseline: false`) reads slower without failing it.
      const slower = (report?.comparisons ?? []).filter(failsAbRun)
      const ungated = (report?.comparisons ?? []).filter((cmp) => cmp.status === 'slower' && !failsAbRun(cmp))
      const unconfirmed = (report?.comparisons ?? []).filter((cmp) => cmp.reason === 'not-confirmed')
      for (const cmp of slower) flagged.set(cmp.name, (flagged.get(cmp.name) ?? 0) + 1)
      for (const cmp of report?.comparisons ?? []) if (Number.isFinite(cmp.change)) changes.set(cmp.name, [...(changes.get(cmp.name) ?? []), cmp.change])
      const target = report?.comparisons.find((cmp) => cmp.name === BENCH)
      console.log(`  ${c.key} run ${i + 1}/${runs}: exit ${run.result.status}, ${seconds(run.ms)}${run.roundsMs ? ` (fresh rounds ${seconds(run.roundsMs)})` : ''}; "${BENCH}" ${target ? `${target.status} ${describe(target)}` : 'not compared'}${slower.filter((cmp) => cmp.name !== BENCH).length ? `; flagged: ${slower.filter((cmp) => cmp.name !== BENCH).map((cmp) => `${cmp.name} ${describe(cmp)}`).join('; ')}` : ''}${ungated.length ? `; slower, not gated: ${ungated.map((cmp) => `${cmp.name} ${describe(cmp)}`).join('; ')}` : ''}${unconfirmed.length ? `; read slower, not confirmed: ${unconfirmed.map((cmp) => `${cmp.name} ${describe(cmp)}`).join('; ')}` : ''}`)
    }
    const failed = exits.filter((e) => e === 1).length
    const undecided = exits.filter((e) => e !== 0 && e !== 1).length
    const target = flagged.get(BENCH) ?? 0
    const others = [...flagged].filter(([name]) => name !== BENCH)
    console.log(`\n${c.name}: ${runs} runs`)
    console.log(`  runs failed (exit 1): ${failed}/${runs}${undecided ? `, not decided (exit 2): ${undecided}` : ''}`)
    if (c.shouldFlag) console.log(`  "${BENCH}" flagged slower: ${target}/${runs}`)
    console.log(`  other benchmarks flagged: ${others.length ? others.map(([n, k]) => `"${n}" ${k}x`).join(', ') : 'none'}`)
    console.log(`  wall time: median ${seconds(median(walls))}, max ${seconds(Math.max(...walls))} (${(median(walls) / suite.ms).toFixed(1)}x one plain run)`)
    const withRounds = roundTimes.filter((ms) => ms > 0)
    const main = walls.map((ms, k) => ms - roundTimes[k]!)
    console.log(`  of which: the run's own pass median ${seconds(median(main))} (${(median(main) / suite.ms).toFixed(1)}x one plain run); fresh rounds in ${withRounds.length} of ${runs} runs${withRounds.length ? `, median ${seconds(median(withRounds))}, max ${seconds(Math.max(...withRounds))}` : ''}`)
    console.log('  head slower than base in the run\'s own pass (before fresh rounds), by benchmark: runs, median change')
    for (const [name, list] of [...changes].sort((a, b) => a[0].localeCompare(b[0]))) {
      const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`
      console.log(`    ${name}: ${list.filter((x) => x > 0).length} of ${list.length}, median ${pct(median(list))}`)
    }
  }
} finally {
  busy?.kill()
  if (args.includes('--keep')) console.log(`\nkept: ${dir} (base worktrees in ${cache})`)
  else {
    rmSync(dir, { recursive: true, force: true })
    rmSync(cache, { recursive: true, force: true })
  }
}

/**
 * One `perfspec ab` run in the repository, its output read as it comes: `roundsMs` is the time
 * from its first line about a round in fresh processes to its end (0 without one).
 */
function abRun(a: string[]): Promise<{ result: { status: number | null; stderr: string }; ms: number; roundsMs: number }> {
  const start = performance.now()
  let roundsAt: number | undefined
  let stderr = ''
  const child = spawn(process.execPath, [CLI, ...a], { cwd: dir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  // The end of what came before, in case the words are split between two chunks.
  const tails = new Map<unknown, string>()
  const watch = (chunk: Buffer, from: unknown) => {
    const text = (tails.get(from) ?? '') + chunk.toString('utf8')
    if (roundsAt === undefined && text.includes('measuring again in fresh processes')) roundsAt = performance.now()
    tails.set(from, text.slice(-64))
  }
  child.stdout.on('data', (chunk: Buffer) => watch(chunk, child.stdout))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
    watch(chunk, child.stderr)
  })
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (status) => {
      const end = performance.now()
      done({ result: { status, stderr }, ms: end - start, roundsMs: roundsAt === undefined ? 0 : end - roundsAt })
    })
  })
}

/** A git repository with the examples at its first commit (`main`), the perfspec of this checkout as its dependency. */
function makeRepository(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-bench-ab-')))
  cpSync(join(REPO, 'examples'), join(root, 'examples'), { recursive: true })
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ab-bench', private: true, type: 'module', devDependencies: { perfspec: '*', vitest: '*' } }, null, 2))
  writeFileSync(join(root, 'vitest.config.ts'), readFileSync(join(REPO, 'vitest.config.ts'), 'utf8'))
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.perfspec\nBENCHMARK_RESULTS.*\nbaselines\n')
  // Every dependency of this checkout, and perfspec itself (its built dist), linked.
  mkdirSync(join(root, 'node_modules'))
  for (const name of readdirSync(join(REPO, 'node_modules'))) if (!name.startsWith('.')) symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name))
  symlinkSync(REPO, join(root, 'node_modules', 'perfspec'))
  git(root, 'init', '--quiet', '--initial-branch=main')
  git(root, 'add', '-A')
  git(root, 'commit', '--quiet', '-m', 'examples')
  return root
}

/** The head: the working tree reset to the base, then the case's change made without committing it. */
function setHead(c: Case): void {
  git(dir, 'checkout', '--quiet', '--force', 'main')
  if (c.items === undefined) return
  const path = join(dir, 'examples', 'json.test.ts')
  const text = readFileSync(path, 'utf8')
  const call = `bench('${BENCH}', () => JSON.parse(text))`
  if (!text.includes(call)) throw new Error(`examples/json.test.ts no longer has ${call}: update bench/ab.ts`)
  const changed = text
    .replace('const text = JSON.stringify(doc)\n', `const text = JSON.stringify(doc)\nconst larger = JSON.stringify({ items: Array.from({ length: ${c.items} }, (_, i) => doc.items[i % 300]) })\n`)
    .replace(call, `bench('${BENCH}', () => JSON.parse(larger))`)
  writeFileSync(path, changed)
}

function readReport(): AbRunReport | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, '.perfspec', 'ab', 'results.json'), 'utf8')) as AbRunReport
  } catch {
    return undefined
  }
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', XDG_CACHE_HOME: cache }
  for (const key of ['CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'PERFSPEC_AB', 'PERFSPEC_GATE', 'VITEST', 'NODE_ENV']) delete env[key]
  return env
}

function git(cwd: string, ...a: string[]): void {
  const r = spawnSync('git', a, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' } })
  if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`)
}

function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now()
  const result = fn()
  return { result, ms: performance.now() - start }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`
}

function option(flag: string): string | undefined {
  const at = args.indexOf(flag)
  return at < 0 ? undefined : args[at + 1]
}

function describe(cmp: { status?: string; gated?: false; change: number; interval: [number, number]; pairs: number; rounds?: Array<{ change: number; interval: [number, number] }> }): string {
  const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`
  const rounds = cmp.rounds && cmp.rounds.length > 1 ? ` (rounds in fresh processes: ${cmp.rounds.map((r) => pct(r.change)).join(', ')})` : cmp.status === 'slower' && cmp.gated !== false ? ' (no round in a fresh process)' : ''
  return `${pct(cmp.change)} [${pct(cmp.interval[0])}, ${pct(cmp.interval[1])}] after ${cmp.pairs} pairs${rounds}`
}
