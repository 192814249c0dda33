/**
 * perfspec accuracy benchmark: how close perfspec, tinybench and mitata (default options each)
 * come to the true time per call of a few workloads, how long each takes, how repeatable it is.
 *
 *   npx tsx bench/accuracy.ts                                   # perfspec from ../src/index.ts
 *   npx tsx bench/accuracy.ts --perfspec /work/main/src/index.ts
 *   npx tsx bench/accuracy.ts --perfspec bench/fixtures/naive-perfspec.ts   # stand-in engine
 *
 * Flags:
 *   --workloads empty,parse,sort,await,stringify   which workloads (default: all)
 *   --tools perfspec,tinybench,mitata              which tools (default: all; perfspec is skipped
 *                                                  with a note when its module does not exist)
 *   --rounds R      rounds per workload for the accuracy part (default 5)
 *   --runs N        fresh processes per tool for the repeatability (CV) part on JSON.parse
 *                   (default 8; 0 skips it)
 *   --perfspec P    module exporting perfspec's bench() (default ../src/index.ts from here)
 *   --json          print one JSON document instead of tables
 *
 * Method. Ground truth: a fresh process warms up, then times N calls in a tight loop with one
 * performance.now() pair around the whole loop (N so that the loop lasts >= 200 ms), divided by
 * N; the median of 5 such loops. Every call's result goes to a sink. Each tool measures the same
 * function (bench/workloads.ts) in its own fresh process (bench/accuracy-runner.ts); wall time
 * covers the tool's benchmark call only, not process start-up. Child processes run one at a
 * time, never in parallel: the machine is small and noisy.
 *
 * A shared machine drifts by several percent over seconds, and a slow stretch can cover a whole
 * process, the ground truth's included. So each workload is measured in R rounds: a round takes
 * the ground truth, then every tool (in an order that rotates from round to round), and each
 * tool's error in that round is against that round's truth. A tool's error is the median of
 * its R errors, the same rule for every tool; the table also gives the range of the R errors,
 * and the truth's own spread across rounds, which no tool can be expected to beat. The
 * repeatability part runs the ground truth too, interleaved with the tools, as the machine's
 * noise floor for the CV.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_PERFSPEC, type RunnerOutput } from './accuracy-runner.js'
import { WORKLOADS, getWorkload } from './workloads.js'
import { median } from '../src/analyse/median.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(HERE, '..')
const RUNNER = resolve(HERE, 'accuracy-runner.ts')
const ALL_TOOLS = ['perfspec', 'tinybench', 'mitata'] as const
type Tool = (typeof ALL_TOOLS)[number]
const CV_WORKLOAD = 'parse'
/** perfspec's target for the CV of its mean over fresh processes (0.01 is 1 %). */
const CV_TARGET = 0.01

// --------------------------------------------------------------------------------------------
// Command line

interface Options {
  workloads: string[]
  tools: Tool[]
  rounds: number
  runs: number
  perfspec: string
  json: boolean
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    workloads: WORKLOADS.map((w) => w.id),
    tools: [...ALL_TOOLS],
    rounds: 5,
    runs: 8,
    perfspec: DEFAULT_PERFSPEC,
    json: false,
  }
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '--workloads':
        opts.workloads = list(value())
        opts.workloads.forEach(getWorkload) // throws on an unknown id
        break
      case '--tools': {
        const tools = list(value())
        for (const t of tools) {
          if (!(ALL_TOOLS as readonly string[]).includes(t)) {
            throw new Error(`unknown tool "${t}"; known: ${ALL_TOOLS.join(', ')}`)
          }
        }
        opts.tools = tools as Tool[]
        break
      }
      case '--rounds': {
        const n = Number(value())
        if (!Number.isInteger(n) || n < 1) throw new Error('--rounds takes a whole number >= 1, e.g. --rounds 5')
        opts.rounds = n
        break
      }
      case '--runs': {
        const n = Number(value())
        if (!Number.isInteger(n) || n < 0) throw new Error('--runs takes a whole number, e.g. --runs 8')
        opts.runs = n
        break
      }
      case '--perfspec':
        opts.perfspec = resolve(value() ?? '')
        break
      case '--json':
        opts.json = true
        break
      case '--help':
      case '-h':
        console.log('usage: npx tsx bench/accuracy.ts [--workloads a,b] [--tools perfspec,tinybench,mitata] [--rounds R] [--runs N] [--perfspec <path>] [--json]')
        process.exit(0)
      default:
        throw new Error(`unknown argument "${a}" (try --help)`)
    }
  }
  return opts
}

