import type { Gate, UpdateMode } from '../model/gate.js'
import { isCI } from './environment.js'
import { updateMode, type ResolvedPerfOptions } from './options.js'
import { projectBaselineDir } from './baseline-folder.js'
import { reportPaths } from './root-paths.js'
import { WORKER_GATE_ENV } from '../model/worker-gate-env.js'
import { launchEnv } from '../measure/launch-env.js'

export { WORKER_GATE_ENV } from '../model/worker-gate-env.js'

/**
 * What a test worker needs to measure a benchmark against its baseline before recording it:
 * set by the perfspec reporter (Vitest or Jest) in the main process before workers start.
 */
export interface WorkerGateConfig {
  /** Folder of this project's baseline files, absolute (its own part of a shared folder, see `projectBaselineDir`). */
  baselineDir: string
  gate: Gate
  update: UpdateMode
  testbed?: string
  /** Further measurements to confirm a regression. */
  confirm: number
  /** Measurements in all when a baseline is written. */
  baselineAttempts: number
  crossMachine: boolean
  /** Pause between the measurements that confirm a regression, ms ({@link ATTEMPT_PAUSE}). */
  pause: number
  /**
   * Pause between the measurements of a baseline being written, ms: {@link ATTEMPT_PAUSE} when
   * this process alone measures it, {@link BACK_TO_BACK_PAUSE} when further processes measure it
   * too (see `baselineProcesses`). Default `pause`.
   */
  baselinePause?: number
  /**
   * Measurements a new baseline may add while the host ran slow (see `wantsFullSpeedAttempt`).
   * Default `SLOW_HOST_RETRIES` (3); none in a further process of a baseline being written.
   */
  slowHostRetries?: number
  /**
   * Set for the workers of a fresh process measuring the run's suspects again: a benchmark's
   * first measurement there is a confirmation (see `readsAsRegression`).
   */
  recheck?: true
  /**
   * Set for the workers of a further process of a baseline being written: the file holding the
   * lowest readings the processes before it took of each benchmark (see `FastestReadings`); a
   * benchmark that reads within reach of them is measured no more there (see `readEnough`).
   */
  fastest?: string
}

/** The config as the environment variable carries it. */
export function encodeWorkerGate(config: WorkerGateConfig): string {
  return JSON.stringify(config)
}

/** The config a reporter left for this worker, or `undefined` outside a perfspec run (or when unreadable). */
export function readWorkerGate(env: NodeJS.ProcessEnv = launchEnv()): WorkerGateConfig | undefined {
  const text = env[WORKER_GATE_ENV]
  if (!text) return undefined
  try {
    const c = JSON.parse(text) as WorkerGateConfig
    return typeof c.baselineDir === 'string' && typeof c.gate?.threshold === 'number' ? c : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether this run is in CI and how it writes baselines: one rule for the workers and the end of
 * the run. `runnerUpdate` is the mode the runner's own flag asked for, if any (see {@link updateMode}).
 */
export function runMode(options: ResolvedPerfOptions, runnerUpdate: UpdateMode | undefined, runnerCi?: boolean): { ci: boolean; update: UpdateMode } {
  const ci = runnerCi ?? isCI()
  return { ci, update: updateMode(options.update, runnerUpdate, ci) }
}

/** Pause between two measurements of one benchmark, ms: long enough for a short slow stretch of the host to pass. */
export const ATTEMPT_PAUSE = 300

/**
 * Pause between the measurements of a baseline being written when further processes measure it
 * too, ms: a turn of the event loop (each measurement still on another CPU). The processes lie
 * tens of seconds apart, which spreads a baseline's measurements in time more than pauses within
 * one process can; the baseline keeps the fastest of all. Writing baselines then costs less time.
 */
export const BACK_TO_BACK_PAUSE = 10

/**
 * How a further process of a baseline being written measures (see `measureBaselinesAgain`): its
 * measurements of a benchmark follow each other {@link BACK_TO_BACK_PAUSE} apart, and none is
 * added while the host ran slow: the run's own process, with its slow-host retries, measured it
 * already.
 */
export const FURTHER_PROCESS_MEASURING = { baselinePause: BACK_TO_BACK_PAUSE, slowHostRetries: 0 } as const satisfies Partial<WorkerGateConfig>

/**
 * What the test workers need to measure each benchmark against its baseline (confirmation,
 * baselines measured several times), for the reporter to hand over before workers start.
 *
 * @throws TypeError naming a report option whose path lies outside the project root, or a
 *   `baselineDir` that cannot hold baselines
 */
export function workerGateConfig(root: string, options: ResolvedPerfOptions, runnerUpdate: UpdateMode | undefined, runnerCi?: boolean): WorkerGateConfig {
  // Both reporters call this once, with the root, before any test runs: the earliest moment an
  // absolute report path outside the project can be refused, rather than after the whole run.
  reportPaths(root, options)
  return {
    baselineDir: projectBaselineDir(root, options.baselineDir, `${options.source} option "baselineDir"`),
    gate: options.gate,
    update: runMode(options, runnerUpdate, runnerCi).update,
    ...(options.testbed !== undefined && { testbed: options.testbed }),
    confirm: options.confirm,
    baselineAttempts: options.baselineAttempts,
    crossMachine: options.crossMachine,
    pause: ATTEMPT_PAUSE,
    baselinePause: options.baselineProcesses > 1 ? BACK_TO_BACK_PAUSE : ATTEMPT_PAUSE,
  }
}
