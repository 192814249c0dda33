import { setTimeout } from 'node:timers'
import { statSync } from 'node:fs'
import { keptResult, planAttempts, readsAsRegression, type AttemptContext } from '../compare/attempt-plan.js'
import type { BaselineEntry, BaselineRead } from '../model/baseline.js'
import type { BenchResult } from '../model/bench-result.js'
import type { Environment } from '../model/environment.js'
import type { GateOverride } from '../model/gate.js'
import { baselinePath, readBaselineFile } from './baseline-store.js'
import { entriesOf } from './testbeds.js'
import { readWorkerGate, type WorkerGateConfig } from './worker-config.js'
import { machineFingerprint, machineSpeed } from './environment.js'

// Each worker reads a baseline file once while it is unchanged on disk.
const cache = new Map<string, { mtime: number; read: BaselineRead }>()

/** The baseline entry of one benchmark, as the worker sees it: the file's state and the entry, if any. */
export function lookupBaseline(config: WorkerGateConfig, testFile: string, benchId: string): { fileState: BaselineRead['status']; previous?: BaselineEntry } {
  const path = baselinePath(config.baselineDir, testFile)
  let mtime = -1
  try {
    mtime = statSync(path).mtimeMs
  } catch {
    return { fileState: 'missing' }
  }
  let known = cache.get(path)
  if (!known || known.mtime !== mtime) {
    known = { mtime, read: readBaselineFile(path, testFile) }
    cache.set(path, known)
  }
  const read = known.read
  if (read.status !== 'ok') return { fileState: read.status }
  const entries = entriesOf(read.data, config.testbed)
  const previous = entries.find((e) => e.bench_id === benchId)
  return { fileState: 'ok', ...(previous && { previous }) }
}

/** What {@link settleAgainstBaseline} needs; injectable so that its logic is tested without timing. */
export interface SettleInput {
  first: BenchResult
  config: WorkerGateConfig
  /** The bench's own gate override, and its own `confirm`. */
  override?: false | GateOverride
  confirm?: number
  fileState: BaselineRead['status']
  previous?: BaselineEntry
  /** This machine's fingerprint (without its speed: measured only when needed). */
  environment: Partial<Environment>
  /** This machine's speed reference, measured on demand. */
  speed: () => Environment['speed']
  /** Measures the benchmark again. */
  measure: () => Promise<BenchResult>
  /** Waits between measurements (yields to the event loop). */
  pause: (ms: number) => Promise<void>
}

/**
 * After a benchmark's first measurement: when its baseline is about to be written, measures it
 * again, spread in time, and keeps the fastest; when it reads as a regression against its
 * baseline, measures it again to confirm, stopping at the first measurement that does not.
 * Returns the result to record, carrying what each measurement read.
 */
export async function settleAgainstBaseline(input: SettleInput): Promise<BenchResult> {
  const { config } = input
  const context: AttemptContext = {
    ...(input.override !== undefined && { override: input.override }),
    gate: config.gate,
    update: config.update,
    fileState: input.fileState,
    ...(input.previous && { previous: input.previous }),
    environment: input.environment,
    crossMachine: config.crossMachine,
    confirm: input.confirm ?? config.confirm,
    baselineAttempts: config.baselineAttempts,
  }
  let plan = planAttempts(input.first, context)
  // A suspect against a baseline that knows its machine's speed: compare speeds before confirming.
  if (plan.kind === 'confirm' && input.previous?.environment?.speed) {
    const speed = input.speed()
    if (speed) {
      context.environment = { ...input.environment, speed }
      plan = planAttempts(input.first, context)
    }
  }
  if (plan.kind === 'none') return input.first
  const results = [input.first]
  if (plan.kind === 'baseline') {
    for (let i = 0; i < plan.more; i++) {
      await input.pause(config.pause)
      results.push(await input.measure())
    }
    return keptResult('baseline', results)
  }
  const readings = [readsAsRegression(input.first, context)]
  for (let i = 0; i < plan.more; i++) {
    await input.pause(config.pause)
    const next = await input.measure()
    results.push(next)
    const reading = readsAsRegression(next, context)
    readings.push(reading)
    if (!reading.regressed) break
  }
  return keptResult('confirm', results, readings)
}

/**
 * {@link settleAgainstBaseline} in a test worker: the reporter's config from the environment,
 * the baseline from its file, this machine's fingerprint, and its speed when a suspect needs it.
 * Returns `first` untouched outside a perfspec run.
 */
export async function settleInWorker(
  first: BenchResult,
  bench: { file: string; override?: false | GateOverride; confirm?: number; measure: () => Promise<BenchResult> },
): Promise<BenchResult> {
  const config = readWorkerGate()
  if (!config || bench.override === false) return first
  const { fileState, previous } = lookupBaseline(config, bench.file, first.id)
  return settleAgainstBaseline({
    first,
    config,
    ...(bench.override !== undefined && { override: bench.override }),
    ...(bench.confirm !== undefined && { confirm: bench.confirm }),
    fileState,
    ...(previous && { previous }),
    environment: machineFingerprint(),
    speed: machineSpeed,
    measure: bench.measure,
    // A macrotask boundary first, so timers and I/O of the test run; then the pause itself.
    pause: (ms) => new Promise((done) => setTimeout(done, ms)),
  })
}