// --------------------------------------------------------------------------------------------
// Child processes, one at a time

interface Failure {
  tool: string
  workload: string
  error: string
}

function runChild(tool: 'truth' | Tool, workload: string, perfspec: string): RunnerOutput | Failure {
  const res = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, tool, workload, '--perfspec', perfspec], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const lastLine = res.stdout.trim().split('\n').pop() ?? ''
  if (res.status === 0 && lastLine.startsWith('{')) return JSON.parse(lastLine) as RunnerOutput
  const why = (res.stderr || res.stdout || String(res.error ?? `exit ${res.status}`)).trim().split('\n')
  return { tool, workload, error: why.slice(0, 3).join(' | ') }
}

const isFailure = (r: RunnerOutput | Failure): r is Failure => 'error' in r

function progress(msg: string, opts: Options): void {
  if (!opts.json) process.stderr.write(msg)
}

// --------------------------------------------------------------------------------------------
// Statistics and formatting


function coefficientOfVariation(xs: number[]): number {
  if (xs.length < 2) return NaN
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)
  return Math.sqrt(variance) / mean
}

const fmtNs = (ns: number) =>
  !Number.isFinite(ns) ? '—' : ns >= 100 ? ns.toFixed(0) : ns >= 10 ? ns.toFixed(1) : ns.toFixed(2)
