/**
 * False alarms and sensitivity of the regression gate, on this machine, with the example suite:
 *
 *   npm run build && npx tsx bench/false-alarms.ts [--runs 30] [--busy 10] [--detect 20] [--factors 1.5,1.3] [--machines 5] [--metric p95] [--keep <folder>]
 *
 * 1. copies `examples/` and their config into a scratch project (`.perfspec/false-alarms/`) and
 *    runs the suite once locally, which writes its baselines (each measured several times);
 * 2. A/A: runs it `--runs` times as CI would (`CI=true`), unchanged, the last `--busy` of them
 *    while another process keeps one core busy, and counts the runs that fail (target: 0);
 * 3. detection: for each factor of `--factors`, `--detect` CI runs in which the bench
 *    "JSON.parse 30KB" parses a document that many times larger (a real change: more work per
 *    call), counting the runs that flag it and any other bench flagged (target: 1.5x flagged in
 *    every run, 1.3x in at least 15 of 20 and never reported as ok, nothing else flagged);
 * 4. other machines: `--machines` CI runs against the same baselines with their machine's speed
 *    reference and latencies scaled as if taken on a machine twice as fast, then twice as slow
 *    (target: no failure, and the report says the baselines came from another machine).
 * `--metric` is the gate's statistic (the plugin's `metric` option; default p95, the plugin's default).
 * `--keep` copies each run's report (BENCHMARK_RESULTS.json, with what each measurement read) into
 * that folder, named for the run (`aa-3.json`, `1.5x-7.json`), to read why a run went as it did.
 * Prints every run's outcome, then the rates. Run nothing else on the machine meanwhile.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { join, resolve } from 'pathe'
import { LatencyHistogram } from '../src/analyse/histogram.js'
import type { BaselineEntry, BaselineFile } from '../src/model/baseline.js'
import { GATE_METRICS } from '../src/model/metrics.js'
import type { RunReport } from '../src/model/run-report.js'

const SLOWED = 'JSON.parse 30KB'

function fail(message: string): never {
  console.error(`bench/false-alarms: ${message}`)
  process.exit(2)
}

let values: Record<string, string | undefined>
try {
  values = parseArgs({
    options: {
      runs: { type: 'string', default: '30' },
      busy: { type: 'string', default: '10' },
      detect: { type: 'string', default: '20' },
      factors: { type: 'string', default: '1.5,1.3' },
      machines: { type: 'string', default: '5' },
      metric: { type: 'string', default: 'p95' },
      keep: { type: 'string' },
    },
  }).values
} catch (error) {
  fail((error as Error).message)
}
const count = (name: string, min: number) => {
  const n = Number(values[name])
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min}, e.g. --${name} 10; received "${values[name]}"`)
  return n
}
const runs = count('runs', 0)
const busyRuns = count('busy', 0)
const detect = count('detect', 0)
const machines = count('machines', 0)
const factors = (values.factors ?? '').split(',').filter(Boolean).map(Number)
const metric = values.metric ?? 'p95'
if (!(GATE_METRICS as readonly string[]).includes(metric)) fail(`--metric must be one of ${GATE_METRICS.join(', ')}; received "${metric}"`)
if (busyRuns > runs) fail(`--busy ${busyRuns} is more than --runs ${runs}`)
if (!factors.every((f) => f > 1 && f < 10)) fail(`--factors must be numbers between 1 and 10, e.g. --factors 1.5,1.3; received "${values.factors}"`)

const repo = resolve(import.meta.dirname, '..')
const work = join(repo, '.perfspec', 'false-alarms')
rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
cpSync(join(repo, 'examples'), join(work, 'examples'), { recursive: true })
// The slowed bench parses a document PERFSPEC_WORK times larger: more work per call, as a code
// change that handles more data would do.
const jsonTest = join(work, 'examples', 'json.test.ts')
const source = readFileSync(jsonTest, 'utf8')
const patched = source
  .replace("const text = JSON.stringify(doc)", "const text = JSON.stringify({ items: Array.from({ length: Math.round(300 * Number(process.env.PERFSPEC_WORK ?? 1)) }, (_, i) => doc.items[i % 300]) })")
  .replace('expect(JSON.parse(text).items).toHaveLength(300)', 'expect(JSON.parse(text).items.length).toBeGreaterThanOrEqual(300)')
if (patched === source || !patched.includes('PERFSPEC_WORK') || !patched.includes('toBeGreaterThanOrEqual')) fail('examples/json.test.ts changed: update the patch that makes its parse bench do more work')
writeFileSync(jsonTest, patched)
writeFileSync(
  join(work, 'vitest.config.ts'),
  `import { defineConfig } from 'vitest/config'
import perf from ${JSON.stringify(join(repo, 'dist', 'vitest', 'index.js'))}
export default defineConfig({
  plugins: [perf({ metric: ${JSON.stringify(metric)} })],
  resolve: { alias: [{ find: /^perfspec$/, replacement: ${JSON.stringify(join(repo, 'dist', 'index.js'))} }] },
  test: { include: ['examples/**/*.test.ts'], fileParallelism: false },
})
`,
)

interface Outcome {
  report: RunReport
  status: number | null
  seconds: number
}

const keep = values.keep ? resolve(values.keep) : undefined
if (keep) mkdirSync(keep, { recursive: true })

function run(env: Record<string, string>, label: string): Outcome {
  const clean = { ...process.env }
  for (const key of ['CI', 'GITHUB_ACTIONS', 'PERFSPEC_UPDATE', 'PERFSPEC_WORK', 'PERFSPEC_TESTBED', 'GITHUB_STEP_SUMMARY']) delete clean[key]
  const started = performance.now()
  const child = spawnSync(join(repo, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=perf'], { cwd: work, env: { ...clean, ...env }, encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  try {
    const text = readFileSync(join(work, 'BENCHMARK_RESULTS.json'), 'utf8')
    if (keep) writeFileSync(join(keep, `${label}.json`), text)
    return { report: JSON.parse(text) as RunReport, status: child.status, seconds }
  } catch {
    throw new Error(`the example suite did not write a report (exit ${child.status}):\n${child.stdout}\n${child.stderr}`)
  } finally {
    rmSync(join(work, 'BENCHMARK_RESULTS.json'), { force: true })
  }
}

const short = (id: string) => id.split(' > ').pop() ?? id
const regressed = (r: RunReport) => r.baselines.filter((c) => c.status === 'regressed').map((c) => short(c.benchId))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN
const pct = (x: number | undefined) => (x === undefined ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`)
const describeRun = (o: Outcome) => {
  const warns = o.report.baselines.filter((c) => c.status === 'warn').map((c) => `${short(c.benchId)} (${c.reason})`)
  const why = o.report.baselines.filter((c) => c.status === 'regressed').map((c) => `\n    ✗ ${c.message}`).join('')
  // A run that failed without a regression: say what failed instead (the report is deleted after each run).
  const other = o.status !== 0 && regressed(o.report).length === 0 ? `; FAILED OTHERWISE: ${o.report.summary.expectations.fail} expectation(s) failed${o.report.problems?.length ? `, problems: ${o.report.problems.join(' | ')}` : ''}` : ''
  return `exit ${o.status}, ${o.seconds.toFixed(1)} s${regressed(o.report).length ? `; REGRESSED: ${regressed(o.report).join(', ')}` : ''}${other}${warns.length ? `; warn: ${warns.join(', ')}` : ''}${why}`
}

