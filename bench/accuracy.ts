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
 *   --runs N        fresh processes per tool for the repeatability (CV) part on JSON.parse
 *                   (default 8; 0 skips it)
 *   --perfspec P    module exporting perfspec's bench() (default ../src/index.ts from here)
 *   --json          print one JSON document instead of tables
 *
 * Method. Ground truth: a fresh process warms up, then times N calls in a tight loop with one
 * performance.now() pair around the whole loop (N so that the loop lasts >= 200 ms), divided by
 * N; the median of 5 such loops. Every call's result goes to a sink. The truth is taken before
 * and after the tools (two processes) and the lower kept; column ± is the gap between the two. Each tool then measures the
 * same function (bench/workloads.ts) in its own fresh process (bench/accuracy-runner.ts); wall
 * time covers the tool's benchmark call only, not process start-up. Child processes run one at
 * a time, never in parallel: the machine is small and noisy.
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

// --------------------------------------------------------------------------------------------
// Command line

interface Options {
  workloads: string[]
  tools: Tool[]
  runs: number
  perfspec: string
  json: boolean
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    workloads: WORKLOADS.map((w) => w.id),
    tools: [...ALL_TOOLS],
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
        console.log('usage: npx tsx bench/accuracy.ts [--workloads a,b] [--tools perfspec,tinybench,mitata] [--runs N] [--perfspec <path>] [--json]')
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

interface WorkloadReport {
  workload: string
  label: string
  /** Lower of the two ground-truth measurements (before and after the tools), ns per call. */
  truthNs: number
  /** Relative gap between the two ground-truth measurements: a noise indicator. */
  truthSpread: number
  truth: Array<RunnerOutput | Failure>
  tools: Record<string, (RunnerOutput & { errorPct: number; errorNs: number }) | Failure>
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2))
  const notes: string[] = []
  if (opts.tools.includes('perfspec') && !existsSync(opts.perfspec)) {
    notes.push(`perfspec skipped: ${opts.perfspec} does not exist (pass --perfspec <path>)`)
    opts.tools = opts.tools.filter((t) => t !== 'perfspec')
  }

  // 1–3. Ground truth and each tool, per workload.
  const reports: WorkloadReport[] = []
  for (const id of opts.workloads) {
    const w = getWorkload(id)
    // The truth is measured before and after the tools; noise only ever adds time, so the lower
    // of the two is kept, and a large gap between them flags a noisy measurement.
    progress(`${id}: truth`, opts)
    const before = runChild('truth', id, opts.perfspec)
    const results: Array<RunnerOutput | Failure> = []
    for (const tool of opts.tools) {
      progress(`, ${tool}`, opts)
      results.push(runChild(tool, id, opts.perfspec))
    }
    progress(', truth', opts)
    const after = runChild('truth', id, opts.perfspec)
    const truths = [before, after].filter((t): t is RunnerOutput => !isFailure(t))
    const truthNs = truths.length ? Math.min(...truths.map((t) => t.meanNs)) : NaN
    const truthSpread = truths.length === 2 ? Math.abs(truths[0]!.meanNs - truths[1]!.meanNs) / truthNs : NaN
    const report: WorkloadReport = { workload: id, label: w.label, truthNs, truthSpread, truth: [before, after], tools: {} }
    opts.tools.forEach((tool, k) => {
      const r = results[k]!
      report.tools[tool] = isFailure(r)
        ? r
        : { ...r, errorPct: (r.meanNs - truthNs) / truthNs, errorNs: r.meanNs - truthNs }
    })
    progress('\n', opts)
    reports.push(report)
  }

  // 4. Repeatability on JSON.parse: tools interleaved run by run, so slow drift hits all alike.
  const cvRuns: Record<string, number[]> = Object.fromEntries(opts.tools.map((t) => [t, []]))
  const cvFailures: Failure[] = []
  for (let run = 0; run < opts.runs; run++) {
    progress(`repeatability ${CV_WORKLOAD}: run ${run + 1}/${opts.runs}\r`, opts)
    for (const tool of opts.tools) {
      const r = runChild(tool, CV_WORKLOAD, opts.perfspec)
      if (isFailure(r)) cvFailures.push(r)
      else cvRuns[tool]!.push(r.meanNs)
    }
  }
  if (opts.runs > 0) progress('\n', opts)
  const cv = Object.fromEntries(
    opts.tools.map((t) => [t, { cv: coefficientOfVariation(cvRuns[t]!), meansNs: cvRuns[t]! }]),
  )
  const wallMedians = Object.fromEntries(
    opts.tools.map((t) => [
      t,
      median(reports.flatMap((r) => { const x = r.tools[t]; return x && !isFailure(x) ? [x.wallS] : [] })),
    ]),
  )

  const noisy = reports.filter((r) => r.truthSpread > 0.05).map((r) => r.workload)
  if (noisy.length) notes.push(`ground truth moved by more than 5 % between its two measurements for ${noisy.join(', ')}: the machine was noisy, rerun before trusting those rows`)
  const load = os.loadavg()[0]!
  if (load > os.cpus().length * 0.75) notes.push(`1-minute load average at the end was ${load.toFixed(2)} on ${os.cpus().length} cores: other processes competed for the CPU`)

  if (opts.json) {
    const env = { node: process.version, platform: process.platform, arch: process.arch, cpus: os.cpus().length, loadavg: os.loadavg() }
    console.log(JSON.stringify({ env, perfspec: opts.perfspec, notes, workloads: reports, wallMedians, repeatability: { workload: CV_WORKLOAD, runs: opts.runs, tools: cv, failures: cvFailures } }, null, 2))
    return
  }

  // Table: per workload, truth, then per tool mean / error / wall.
  const header = ['workload', 'truth ns', '±']
  for (const t of opts.tools) header.push(`${t} ns`, 'error', 'wall s')
  const rows = reports.map((r) => {
    const row = [r.label, fmtNs(r.truthNs), fmtPct(r.truthSpread).replace('+', '')]
    for (const t of opts.tools) {
      const x = r.tools[t]!
      if (isFailure(x)) row.push('failed', '', '')
      else {
        // For the empty function a relative error means little: show the absolute one too.
        const err = r.workload === 'empty' ? `${fmtPct(x.errorPct)} (${x.errorNs >= 0 ? '+' : ''}${fmtNs(x.errorNs)} ns)` : fmtPct(x.errorPct)
        row.push(fmtNs(x.meanNs), err, fmtS(x.wallS))
      }
    }
    return row
  })
  console.log(`\nAccuracy vs ground truth (Node ${process.version}, defaults of each tool)\n`)
  console.log(table(header, rows))
  console.log(`\nMedian wall time per benchmark: ${opts.tools.map((t) => `${t} ${fmtS(wallMedians[t]!)} s`).join(', ')}`)
  if (opts.tools.includes('mitata')) console.log('(mitata wall time includes the no-op calibration its run() does first)')
  const perfspecModes = reports.flatMap((r) => { const x = r.tools.perfspec; return x && !isFailure(x) && x.mode ? [`${r.workload}=${x.mode}`] : [] })
  if (perfspecModes.length) console.log(`perfspec sampling mode: ${perfspecModes.join(', ')}`)

  if (opts.runs > 0) {
    console.log(`\nRepeatability: ${CV_WORKLOAD}, ${opts.runs} fresh processes per tool\n`)
    console.log(
      table(
        ['tool', 'CV of mean', 'median ns', 'min ns', 'max ns'],
        opts.tools.map((t) => {
          const xs = cvRuns[t]!
          return [t, fmtPct(cv[t]!.cv).replace('+', ''), fmtNs(median(xs)), fmtNs(Math.min(...xs)), fmtNs(Math.max(...xs))]
        }),
      ),
    )
  }

  const failures = [
    ...reports.flatMap((r) => [...r.truth, ...Object.values(r.tools)].filter(isFailure)),
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
