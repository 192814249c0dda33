/**
 * How repeatable the machine-speed reference (src/measure/speed-reference.ts) is: across fresh
 * processes, which is how baselines get it (one figure per test run), and within one process.
 *
 *   npx tsx bench/speed-reference.ts [--processes N] [--json]
 *
 * Flags:
 *   --processes N   fresh processes, run one after another (default 10, at least 2)
 *   --json          print one JSON document instead of the summary
 *
 * Across processes: each child (bench/speed-reference-runner.ts) measures once with the
 * defaults, as a test run would. Within a process: this process measures 10 times in a row;
 * the first call pays for compilation, as in a child, the later ones run warm.
 * The figure that matters is the CV across processes: a machine 2x faster or slower must stand
 * well outside it, and a ±25 % one mostly.
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { measureSpeedReference, type SpeedReference } from '../src/measure/speed-reference.js'
import { median } from '../src/analyse/median.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(HERE, '..')
const RUNNER = resolve(HERE, 'speed-reference-runner.ts')
const IN_PROCESS_REPEATS = 10

interface Options {
  processes: number
  json: boolean
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { processes: 10, json: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    switch (flag) {
      case '--processes': {
        const n = Number(inline ?? argv[++i])
        if (!Number.isInteger(n) || n < 2) throw new Error('--processes takes a whole number >= 2, e.g. --processes 10')
        opts.processes = n
        break
      }
      case '--json':
        opts.json = true
        break
      case '--help':
      case '-h':
        console.log('usage: npx tsx bench/speed-reference.ts [--processes N] [--json]')
        process.exit(0)
        break
      default:
        throw new Error(`unknown argument "${a}" (try --help)`)
    }
  }
  return opts
}

function runChild(): SpeedReference {
  const res = spawnSync(process.execPath, ['--import', 'tsx', RUNNER], { cwd: ROOT, encoding: 'utf8' })
  const lastLine = res.stdout.trim().split('\n').pop() ?? ''
  if (res.status === 0 && lastLine.startsWith('{')) return JSON.parse(lastLine) as SpeedReference
  const why = (res.stderr || res.stdout || String(res.error ?? `exit ${res.status}`)).trim().split('\n')
  throw new Error(`speed-reference runner failed: ${why.slice(0, 3).join(' | ')}`)
}

function coefficientOfVariation(xs: number[]): number {
  if (xs.length < 2) return NaN
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)
  return Math.sqrt(variance) / mean
}

interface Summary {
  runs: number
  medianNs: number
  cv: number
  maxOverMin: number
  medianElapsedMs: number
  maxElapsedMs: number
  medianSpread: number
  minRounds: number
  /** Per kernel: CV of its median over the runs. */
  kernelCv: Record<string, number>
  ns: number[]
}

function summarize(refs: SpeedReference[]): Summary {
  const ns = refs.map((r) => r.ns)
  const names = Object.keys(refs[0]?.kernels ?? {})
  return {
    runs: refs.length,
    medianNs: median(ns),
    cv: coefficientOfVariation(ns),
    maxOverMin: Math.max(...ns) / Math.min(...ns),
    medianElapsedMs: median(refs.map((r) => r.elapsed)),
    maxElapsedMs: Math.max(...refs.map((r) => r.elapsed)),
    medianSpread: median(refs.map((r) => r.spread)),
    minRounds: Math.min(...refs.map((r) => r.rounds)),
    kernelCv: Object.fromEntries(names.map((k) => [k, coefficientOfVariation(refs.map((r) => r.kernels[k]!))])),
    ns,
  }
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—')

function print(title: string, s: Summary): void {
  console.log(`\n${title}`)
  console.log(`  median ns        ${s.medianNs.toPrecision(3)}`)
  console.log(`  CV of ns         ${pct(s.cv)}`)
  console.log(`  max/min          ${s.maxOverMin.toFixed(3)}`)
  console.log(`  elapsed ms       median ${s.medianElapsedMs.toFixed(1)}, max ${s.maxElapsedMs.toFixed(1)}`)
  console.log(`  spread in a run  median ${pct(s.medianSpread)}; fewest rounds ${s.minRounds}`)
  console.log(`  CV per kernel    ${Object.entries(s.kernelCv).map(([k, cv]) => `${k} ${pct(cv)}`).join(', ')}`)
  console.log(`  ns per run       ${s.ns.map((x) => x.toPrecision(3)).join(' ')}`)
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2))
  const children: SpeedReference[] = []
  for (let i = 0; i < opts.processes; i++) {
    if (!opts.json) process.stderr.write(`process ${i + 1}/${opts.processes}\r`)
    children.push(runChild())
  }
  if (!opts.json) process.stderr.write('\n')
  const inProcess: SpeedReference[] = []
  for (let i = 0; i < IN_PROCESS_REPEATS; i++) inProcess.push(measureSpeedReference())
  const across = summarize(children)
  const within = summarize(inProcess)
  if (opts.json) {
    const env = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg() }
    console.log(JSON.stringify({ env, across, within, children, inProcess }, null, 2))
    return
  }
  console.log(`Speed reference, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`)
  print(`Across ${opts.processes} fresh processes (one measurement each, defaults)`, across)
  print(`Within this process, ${IN_PROCESS_REPEATS} measurements in a row`, within)
  const load = os.loadavg()[0]!
  if (load > os.cpus().length * 0.75) {
    console.log(`\nNote: 1-minute load average was ${load.toFixed(2)} on ${os.cpus().length} cores: other processes competed for the CPU`)
  }
}

try {
  main()
} catch (err: unknown) {
  console.error(err instanceof Error ? err.message : err)
  process.exit(2)
}
