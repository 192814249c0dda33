import { statSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { extraTimeLeft, nextPause } from '../compare/attempt-budget.js'
import { attemptCpu, keptResult, latencyOf, planAttempts, readsAsRegression, SLOW_HOST_PAUSE, SLOW_HOST_RETRIES, wantsFullSpeedAttempt, type AttemptContext } from '../compare/attempt-plan.js'
import type { BaselineEntry, BaselineRead } from '../model/baseline.js'
import type { AttemptLatency, BenchResult } from '../model/bench-result.js'
import { readEnough } from '../compare/read-enough.js'
import type { Environment } from '../model/environment.js'
import type { GateOverride } from '../model/gate.js'
import type { TestTimeBudget } from '../model/test-time.js'
import { hostSpeedProbe, type HostSpeedProbe } from '../measure/host-speed.js'
import { threadCpus, type ThreadCpus } from '../measure/thread-cpu.js'
import { sleepUnlessStopped } from '../measure/stop.js'
import { baselinePath } from './baseline-path.js'
import { readBaselineFile } from './baseline-store.js'
import { entriesOf } from './testbeds.js'
import { readWorkerGate, type WorkerGateConfig } from './worker-config.js'
import { fastestReadingOf } from './fastest-readings.js'
import { machineFingerprint } from './environment.js'

// Each worker reads a baseline file once while it is unchanged on disk.
const cache = new Map<string, { mtime: number; read: BaselineRead }>()

/** The baseline entry of one benchmark, as the worker sees it: the file's state and the entry, if any. */
export function lookupBaseline(config: WorkerGateConfig, testFile: string, benchId: string): { fileState: BaselineRead['status']; previous?: BaselineEntry } {
  const path = baselinePath(config.baselineDir, testFile)
  let mtime = -1
  try {
    mtime = statSync(path).mtimeMs
  } catch {
    // Missing, or a symlink to nothing: its reader says which, as the reporter's will.
    return { fileState: readBaselineFile(path, testFile).status }
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
  /**
   * In a further process of a baseline being written: the lowest readings of this benchmark the
   * processes before it took. Its measurements stop at the first that reads within reach of them
   * (see `readEnough`). Default: every measurement asked for is taken.
   */
  fastest?: AttemptLatency
  /** This machine's fingerprint (without its speed: the reporter compares speeds). */
  environment: Partial<Environment>
  /** Measures the benchmark again. */
  measure: () => Promise<BenchResult>
  /** Waits between measurements (yields to the event loop). */
  pause: (ms: number) => Promise<void>
  /**
   * The test's time limit, when its runner tells: the extra measurements and pauses are fitted
   * into its share of it (fewer measurements, shorter pauses), and take from it what they took.
   * Default: none, every measurement asked for.
   */
  budget?: TestTimeBudget
  /** How long the first measurement took, ms: the estimate of the next ones. Default 0. */
  took?: number
  /** Real time, ms, to time measurements and pauses against the budget. Default `performance.now()`. */
  now?: () => number
  /**
   * Reads how fast the host runs right after each measurement, when more than one is taken: for a
   * new baseline, so that the measurements taken in a slow stretch of the host are known and more
   * are taken (up to {@link SLOW_HOST_RETRIES}) while fewer than two ran at full speed; for a
   * suspect, so that the reporter knows whether any of its measurements ran at full speed.
   * Default: not read.
   */
  host?: Pick<HostSpeedProbe, 'read' | 'best'>
  /**
   * The measuring thread's CPUs: each measurement after the first runs on another CPU than the
   * one before ({@link attemptCpu}), and the thread may run anywhere again afterwards. Default:
   * not moved.
   */
  cpus?: () => Pick<ThreadCpus, 'allowed' | 'last' | 'moveTo' | 'restore'> | undefined
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
    ...(config.recheck && { recheck: true }),
  }
  // The machine's speed is left to the reporter: a test process may read the speed reference
  // faster or slower than the reporter's process that measured the baselines' (under Jest a test
  // file's own module context read it more than 25 % off, and every suspect went unconfirmed).
  const plan = planAttempts(input.first, context)
  if (plan.kind === 'none') return input.first
  const now = input.now ?? (() => performance.now())
  const host = input.host
  // The host's speed right after each measurement (the probe's readings): which measurements of
  // a new baseline to trust, and whether a suspect was ever measured at full speed.
  const hostReadings: number[] = []
  const readHost = (): void => {
    if (!host) return
    const start = now()
    hostReadings.push(host.read())
    if (input.budget) input.budget.spent += now() - start
  }
  readHost()
  // Asked only now: a benchmark measured once costs nothing extra.
  const cpus = input.cpus?.()
  // The CPU each measurement ran on, while the thread can be moved (none moved: not recorded).
  const cpusUsed: Array<number | undefined> = [cpus?.last()]
  let moved = false
  const results = [input.first]
  const readings = [readsAsRegression(input.first, context, context.recheck)]
  const pauses: number[] = []
  let estimate = input.took ?? 0
  // One more measurement after a pause of at most `pause`, when the test's time allows it.
  const measureAgain = async (remaining: number, pause: number): Promise<BenchResult | undefined> => {
    const start = now()
    const wait = nextPause(remaining, pause, estimate, extraTimeLeft(input.budget, start))
    if (wait === undefined) return undefined
    const cpu = cpus && attemptCpu(cpus.allowed, cpusUsed[0], results.length)
    const onCpu = cpu !== undefined && cpus!.moveTo(cpu) === undefined
    if (onCpu) moved = true
    await input.pause(wait)
    const measuring = now()
    const next = await input.measure()
    cpusUsed.push(onCpu ? cpu : cpus?.last())
    const end = now()
    if (input.budget) input.budget.spent += end - start
    estimate = Math.max(estimate, end - measuring)
    pauses.push(wait)
    results.push(next)
    readHost()
    return next
  }
  const slowdowns = (): number[] => hostReadings.map((r) => r / host!.best)
  const pause = plan.kind === 'baseline' ? (config.baselinePause ?? config.pause) : config.pause
  // A further process of a new baseline that read the speed the processes before it found has
  // nothing to add to it but time.
  const enough = (r: BenchResult): boolean => plan.kind === 'baseline' && readEnough(latencyOf(r), input.fastest, config.gate, input.override || undefined)
  let cut = false
  let found = enough(input.first)
  try {
    for (let i = 0; i < plan.more && !found; i++) {
      const next = await measureAgain(plan.more - i, pause)
      // The test's time allows no more: what was measured is kept, and says how many were asked for.
      if (!next) {
        cut = true
        break
      }
      if (plan.kind === 'confirm') {
        const reading = readsAsRegression(next, context, true)
        readings.push(reading)
        if (!reading.regressed) break
      }
      found = enough(next)
    }
    for (let retried = 0; host && plan.kind === 'baseline' && !cut && !found && wantsFullSpeedAttempt(slowdowns(), retried, config.slowHostRetries); retried++) {
      if (!(await measureAgain(1, SLOW_HOST_PAUSE))) break
    }
  } finally {
    if (moved) cpus!.restore()
  }
  const shortest = Math.min(...pauses)
  const known = cpusUsed.every((c) => c !== undefined)
  const extra = { ...(cut && { asked: plan.more + 1 }), ...(shortest < pause && { pause: shortest }), ...(host && { host: slowdowns() }), ...(moved && known ? { cpus: cpusUsed as number[] } : {}) }
  return plan.kind === 'baseline' ? keptResult('baseline', results, undefined, extra) : keptResult('confirm', results, readings, extra)
}

/**
 * {@link settleAgainstBaseline} in a test worker: the reporter's config from the environment,
 * the baseline from its file, this machine's fingerprint, and its speed when a suspect needs it.
 * Returns `first` untouched outside a perfspec run.
 */
export async function settleInWorker(
  first: BenchResult,
  bench: {
    file: string
    override?: false | GateOverride
    confirm?: number
    measure: () => Promise<BenchResult>
    /** How long the first measurement took, ms. */
    took: number
    /** The test's time limit, when known. */
    budget?: TestTimeBudget
    /** Ends a pause early: the test timed out or ended. */
    signal?: AbortSignal
  },
): Promise<BenchResult> {
  const config = readWorkerGate()
  if (!config || bench.override === false) return first
  const { fileState, previous } = lookupBaseline(config, bench.file, first.id)
  const fastest = config.fastest ? fastestReadingOf(config.fastest, bench.file, first.id) : undefined
  return settleAgainstBaseline({
    first,
    config,
    ...(bench.override !== undefined && { override: bench.override }),
    ...(bench.confirm !== undefined && { confirm: bench.confirm }),
    fileState,
    ...(previous && { previous }),
    ...(fastest && { fastest }),
    environment: machineFingerprint(),
    host: hostSpeedProbe(),
    cpus: () => {
      const cpus = threadCpus()
      return typeof cpus === 'string' ? undefined : cpus
    },
    measure: bench.measure,
    took: bench.took,
    ...(bench.budget && { budget: bench.budget }),
    // A macrotask boundary, so timers and I/O of the test run; then the pause itself, ended
    // early when the test times out or ends (the next measurement then stops at once).
    pause: (ms) => sleepUnlessStopped(ms, bench.signal),
  })
}