const fmtPct = (x: number) => (!Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`)
const fmtS = (s: number) => (!Number.isFinite(s) ? '—' : s.toFixed(2))

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)))
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

// --------------------------------------------------------------------------------------------

interface ToolSummary {
  /** Median over the rounds of the tool's reported mean, ns per call. */
  meanNs: number
  /** Median over the rounds of (tool's mean − that round's truth) / that round's truth; 0.02 is +2 %. */
  error: number
  /** The same in ns, for the empty function. */
  errorNs: number
  /** Lowest and highest of the per-round errors (relative). */
  errorRange: [number, number]
  /** Median wall time of the tool's benchmark call, s. */
  wallS: number
  /** Rounds that produced a result. */
  rounds: number
  mode?: string
}

interface WorkloadReport {
  workload: string
  label: string
  /** Median of the rounds' ground truths, ns per call. */
  truthNs: number
  /** (highest − lowest) / median of the rounds' ground truths: what the machine itself moved. */
  truthSpread: number
  rounds: Array<{ truth: RunnerOutput | Failure; tools: Record<string, RunnerOutput | Failure> }>
  tools: Record<string, ToolSummary | undefined>
}

/** The tools in the order of round `r`: rotated, so that none always runs right after the truth. */
function rotation<T>(items: readonly T[], r: number): T[] {
  const k = items.length ? r % items.length : 0
  return [...items.slice(k), ...items.slice(0, k)]
}

function summarize(tool: string, rounds: WorkloadReport['rounds']): ToolSummary | undefined {
  const errors: number[] = []
  const errorsNs: number[] = []
  const means: number[] = []
  const walls: number[] = []
  let mode: string | undefined
  for (const round of rounds) {
    const t = round.truth
    const x = round.tools[tool]
    if (!x || isFailure(x) || isFailure(t)) continue
    errors.push((x.meanNs - t.meanNs) / t.meanNs)
    errorsNs.push(x.meanNs - t.meanNs)
    means.push(x.meanNs)
    walls.push(x.wallS)
    if (typeof x.mode === 'string') mode = x.mode
  }
  if (!errors.length) return undefined
  return {
    meanNs: median(means),
    error: median(errors),
    errorNs: median(errorsNs),
    errorRange: [Math.min(...errors), Math.max(...errors)],
    wallS: median(walls),
    rounds: errors.length,
    ...(mode && { mode }),
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2))
  const notes: string[] = []
  if (opts.tools.includes('perfspec') && !existsSync(opts.perfspec)) {
    notes.push(`perfspec skipped: ${opts.perfspec} does not exist (pass --perfspec <path>)`)
    opts.tools = opts.tools.filter((t) => t !== 'perfspec')
  }

  // 1. Accuracy: per workload, R rounds of truth then every tool.
  const reports: WorkloadReport[] = []
  for (const id of opts.workloads) {
    const w = getWorkload(id)
    const rounds: WorkloadReport['rounds'] = []
    for (let r = 0; r < opts.rounds; r++) {
      progress(`${id}: round ${r + 1}/${opts.rounds}\r`, opts)
      const truth = runChild('truth', id, opts.perfspec)
      const tools: Record<string, RunnerOutput | Failure> = {}
      for (const tool of rotation(opts.tools, r)) tools[tool] = runChild(tool, id, opts.perfspec)
      rounds.push({ truth, tools })
    }
    const truths = rounds.map((x) => x.truth).filter((t): t is RunnerOutput => !isFailure(t)).map((t) => t.meanNs)
    const truthNs = truths.length ? median(truths) : NaN
    const truthSpread = truths.length > 1 ? (Math.max(...truths) - Math.min(...truths)) / truthNs : NaN
    const report: WorkloadReport = { workload: id, label: w.label, truthNs, truthSpread, rounds, tools: {} }
    for (const tool of opts.tools) report.tools[tool] = summarize(tool, rounds)
    reports.push(report)
  }
  progress('\n', opts)

  // 2. Repeatability on JSON.parse: tools and truth interleaved run by run, so slow drift hits
  //    all alike; the truth's own CV is the machine's noise floor.
  const cvTools = ['truth', ...opts.tools] as const
  const cvRuns: Record<string, number[]> = Object.fromEntries(cvTools.map((t) => [t, []]))
  const cvFailures: Failure[] = []
  for (let run = 0; run < opts.runs; run++) {
    progress(`repeatability ${CV_WORKLOAD}: run ${run + 1}/${opts.runs}\r`, opts)
    for (const tool of rotation(cvTools, run)) {
      const r = runChild(tool, CV_WORKLOAD, opts.perfspec)
      if (isFailure(r)) cvFailures.push(r)
      else cvRuns[tool]!.push(r.meanNs)
    }
  }
  if (opts.runs > 0) progress('\n', opts)
  const cv = Object.fromEntries(
    cvTools.map((t) => [t, { cv: coefficientOfVariation(cvRuns[t]!), meansNs: cvRuns[t]! }]),
  )
  const wallMedians = Object.fromEntries(
    opts.tools.map((t) => [t, median(reports.flatMap((r) => { const x = r.tools[t]; return x ? [x.wallS] : [] }))]),
  )
  const worst = Object.fromEntries(
    opts.tools.map((t) => {
      const errs = reports.filter((r) => r.workload !== 'empty').flatMap((r) => { const x = r.tools[t]; return x ? [x.error] : [] })
      return [t, errs.reduce((a, e) => (Math.abs(e) > Math.abs(a) ? e : a), 0)]
    }),
  )

  const truthCv = opts.runs > 1 ? cv.truth?.cv : undefined
  if (truthCv !== undefined && truthCv > CV_TARGET) {
    notes.push(`the ground truth's own CV over ${opts.runs} processes was ${fmtPct(truthCv).replace('+', '')}, above the ${CV_TARGET * 100} % target: on this machine no tool's CV can be judged against that target (npx tsx bench/truth-floor.ts shows more of the floor)`)
  }
  const noisy = reports.filter((r) => r.truthSpread > 0.05).map((r) => r.workload)
  if (noisy.length) notes.push(`the ground truth moved by more than 5 % across rounds for ${noisy.join(', ')}: the machine was noisy; errors within that spread say little`)
  const load = os.loadavg()[0]!
  if (load > os.cpus().length * 0.75) notes.push(`1-minute load average at the end was ${load.toFixed(2)} on ${os.cpus().length} cores: other processes competed for the CPU`)

  if (opts.json) {
    const env = { node: process.version, platform: process.platform, arch: process.arch, cpus: os.cpus().length, loadavg: os.loadavg() }
    console.log(JSON.stringify({ env, perfspec: opts.perfspec, rounds: opts.rounds, notes, workloads: reports, worst, wallMedians, repeatability: { workload: CV_WORKLOAD, runs: opts.runs, tools: cv, failures: cvFailures } }, null, 2))
    return
  }

  // Table: per workload, truth and its spread, then per tool the median error and its range.
  const header = ['workload', 'truth ns', 'truth moved']
  for (const t of opts.tools) header.push(`${t} error`, 'range', 'wall s')
  const rows = reports.map((r) => {
    const row = [r.label, fmtNs(r.truthNs), fmtPct(r.truthSpread).replace('+', '')]
    for (const t of opts.tools) {
      const x = r.tools[t]
      if (!x) row.push('failed', '', '')
      else {
        // For the empty function a relative error means little: show the absolute one.
        const err = r.workload === 'empty' ? `${x.errorNs >= 0 ? '+' : ''}${fmtNs(x.errorNs)} ns` : fmtPct(x.error)
        const range = r.workload === 'empty' ? '' : `${fmtPct(x.errorRange[0])} … ${fmtPct(x.errorRange[1])}`
        row.push(err, range, fmtS(x.wallS))
      }
    }
    return row
  })
  console.log(`\nAccuracy vs ground truth (Node ${process.version}, defaults of each tool, median of ${opts.rounds} rounds)\n`)
  console.log(table(header, rows))
  console.log(`\nWorst error other than the empty function: ${opts.tools.map((t) => `${t} ${fmtPct(worst[t]!)}`).join(', ')}`)
  console.log(`Median wall time per benchmark: ${opts.tools.map((t) => `${t} ${fmtS(wallMedians[t]!)} s`).join(', ')}`)
  if (opts.tools.includes('mitata')) console.log('(mitata wall time includes the no-op calibration its run() does first)')
  const perfspecModes = reports.flatMap((r) => { const x = r.tools.perfspec; return x?.mode ? [`${r.workload}=${x.mode}`] : [] })
  if (perfspecModes.length) console.log(`perfspec sampling mode: ${perfspecModes.join(', ')}`)

  if (opts.runs > 0) {
    console.log(`\nRepeatability: ${CV_WORKLOAD}, ${opts.runs} fresh processes per tool (truth: the machine's noise floor)\n`)
    console.log(
      table(
        ['tool', 'CV of mean', 'median ns', 'min ns', 'max ns'],
        cvTools.map((t) => {
          const xs = cvRuns[t]!
          return [t, fmtPct(cv[t]!.cv).replace('+', ''), fmtNs(median(xs)), fmtNs(Math.min(...xs)), fmtNs(Math.max(...xs))]
        }),
      ),
    )
  }

  const failures = [
    ...reports.flatMap((r) => r.rounds.flatMap((x) => [x.truth, ...Object.values(x.tools)]).filter(isFailure)),
    ...cvFailures,
  ]
  for (const f of failures) console.log(`\nFAILED ${f.tool} ${f.workload}: ${f.error}`)
  for (const n of notes) console.log(`\nNote: ${n}`)
  if (failures.length) process.exitCode = 1
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(2)
})
