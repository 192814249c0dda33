/**
 * False alarms and sensitivity of the regression gate, on this machine:
 *
 *   npx tsx bench/false-alarms.ts [--runs 20] [--slow "JSON.parse 30KB"] [--factor 1.5]
 *
 * 1. copies `examples/` into a scratch project (`.perfspec/false-alarms/`), runs the suite once
 *    to write its baselines;
 * 2. runs it `--runs` times with default settings and counts the regressions reported (target 0);
 * 3. runs it `--runs` times with the bench named by `--slow` made `--factor` times slower, and
 *    counts in how many runs it was flagged, and whether any other one was (target: all, none).
 * The slowdown wraps `bench()` through an alias of `perfspec` in the scratch project's config:
 * each call of the slowed bench spins after `fn` until it has taken `factor` times as long
 * (its own duration, capped at 3x the typical call so that a preempted call is not stretched too).
 * Needs `npm run build` first (the scratch project uses the built plugin).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { join, resolve } from 'pathe'
import type { RunReport } from '../src/model/run-report.js'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    slow: { type: 'string', default: 'JSON.parse 30KB' },
    factor: { type: 'string', default: '1.5' },
  },
})
const runs = Number(values.runs)
const factor = Number(values.factor)
if (!(runs >= 1) || !(factor > 1)) throw new TypeError('--runs must be ≥ 1 and --factor > 1, e.g. --runs 20 --factor 1.5')

const repo = resolve(import.meta.dirname, '..')
const work = join(repo, '.perfspec', 'false-alarms')
rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
cpSync(join(repo, 'examples'), join(work, 'examples'), { recursive: true })
writeFileSync(
  join(work, 'slowdown.ts'),
  `// perfspec with bench() slowed down for the bench named in PERFSPEC_SLOWDOWN ("name:factor").
export * from ${JSON.stringify(join(repo, 'dist', 'index.js'))}
import { bench as measure } from ${JSON.stringify(join(repo, 'dist', 'index.js'))}
const [slowName, slowFactor] = (process.env.PERFSPEC_SLOWDOWN ?? '').split(/:(?=[^:]*$)/)
const clockCost = (() => { let best = Infinity; for (let i = 0; i < 1000; i++) { const a = performance.now(); const b = performance.now(); best = Math.min(best, b - a) } return best })()
// A call's own duration, capped at 3x the typical call so that a preempted call (a busy
// machine) is not stretched 1.5x more: the slowdown is of the code, not of the machine.
const firstDurations = []
let typical = Infinity
function spinUntil(start, spent) {
  if (firstDurations.length < 200) {
    firstDurations.push(spent)
    typical = [...firstDurations].sort((a, b) => a - b)[firstDurations.length >> 1]
  }
  const work = Math.min(Math.max(0, spent - clockCost), 3 * typical)
  const target = start + spent + work * (Number(slowFactor) - 1)
  while (performance.now() < target) {}
}
export function bench(name, fn, options) {
  if (name !== slowName) return measure(name, fn, options)
  return measure(name, () => {
    const start = performance.now()
    const result = fn()
    if (result && typeof result.then === 'function') return result.then((v) => { spinUntil(start, performance.now() - start); return v })
    spinUntil(start, performance.now() - start)
    return result
  }, options)
}
`,
)
writeFileSync(
  join(work, 'vitest.config.ts'),
  `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({
  plugins: [perf()],
  resolve: { alias: [{ find: /^perfspec$/, replacement: ${JSON.stringify(join(work, 'slowdown.ts'))} }] },
  test: { include: ['examples/**/*.test.ts'] },
})
`,
)

function run(env: Record<string, string>): RunReport {
  const clean = { ...process.env }
  for (const key of ['CI', 'GITHUB_ACTIONS', 'PERFSPEC_UPDATE', 'PERFSPEC_SLOWDOWN', 'GITHUB_STEP_SUMMARY']) delete clean[key]
  const child = spawnSync('npx', ['vitest', 'run', '--reporter=perf'], { cwd: work, env: { ...clean, ...env }, encoding: 'utf8' })
  try {
    return JSON.parse(readFileSync(join(work, 'BENCHMARK_RESULTS.json'), 'utf8')) as RunReport
  } catch {
    throw new Error(`the example suite did not write a report (exit ${child.status}):\n${child.stdout}\n${child.stderr}`)
  } finally {
    rmSync(join(work, 'BENCHMARK_RESULTS.json'), { force: true })
  }
}

const regressed = (r: RunReport) => r.baselines.filter((c) => c.status === 'regressed').map((c) => c.benchId)
const short = (id: string) => id.split(' > ').pop() ?? id

const first = run({ PERFSPEC_UPDATE: 'all' })
const names = first.baselines.map((c) => short(c.benchId))
if (!names.includes(values.slow)) throw new Error(`--slow "${values.slow}" names no bench of the examples; benches: ${names.join(', ')}`)
console.log(`baselines written for ${names.length} benchmarks: ${names.join(', ')}`)

let falseAlarms = 0
const alarmsByBench = new Map<string, number>()
// How the unchanged runs compare with the baseline: a baseline taken while the machine was busy
// shows as a negative median change, and then hides slowdowns of that size.
const changes = new Map<string, number[]>()
for (let i = 1; i <= runs; i++) {
  const r = run({})
  const hits = regressed(r)
  falseAlarms += hits.length
  for (const id of hits) alarmsByBench.set(short(id), (alarmsByBench.get(short(id)) ?? 0) + 1)
  for (const c of r.baselines) if (c.change !== undefined) changes.set(short(c.benchId), [...(changes.get(short(c.benchId)) ?? []), c.change])
  const warns = r.baselines.filter((c) => c.status === 'warn').map((c) => `${short(c.benchId)} (${c.reason})`)
  console.log(`unchanged run ${i}/${runs}: ${hits.length} regressions${warns.length ? `; warn: ${warns.join(', ')}` : ''}`)
  for (const c of r.baselines.filter((c) => c.status === 'regressed')) console.log(`  ✗ ${c.message}`)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
console.log(`median p95 change of the unchanged runs against the baseline: ${[...changes].map(([k, v]) => `${k} ${(median(v) * 100).toFixed(0)}%`).join(', ')}`)

let flagged = 0
let others = 0
for (let i = 1; i <= runs; i++) {
  const r = run({ PERFSPEC_SLOWDOWN: `${values.slow}:${factor}` })
  const hits = regressed(r).map(short)
  if (hits.includes(values.slow)) flagged += 1
  others += hits.filter((h) => h !== values.slow).length
  const slowed = r.baselines.find((c) => short(c.benchId) === values.slow)
  console.log(`slowed run ${i}/${runs}: ${hits.length ? hits.join(', ') : 'nothing'} flagged; "${values.slow}": ${slowed?.status}${slowed?.reason ? ` (${slowed.reason})` : ''} ${slowed?.change !== undefined ? `p95 ${(slowed.change * 100).toFixed(0)}%` : ''}${slowed?.typicalChange !== undefined ? `, typical call ${(slowed.typicalChange * 100).toFixed(0)}%` : ''}`)
}

console.log('')
console.log(`command: npx tsx bench/false-alarms.ts --runs ${runs} --slow "${values.slow}" --factor ${factor}`)
console.log(`false alarms: ${falseAlarms} regressions reported in ${runs} unchanged runs${alarmsByBench.size ? ` (${[...alarmsByBench].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`)
console.log(`sensitivity: "${values.slow}" made ${factor}x slower flagged in ${flagged}/${runs} runs; other benchmarks flagged: ${others}`)