function busyCore(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
}

const first = run({}, 'write')
const names = first.report.baselines.map((c) => short(c.benchId))
if (!names.includes(SLOWED)) fail(`the examples have no bench "${SLOWED}"; benches: ${names.join(', ')}`)
console.log(`baselines written locally for ${first.report.baselines.filter((c) => c.status === 'written').length} benchmarks in ${first.seconds.toFixed(1)} s`)
// What the baselines say of this machine's noise: a spread wider than the threshold makes a
// benchmark too noisy to gate here (WARN), which a reader of the rates below needs to know.
for (const f of readdirSync(join(work, 'baselines', 'examples'))) {
  const data = JSON.parse(readFileSync(join(work, 'baselines', 'examples', f), 'utf8')) as BaselineFile
  for (const e of data.benchmarks) {
    const spread = e.spread?.[metric as keyof NonNullable<BaselineEntry['spread']>]
    console.log(`  baseline ${short(e.bench_id)}: ${e.attempts ?? 1} measurements in ${e.processes ?? 1} processes, spread at ${metric} ${pct(spread)}`)
  }
}

// 2. A/A
let failedRuns = 0
let falseRegressions = 0
const times: number[] = []
for (let i = 1; i <= runs; i++) {
  const busy = i > runs - busyRuns ? busyCore() : undefined
  const o = run({ CI: 'true' }, `aa-${i}`)
  busy?.kill()
  times.push(o.seconds)
  if (o.status !== 0) failedRuns += 1
  falseRegressions += regressed(o.report).length
  console.log(`A/A run ${i}/${runs}${busy ? ' (one core kept busy)' : ''}: ${describeRun(o)}`)
}

