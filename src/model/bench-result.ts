/** Latency statistics of one benchmark, in milliseconds per call (`rme` in percent). */
export interface LatencyStats {
  min: number
  max: number
  mean: number
  /** Sample standard deviation, ms. */
  sd: number
  /** Relative margin of error of the mean at 95 % confidence, percent. */
  rme: number
  p50: number
  p75: number
  p90: number
  p95: number
  p99: number
  p999: number
}

import type { BaselineMetric } from './metrics.js'

export type { LatencyStat } from './metrics.js'

/** How the samples were taken. */
export interface SamplingInfo {
  /**
   * `'per-call'`: each sample is one call timed on its own; `'batched'`: each sample times
   * `batchSize` back-to-back calls and records their mean, because a single call is too short
   * for the timer to measure it faithfully.
   */
  mode: 'per-call' | 'batched'
  /** Calls per sample (1 in per-call mode). */
  batchSize: number
  /** What one clock reading costs on this machine, ms; subtracted from every sample. */
  timerOverhead: number
  /** Warm-up time spent before sampling, ms. */
  warmupTime: number
  /** Sampling time, ms. */
  sampleTime: number
  /** Why sampling stopped. */
  stoppedBy: 'precision' | 'time' | 'iterations'
  /** Whether `fn` returned a promise (and was awaited). */
  async: boolean
}

/** What a benchmark measured. Every duration is in milliseconds. */
export interface BenchResult {
  /** Stable id: test file, describe blocks, test name and bench name, joined by ` > `. */
  id: string
  /** The name given to `bench()`. */
  name: string
  /** Timing samples taken; in a load run, the calls that succeeded. */
  samples: number
  /** Calls of `fn` measured (samples × batch size); in a load run, every call that settled, failed ones included. */
  ops: number
  /** Per-call latency, ms. */
  latency: LatencyStats
  /** Calls per second: from the mean latency, or in a load run settled calls over the elapsed time. */
  throughput: { mean: number }
  /** The first call, before warm-up, ms. */
  cold: number
  /** How the samples were taken. */
  sampling: SamplingInfo
  /** Things that make the figures doubtful, in words a user can act on. */
  warnings: string[]
  /** The latency distribution, HdrHistogram compressed base64 of picoseconds. */
  histogram: string
  /**
   * Failed calls under `concurrency`/`rate`: how many, their fraction of the calls that settled,
   * how many of them failed by not settling within `callTimeout` (`timedOut`), and the first few
   * distinct messages (`'Error: ECONNRESET'`, `'TimeoutError: did not settle within 10.0s (callTimeout)'`).
   */
  errors?: { count: number; rate: number; timedOut?: number; messages?: string[] }
  /** How a load run (`concurrency`, or `rate` + `duration`) went. */
  load?: LoadInfo
  /** Per-item figures when each call handles `items` > 1 items (a batch). */
  perItem?: PerItemStats
  /** CPU time while sampling (`cpu` option): user and system ms, ms per call, fraction of one core. */
  cpu?: { user: number; system: number; perOp: number; utilization: number }
  /**
   * Heap figures (`heap` option): bytes allocated per call (garbage included; the median of
   * `readings` readings), and heap retained after full collections at the end of the measurement
   * minus at its start, in bytes.
   */
  heap?: { bytesPerOp: number; growth: number; readings?: number }
  /**
   * The machine while this was measured: CPU used by other processes, in cores (1: another
   * process kept one core busy throughout).
   */
  host?: { otherCores: number }
  /** When the benchmark was measured more than once in this run: why, and what each measurement read. */
  attempts?: BenchAttempts
  /** Results of `benchTogether()`: how this one was measured alternating with the others of its call. */
  together?: TogetherInfo
}

/**
 * How a result of `benchTogether()` was measured: in rounds, each running one block of every
 * function of the call in an order drawn at random (reversed the next round). The per-round
 * figures of the results of one call are aligned: index i of each is round i.
 */
export interface TogetherInfo {
  /** The same for every result of one `benchTogether()` call, and for no other result. */
  group: string
  /** Ids of the other results of the call. */
  others: string[]
  /** Target length of a block, ms. */
  block: number
  /** Per round, this function's block: the median and the mean of its samples (ms per call), and with `cpu` its CPU time per call (ms). */
  rounds: { p50: number[]; mean: number[]; cpu?: number[] }
  /** With `heap`: bytes allocated per call, one reading per heap round. */
  heapRounds?: number[]
}

/** The statistics kept of each measurement of a benchmark measured more than once, ms. */
export type AttemptLatency = Pick<LatencyStats, BaselineMetric>

