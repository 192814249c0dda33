/**
 * One measurement in one fresh process, for bench/accuracy.ts (which spawns it; you rarely run
 * it by hand):
 *
 *   npx tsx bench/accuracy-runner.ts <truth|perfspec|tinybench|mitata> <workload> [--perfspec <path>]
 *
 * Prints one line of JSON on stdout (the last line):
 *   { tool, workload, meanNs, samples, wallS, ...tool-specific fields }
 * `meanNs` is the tool's reported mean time per call in nanoseconds; `wallS` is the wall time of
 * the tool's benchmark call (not process start-up). Every tool runs with its default options.
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { getWorkload, type Workload } from './workloads.js'
import { median } from '../src/analyse/median.js'

export const DEFAULT_PERFSPEC = resolve(dirname(fileURLToPath(import.meta.url)), '../src/index.ts')

export interface RunnerOutput {
  tool: string
  workload: string
  /** Reported mean time per call, ns. */
  meanNs: number
  /** Timing samples the tool took (for `truth`: the repetitions). */
  samples: number
  /** Wall time of the tool's benchmark call, s. */
  wallS: number
  [extra: string]: unknown
}

// Results land here so no loop can be eliminated as dead code.
let sink: unknown
;(globalThis as { __accuracySink?: unknown }).__accuracySink = undefined

// --------------------------------------------------------------------------------------------
// Ground truth: an amortized tight loop, timed as a whole.

const TRUTH_MIN_LOOP_MS = 200
const TRUTH_REPETITIONS = 5

function loopSync(fn: () => unknown, n: number): number {
  let s: unknown
  const t0 = performance.now()
  for (let i = 0; i < n; i++) s = fn()
  const t1 = performance.now()
  sink = s
  return t1 - t0
}

async function loopAsync(fn: () => unknown, n: number): Promise<number> {
  let s: unknown
  const t0 = performance.now()
  for (let i = 0; i < n; i++) s = await fn()
  const t1 = performance.now()
  sink = s
  return t1 - t0
}


async function groundTruth(w: Workload): Promise<RunnerOutput> {
  const fn = w.make()
  const loop = (n: number) => (w.async ? loopAsync(fn, n) : Promise.resolve(loopSync(fn, n)))
  const t0 = performance.now()
  // Calibrate N by doubling until one loop lasts >= 200 ms; these loops are also the warm-up.
  let n = 1_000
  let ms = await loop(n)
  while (ms < TRUTH_MIN_LOOP_MS) {
    n = ms > 0 ? Math.max(n * 2, Math.ceil((n * TRUTH_MIN_LOOP_MS * 1.2) / ms)) : n * 10
    ms = await loop(n)
  }
  await loop(n) // one more full-length warm-up loop at the final N
  const perCallNs: number[] = []
  for (let r = 0; r < TRUTH_REPETITIONS; r++) perCallNs.push(((await loop(n)) / n) * 1e6)
  const wallS = (performance.now() - t0) / 1e3
  return {
    tool: 'truth',
    workload: w.id,
    meanNs: median(perCallNs),
    samples: TRUTH_REPETITIONS,
    wallS,
    callsPerLoop: n,
    repetitionsNs: perCallNs,
  }
}

// --------------------------------------------------------------------------------------------
// The tools, each with default options.

async function runPerfspec(w: Workload, modulePath: string): Promise<RunnerOutput> {
  if (!existsSync(modulePath)) throw new Error(`perfspec module not found: ${modulePath}`)
  const mod = (await import(pathToFileURL(modulePath).href)) as {
    bench: (name: string, fn: () => unknown) => Promise<{
      latency: { mean: number; p50: number }
      samples: number
      sampling?: { mode?: string; stoppedBy?: string; sampleTime?: number; batchSize?: number }
    }>
  }
  if (typeof mod.bench !== 'function') throw new Error(`${modulePath} does not export bench()`)
  const fn = w.make()
  const t0 = performance.now()
  const r = await mod.bench(w.id, fn)
  const wallS = (performance.now() - t0) / 1e3
  return {
    tool: 'perfspec',
    workload: w.id,
    meanNs: r.latency.mean * 1e6,
    samples: r.samples,
    wallS,
    mode: r.sampling?.mode,
    p50Ns: r.latency.p50 * 1e6,
    stoppedBy: r.sampling?.stoppedBy,
    sampleMs: r.sampling?.sampleTime,
    batchSize: r.sampling?.batchSize,
    module: modulePath,
  }
}

async function runTinybench(w: Workload): Promise<RunnerOutput> {
  const { Bench } = await import('tinybench')
  const fn = w.make()
  const t0 = performance.now()
  const b = new Bench()
  b.add(w.id, fn)
  await b.run()
  const wallS = (performance.now() - t0) / 1e3
  const task = b.tasks[0]!
  const r = task.result
  if (r.state !== 'completed') {
    throw new Error(`tinybench task ended in state ${r.state}: ${'error' in r ? String(r.error) : ''}`)
  }
  return {
    tool: 'tinybench',
    workload: w.id,
    meanNs: r.latency.mean * 1e6, // tinybench reports ms
    samples: r.latency.samplesCount,
    wallS,
  }
}

async function runMitata(w: Workload): Promise<RunnerOutput> {
  const { bench, run } = await import('mitata')
  const fn = w.make()
  const t0 = performance.now()
  bench(w.id, fn)
  // 'quiet' prints nothing and returns the trials; run() also times mitata's own no-op
  // calibration first, which is part of what a mitata user waits for.
  const out = await run({ format: 'quiet', throw: true })
  const wallS = (performance.now() - t0) / 1e3
  const stats = out.benchmarks[0]?.runs[0]?.stats
  if (!stats) throw new Error('mitata returned no stats')
  return {
    tool: 'mitata',
    workload: w.id,
    meanNs: stats.avg, // mitata reports ns per iteration
    samples: stats.samples.length,
    wallS,
    p50Ns: stats.p50,
  }
}

// --------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  let perfspecPath = DEFAULT_PERFSPEC
  const i = args.indexOf('--perfspec')
  if (i >= 0) {
    perfspecPath = resolve(args[i + 1] ?? '')
    args.splice(i, 2)
  }
  const [tool, workloadId] = args
  if (!tool || !workloadId) {
    throw new Error('usage: accuracy-runner.ts <truth|perfspec|tinybench|mitata> <workload> [--perfspec <path>]')
  }
  const w = getWorkload(workloadId)
  let out: RunnerOutput
  switch (tool) {
    case 'truth': out = await groundTruth(w); break
    case 'perfspec': out = await runPerfspec(w, perfspecPath); break
    case 'tinybench': out = await runTinybench(w); break
    case 'mitata': out = await runMitata(w); break
    default: throw new Error(`unknown tool "${tool}"`)
  }
  ;(globalThis as { __accuracySink?: unknown }).__accuracySink = sink
  process.stdout.write(`\n${JSON.stringify(out)}\n`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err)
    process.exit(1)
  })
}