// 3. detection
const detection: string[] = []
for (const factor of factors) {
  let flagged = 0
  let plainOk = 0
  let others = 0
  for (let i = 1; i <= detect; i++) {
    const o = run({ CI: 'true', PERFSPEC_WORK: String(factor) }, `${factor}x-${i}`)
    const hits = regressed(o.report)
    if (hits.includes(SLOWED)) flagged += 1
    others += hits.filter((h) => h !== SLOWED).length
    const c = o.report.baselines.find((b) => short(b.benchId) === SLOWED)
    if (c?.status === 'ok' || c?.status === 'improved') plainOk += 1
    console.log(`${factor}x run ${i}/${detect}: "${SLOWED}" ${c?.status}${c?.reason ? ` (${c.reason})` : ''}, ${metric} ${pct(c?.change)}, typical call ${pct(c?.typicalChange)}; ${describeRun(o)}`)
  }
  detection.push(`${factor}x more work per call: flagged in ${flagged}/${detect} runs, reported as ok in ${plainOk}, other benchmarks flagged: ${others}`)
}

// 4. baselines from another machine: scale every entry as if measured on a machine `factor` times as fast.
function scaleEntry(e: BaselineEntry, factor: number): BaselineEntry {
  const out: BaselineEntry = { ...e }
  for (const key of ['p50', 'p75', 'p90', 'p95', 'p99', 'mean', 'min', 'max', 'sd'] as const) if (typeof e[key] === 'number') out[key] = e[key]! * factor
  if (e.histogram) {
    const from = LatencyHistogram.decode(e.histogram)
    const to = new LatencyHistogram()
    for (const [value, n] of from.buckets()) for (let k = 0; k < n; k++) to.record(value * factor)
    out.histogram = to.encode()
  }
  if (e.environment?.speed) out.environment = { ...e.environment, speed: { ...e.environment.speed, ns: e.environment.speed.ns * factor } }
  return out
}
const baselineDir = join(work, 'baselines', 'examples')
const originals = new Map(readdirSync(baselineDir).map((f) => [f, readFileSync(join(baselineDir, f), 'utf8')]))
const crossMachine: string[] = []
for (const [label, factor] of [['twice as fast', 0.5], ['twice as slow', 2]] as const) {
  for (const [f, text] of originals) {
    const data = JSON.parse(text) as BaselineFile
    writeFileSync(join(baselineDir, f), JSON.stringify({ ...data, benchmarks: data.benchmarks.map((e) => scaleEntry(e, factor)) }, null, 2))
  }
  let failures = 0
  let said = 0
  for (let i = 1; i <= machines; i++) {
    const o = run({ CI: 'true' }, `machine-${factor}x-${i}`)
    if (o.status !== 0) failures += 1
    const ungated = o.report.baselines.filter((c) => c.gated === false).length
    if (ungated === o.report.baselines.filter((c) => c.change !== undefined).length) said += 1
    console.log(`baselines from a machine ${label}, run ${i}/${machines}: ${ungated} compared but not gated; ${describeRun(o)}`)
  }
  crossMachine.push(`baselines from a machine ${label}: ${failures} of ${machines} runs failed; every compared benchmark said "another machine, not gated" in ${said} of ${machines}`)
}
for (const [f, text] of originals) writeFileSync(join(baselineDir, f), text)

console.log('')
console.log(`command: npm run build && npx tsx bench/false-alarms.ts --runs ${runs} --busy ${busyRuns} --detect ${detect} --factors ${factors.join(',')} --machines ${machines} --metric ${metric}`)
console.log(`A/A: ${failedRuns} of ${runs} unchanged CI runs failed (${busyRuns} of them with one core kept busy); ${falseRegressions} false regressions in all`)
console.log(`time of an unchanged CI run: median ${median(times).toFixed(1)} s; writing the baselines locally: ${first.seconds.toFixed(1)} s`)
for (const line of detection) console.log(line)
for (const line of crossMachine) console.log(line)
