/**
 * How far the ground truth of bench/accuracy.ts can itself be trusted on this machine: what no
 * tool, perfspec included, can be expected to beat. No benchmarking tool runs here; only plain
 * tight loops, each in a fresh process.
 *
 *   npx tsx bench/truth-floor.ts                       # every workload, 10 processes each
 *   npx tsx bench/truth-floor.ts --workloads sort,parse --processes 16 [--json]
 *
 * Two figures per workload, each the median (and range) over fresh processes:
 * - **Two loops**: two tight loops of identical source, compiled as two distinct functions (as
 *   every tool's timing loop is distinct from the ground truth's), alternated 8 times in one
 *   process at ≥ 100 ms a loop; the ratio of their medians. 1.000 means the choice of loop
 *   function does not matter.
 * - **Early/late**: the same loop timed when a benchmark with perfspec's defaults would be
 *   (100 ms of warm-up, then 300 ms), against its median over the alternation that follows
 *   (which is when the ground truth measures: after about half a second of calibration).
 *   Above 1.000 means the workload runs slower early in a process's life than later. For calls
 *   of well under a microsecond (the empty function, `await`) this reads about 1.4 in every run,
 *   which perfspec's own readings of those workloads do not show (they stay within a few percent
 *   of the ground truth): the early window's short chunks and the late window's long loops then
 *   differ in more than timing, so those rows do not isolate the process's early phase.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WORKLOADS, getWorkload } from './workloads.js'
import { median } from '../src/analyse/median.js'

const SELF = fileURLToPath(import.meta.url)
const EARLY_WARMUP_MS = 100
const EARLY_MS = 300
const ALTERNATIONS = 8
const LATE_LOOP_MS = 100

type Loop = (n: number) => number | Promise<number>

/** A fresh timing loop: returns ms per call over `n` calls. Distinct source per `name`. */
function compileLoop(name: string, fn: () => unknown, isAsync: boolean, sink: { value: unknown }): Loop {
  const body = `return ${isAsync ? 'async ' : ''}function ${name}(n) {
      let r
      const t0 = performance.now()
      for (let i = 0; i < n; i++) r = ${isAsync ? 'await ' : ''}fn()
      const t1 = performance.now()
      sink.value = r
      return (t1 - t0) / n
    }`
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a distinct function per loop is the point
  return new Function('fn', 'sink', body)(fn, sink) as Loop
}

/** Runs `loop` in chunks of `n` calls until `ms` have passed; ms per call over the whole span. */
async function loopFor(loop: Loop, n: number, ms: number): Promise<number> {
  const t0 = performance.now()
  let calls = 0
  let total = 0
  while (performance.now() - t0 < ms) {
    total += (await loop(n)) * n
    calls += n
  }
  return total / calls
}

interface ChildResult {
  workload: string
  /** Median ms per call of loop A over the alternation / that of loop B. */
  twoLoops: number
  /** Loop A's ms per call in perfspec's default time window / its median over the alternation. */
  earlyLate: number
}

async function child(id: string): Promise<ChildResult> {
  const w = getWorkload(id)
  const fn = w.make()
  const sink = { value: undefined as unknown }
  const a = compileLoop('loopA', fn, w.async, sink)
  const b = compileLoop('loopB', fn, w.async, sink)
  // Early window: chunks of calls short enough (~50 µs) that the window's edges are sharp.
  let chunk = 1
  while ((await a(chunk)) * chunk < 0.05 && chunk < 1 << 20) chunk *= 2
  await loopFor(a, chunk, EARLY_WARMUP_MS)
  const early = await loopFor(a, chunk, EARLY_MS)
  // Late: one loop of n calls lasts >= LATE_LOOP_MS, as the ground truth's loops do.
  let n = chunk
  while ((await a(n)) * n < LATE_LOOP_MS) n *= 2
  await b(n)
  const as: number[] = []
  const bs: number[] = []
  for (let i = 0; i < ALTERNATIONS; i++) {
    as.push(await a(n))
    bs.push(await b(n))
  }
  ;(globalThis as { __floorSink?: unknown }).__floorSink = sink.value
  return { workload: id, twoLoops: median(as) / median(bs), earlyLate: early / median(as) }
}

function runChild(id: string): ChildResult | { error: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', id], { encoding: 'utf8' })
  const last = res.stdout.trim().split('\n').pop() ?? ''
  if (res.status === 0 && last.startsWith('{')) return JSON.parse(last) as ChildResult
  return { error: (res.stderr || String(res.error ?? `exit ${res.status}`)).trim().split('\n').slice(0, 3).join(' | ') }
}

interface Summary {
  workload: string
  label: string
  processes: number
  twoLoops: { median: number; range: [number, number] }
  earlyLate: { median: number; range: [number, number] }
}

function summarize(id: string, results: ChildResult[]): Summary {
  const pick = (k: 'twoLoops' | 'earlyLate') => {
    const xs = results.map((r) => r[k])
    return { median: median(xs), range: [Math.min(...xs), Math.max(...xs)] as [number, number] }
  }
  return { workload: id, label: getWorkload(id).label, processes: results.length, twoLoops: pick('twoLoops'), earlyLate: pick('earlyLate') }
}

function parseArgs(argv: string[]): { workloads: string[]; processes: number; json: boolean } {
  const opts = { workloads: WORKLOADS.map((w) => w.id), processes: 10, json: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--workloads') {
      opts.workloads = (argv[++i] ?? '').split(',').filter(Boolean)
      if (!opts.workloads.length) throw new Error(`--workloads takes a list, e.g. --workloads sort,parse (known: ${WORKLOADS.map((w) => w.id).join(', ')})`)
      opts.workloads.forEach(getWorkload) // throws on an unknown id
    } else if (a === '--processes') {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 2) throw new Error('--processes takes a whole number >= 2, e.g. --processes 10')
      opts.processes = n
    } else if (a === '--json') opts.json = true
    else throw new Error(`unknown argument "${a}"; usage: npx tsx bench/truth-floor.ts [--workloads a,b] [--processes N] [--json]`)
  }
  return opts
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv[0] === '--child') {
    process.stdout.write(`${JSON.stringify(await child(argv[1] ?? ''))}\n`)
    return
  }
  const opts = parseArgs(argv)
  const summaries: Summary[] = []
  const failures: string[] = []
  for (const id of opts.workloads) {
    const results: ChildResult[] = []
    for (let p = 0; p < opts.processes; p++) {
      if (!opts.json) process.stderr.write(`${id}: process ${p + 1}/${opts.processes}\r`)
      const r = runChild(id)
      if ('error' in r) failures.push(`${id}: ${r.error}`)
      else results.push(r)
    }
    if (results.length) summaries.push(summarize(id, results))
    if (!opts.json) process.stderr.write('\n')
  }
  if (opts.json) {
    console.log(JSON.stringify({ node: process.version, processes: opts.processes, workloads: summaries, failures }, null, 2))
    return
  }
  const f = (x: number) => x.toFixed(3)
  console.log(`\nThe ground truth's own floor (Node ${process.version}, ${opts.processes} fresh processes per workload)\n`)
  console.log('workload                    two loops: median  range          early/late: median  range')
  for (const s of summaries) {
    console.log(
      `${s.label.padEnd(26)}  ${f(s.twoLoops.median).padStart(17)}  ${f(s.twoLoops.range[0])}…${f(s.twoLoops.range[1])}  ${f(s.earlyLate.median).padStart(18)}  ${f(s.earlyLate.range[0])}…${f(s.earlyLate.range[1])}`,
    )
  }
  for (const msg of failures) console.log(`failed: ${msg}`)
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(2)
  })
}