/**
 * A benchmark measured several times, spread in time, within one run:
 * - `'baseline'`: its baseline was about to be written, so it was measured several times and the
 *   fastest by typical call (p50) is the result; the spread between them goes into the baseline;
 * - `'confirm'`: its first measurement read beyond the threshold against its baseline, so it was
 *   measured again; a regression only if every measurement reads as one.
 */
export interface BenchAttempts {
  purpose: 'baseline' | 'confirm'
  /** Each measurement's statistics, in the order taken. */
  latency: AttemptLatency[]
  /** `'confirm'`: each measurement's change of the gated metric against the baseline (fractions). */
  changes?: number[]
  /** `'confirm'`: how many of the measurements read as a regression. */
  regressed?: number
  /**
   * `'confirm'`: the measurements (indices into `latency`) that counted as a regression by their
   * whole distribution while their gated metric alone did not (see `readsAsRegression`), when any did.
   */
  throughout?: number[]
  /** Which measurement is this result (index into `latency`). */
  kept: number
  /**
   * Measurements asked for (the first included), when the test's timeout left time for fewer:
   * `latency` holds those taken.
   */
  asked?: number
  /** The shortest pause between two measurements, ms, when the test's timeout made it shorter than the configured one. */
  pause?: number
  /**
   * Per measurement, how much slower the host ran right after it than at its best on this
   * machine lately (1 is full speed; 1.4 means a fixed probe ran 1.4 times slower), as read by
   * the host-speed probe: the measurements a baseline trusts, and whether a confirmed regression
   * was measured at full speed at least once.
   */
  host?: number[]
  /**
   * Per measurement, the CPU the measuring thread ran on (Linux), when perfspec moved it: each
   * measurement after the first runs on another CPU than the one before, since one virtual CPU
   * of a shared machine can run slow for seconds while another runs at full speed.
   */
  cpus?: number[]
  /**
   * `'confirm'`: the index in `latency` of the first measurement taken in a fresh process (the
   * runner started again, after the run, on the benchmark's test alone); those from it on were.
   * A regression confirmed in one process may be that process's own (where its code and data
   * landed in memory, how its JIT compiled them): another process tells slower code from that.
   */
  fresh?: number
  /** `'confirm'`: how many fresh processes measured it, one after another, when more than one. */
  freshProcesses?: number
  /** `'confirm'`: why the confirmed regression could not be measured again in a fresh process, when it could not. */
  freshProblem?: string
  /**
   * `'baseline'`: when it was measured in several processes (the run's own, then fresh ones, see
   * the `baselineProcesses` option), the index in `latency` of each process's first measurement
   * (the first is 0).
   */
  processes?: number[]
  /**
   * `'baseline'`: when fewer processes measured it than asked for, how many were asked (the
   * run's own included) and why the others gave no measurement it could use.
   */
  processesShort?: { asked: number; problem: string }
}

/** Parameters and counts of a load run. Times in ms. */
export interface LoadInfo {
  /** `'closed'`: `concurrency` calls kept in flight; `'open'`: calls started on a schedule at `rate`. */
  model: 'closed' | 'open'
  /** Closed model: calls kept in flight. */
  concurrency?: number
  /** Open model: calls started per second. */
  rate?: number
  /** Measured phase: the `time` budget (closed) or `duration` (open), ms. */
  duration: number
  /** Open model: the bound on calls in flight. */
  maxInFlight?: number
  /** Most calls in flight at once while measuring. */
  inFlightPeak: number
  /** Open model: calls started later than scheduled (by over 1 ms, or one arrival interval if shorter). */
  late: number
  /** Open model: the latest start relative to its schedule, ms. */
  maxLateness: number
  /** Calls started while measuring. */
  started: number
  /** Calls that settled (succeeded or failed) while measuring. */
  completed: number
  /** From the first start to the last call settling, ms: throughput is `completed` over it. */
  elapsed: number
  /** The measured phase in equal windows of time: latency and calls over time. */
  timeline?: LoadWindow[]
}

/** One window of a load run's measured phase. Times in ms. */
export interface LoadWindow {
  /** When the window starts, from the start of the phase, ms. */
  start: number
  /** Calls that succeeded in it, and calls that failed. */
  calls: number
  errors: number
  /** Mean and 95th percentile latency of its successful calls, ms; absent when it had none. */
  mean?: number
  p95?: number
}

/** Per-item figures of a batch operation (`items` option): per-call figures divided among the items. */
export interface PerItemStats {
  /** Items handled by one call. */
  items: number
  /** Latency per item (per-call latency / items), ms. */
  latency: { mean: number; p50: number; p95: number; p99: number }
  /** Items per second. */
  throughput: { mean: number }
}
