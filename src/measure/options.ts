import { argumentError, describe } from '../units/argument-error.js'
import { parseDuration, type Duration } from '../units/duration.js'
import { parseThreshold, type Threshold } from '../units/percent.js'
import { parseWholeNumber } from '../units/whole-number.js'
import { optionsObject, rejectUnknownKeys } from '../units/options-object.js'
import type { GateOverride } from '../model/gate.js'
import { gateMetricList, isGateMetric, type BaselineMetric } from '../model/metrics.js'
import { parseRate, type Rate } from '../units/rate.js'
import type { Clock } from './clock.js'
import type { Scheduler } from './load/scheduler.js'
import type { StoppingRule } from './stopping-rule.js'

export type { BaselineMetric } from '../model/metrics.js'

/** Options of `bench()`. Every one is optional; the defaults give a stable estimate in well under a second. */
export interface BenchOptions {
  /** Sampling budget after warm-up: ms or a duration string, at most `'10min'`. Default `'300ms'`. */
  time?: Duration
  /** Warm-up time before sampling: ms or a duration string (at most `'10min'`), or `false` for none. Default `'100ms'`. */
  warmup?: Duration | false
  /** Minimum number of timing samples, even past `time`: 1 to 1,000,000. Default `10`. */
  iterations?: number
  /**
   * Closed model: calls of an async `fn` kept in flight, each replaced as soon as it settles, for
   * the `time` budget after a `warmup` under the same load, e.g. `50` (at most 100,000). A call
   * that throws, rejects or times out (`callTimeout`) is counted in `result.errors`, not fatal.
   * Throughput is settled calls per second.
   * Default: no load run (one call at a time, and a throw fails the bench).
   */
  concurrency?: number
  /**
   * Open model (k6's constant-arrival-rate): calls started per second on schedule whether or not
   * earlier ones finished, e.g. `'200/s'` (at most `'1M/s'`); needs `duration`. Latency runs from
   * each call's scheduled start, so a stall shows in the percentiles. Errors are counted as with
   * `concurrency`.
   */
  rate?: Rate
  /** Open model: how long to keep starting calls at `rate`, e.g. `'10s'` (ms as a number), at most `'10min'`. */
  duration?: Duration
  /**
   * Open model: most calls in flight at once, 1 to 100,000. A scheduled start beyond it waits for
   * a free slot, is counted in `result.load.late`, and its wait is part of its latency. Default `1000`.
   */
  maxInFlight?: number
  /**
   * Load runs: a call that has not settled this long after it started (closed model) or was due
   * (open model) is counted as failed and timed out (`result.errors.timedOut`, and a warning),
   * and abandoned: JavaScript cannot cancel it, so it may still run. A load run therefore ends at
   * most this long after its last start, even when calls never settle. Ms or a duration string,
   * at most `'10min'`. Default `'10s'`.
   */
  callTimeout?: Duration
  /**
   * Items handled by one call (a batch upload of 100 records: `100`): adds `result.perItem`, with
   * latency per item and items per second beside the per-call figures. A whole number up to
   * `Number.MAX_SAFE_INTEGER`. Default `1`.
   */
  items?: number
  /** Measure CPU time: `true` for this process, `{ pid }` for another process. Default `false`. */
  cpu?: boolean | { pid: number }
  /** Measure bytes allocated per call and retained heap growth. Default `false`. */
  heap?: boolean
  /**
   * This bench's regression gate: `{ metric?, threshold? }` overrides the global one
   * (threshold as `'20%'` or a fraction below 1 such as `0.2`), `false` opts out of baselines. Default: the global gate.
   */
  baseline?: false | { metric?: BaselineMetric; threshold?: Threshold }
  /**
   * Inside a perfspec run: how many more times this bench is measured, after a pause, when it
   * reads as a regression against its baseline; it fails only if every measurement does.
   * A whole number from 0 (off) to 10. Default: the reporter's `confirm` option (2).
   */
  confirm?: number
  /** Called once before the first call (its time is not measured). */
  setup?: () => unknown
  /** Called once after the last call, even when `fn` or `setup` threw. */
  teardown?: () => unknown
  /**
   * Stops the bench once aborted: it rejects with an error naming the bench and the abort's
   * reason, within about 50 ms of measuring (a single call of `fn` is not interrupted; an
   * awaited one is abandoned). Inside Vitest and Jest the test's timeout or end stops a bench
   * as well, without this option. Default: none.
   */
  signal?: AbortSignal
  /**
   * Time source, for tests. Default: `performance.now()`. Its `now()` must return milliseconds, a
   * finite number of at least 0 that never decreases and moves (a fake clock advanced by `fn`
   * does): a reading of NaN or below 0, one going backwards, or the same reading for 0.5 s of real
   * time fails the bench at once with a `TypeError` naming the clock and its reading.
   */
  clock?: Clock
  /**
   * When to stop sampling, for tests. Default: the time budget and a 1 % margin of error.
   * Load runs stop by time (`time` or `duration`) and ignore it.
   */
  stoppingRule?: StoppingRule
  /**
   * Load runs: how to wait for a scheduled time, for tests (with a fake `clock`).
   * Default: `setTimeout`, then a yielding spin for the last millisecond.
   */
  scheduler?: Scheduler
}

/** {@link BenchOptions} checked, with units converted and defaults applied. */
export interface ResolvedBenchOptions {
  time: number
  warmup: number
  iterations: number
  concurrency?: number
  rate?: number
  duration?: number
  maxInFlight: number
  callTimeout: number
  items: number
  cpu: false | 'self' | { pid: number }
  heap: boolean
  baseline?: false | GateOverride
  confirm?: number
  setup?: () => unknown
  teardown?: () => unknown
  signal?: AbortSignal
  clock?: Clock
  stoppingRule?: StoppingRule
  scheduler?: Scheduler
}

const KNOWN = [
  'time', 'warmup', 'iterations', 'concurrency', 'rate', 'duration', 'maxInFlight', 'callTimeout', 'items',
  'cpu', 'heap', 'baseline', 'confirm', 'setup', 'teardown', 'signal', 'clock', 'stoppingRule', 'scheduler',
] as const

/** Default sampling budget, ms. */
export const DEFAULT_TIME = 300
/** Default warm-up, ms. */
export const DEFAULT_WARMUP = 100
/** Default minimum samples. */
export const DEFAULT_ITERATIONS = 10
/** Default call timeout of load runs, ms. */
export const DEFAULT_CALL_TIMEOUT = 10_000
/** Default bound on calls in flight of the open model. */
export const DEFAULT_MAX_IN_FLIGHT = 1000

// Bounds of the numeric options. A budget beyond them is a typo or a test of perfspec (`1e308`),
// not a measurement: refused, rather than a benchmark that runs for days or never returns.
/** Longest `time`, `warmup`, `duration` and `callTimeout`, ms: 10 minutes. */
export const MAX_DURATION = 10 * 60_000
/** Most `iterations` (minimum samples). */
export const MAX_ITERATIONS = 1_000_000
/** Most calls in flight: `concurrency`, `maxInFlight`. */
export const MAX_IN_FLIGHT = 100_000
/** Highest `rate`, calls per second. */
export const MAX_RATE = 1_000_000
/** Highest process id of `cpu: { pid }` (pid_t is a signed 32-bit integer). */
const MAX_PID = 2 ** 31 - 1

/**
 * A duration option (ms or a string) above 0, or at least 0 with `allowZero`, and at most {@link MAX_DURATION}.
 *
 * @param owner - what takes the option, as messages name it: `'bench()'`, `'benchTogether()'`
 */
export function boundedDuration(value: unknown, name: string, example: string, allowZero = false, owner = 'bench()'): number {
  const argument = `${owner} option "${name}"`
  const ms = parseDuration(value, argument)
  if (ms > MAX_DURATION || ms < 0 || (ms === 0 && !allowZero)) throw argumentError(argument, value, `a ${allowZero ? '' : 'positive '}duration of at most '10min', such as ${example}`)
  return ms
}

/** An optional function option (`setup`, `teardown`); a `TypeError` naming `argument` otherwise. */
export function optionalFunction(value: unknown, argument: string): (() => unknown) | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'function') throw argumentError(argument, value, 'a function, e.g. () => db.connect()')
  return value as () => unknown
}

/** The `signal` option: an `AbortSignal`, told by its shape; a `TypeError` naming `owner` otherwise. */
export function signalOption(value: unknown, owner: string): AbortSignal {
  // By shape, not `instanceof`: a test realm (Jest's vm context) may have its own AbortSignal.
  const signal = value as Partial<AbortSignal> | null
  if (!signal || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw argumentError(`${owner} option "signal"`, value, 'an AbortSignal, e.g. AbortSignal.timeout(5000) or controller.signal')
  }
  return value as AbortSignal
}

/** The `clock` option: an object with `now()`; a `TypeError` naming `owner` otherwise. */
export function clockOption(value: unknown, owner: string): Clock {
  if (!value || typeof (value as Clock).now !== 'function') throw argumentError(`${owner} option "clock"`, value, 'an object with a now() method returning milliseconds')
  return value as Clock
}

/** The options that drive a measurement's lifecycle, which `benchTogether()` and `benchScaling()` take as `bench()` does. */
export interface LifecycleOptions {
  /** Called once before the first call (its time is not measured). */
  setup?: () => unknown
  /** Called once after the last call, even when a call or `setup` threw. */
  teardown?: () => unknown
  /** Stops the measurement once aborted, as `bench()`'s `signal` does. Inside Vitest and Jest the test's timeout or end stops it too. Default: none. */
  signal?: AbortSignal
  /**
   * Time source, for tests. Default: `performance.now()`. Checked as it is read: a reading of NaN
   * or below 0, one going backwards, or the same reading for 0.5 s of real time fails at once
   * with a `TypeError` naming the clock and its reading.
   */
  clock?: Clock
}

/**
 * Checks `setup`, `teardown`, `signal` and `clock` in options `o`; returns those given. A
 * `TypeError` naming `owner` and the option otherwise.
 *
 * @param owner - what takes the options, as messages name it: `'benchTogether()'`
 */
export function resolveLifecycleOptions(o: Readonly<Record<string, unknown>>, owner: string): LifecycleOptions {
  const resolved: LifecycleOptions = {}
  const setup = optionalFunction(o.setup, `${owner} option "setup"`)
  const teardown = optionalFunction(o.teardown, `${owner} option "teardown"`)
  if (setup) resolved.setup = setup
  if (teardown) resolved.teardown = teardown
  if (o.signal !== undefined) resolved.signal = signalOption(o.signal, owner)
  if (o.clock !== undefined) resolved.clock = clockOption(o.clock, owner)
  return resolved
}

/** Checks `bench()`'s options; a `TypeError` naming the option and an accepted form otherwise. */
export function resolveBenchOptions(options: unknown): ResolvedBenchOptions {
  const o = optionsObject(options, KNOWN, 'bench()', "{ time: '1s' }")
  const resolved: ResolvedBenchOptions = {
    time: o.time === undefined ? DEFAULT_TIME : boundedDuration(o.time, 'time', "'500ms'"),
    warmup: o.warmup === undefined ? DEFAULT_WARMUP : o.warmup === false ? 0 : boundedDuration(o.warmup, 'warmup', "'100ms'", true),
    iterations: o.iterations === undefined ? DEFAULT_ITERATIONS : parseWholeNumber(o.iterations, 'bench() option "iterations"', 1, MAX_ITERATIONS, '100'),
    maxInFlight: o.maxInFlight === undefined ? DEFAULT_MAX_IN_FLIGHT : parseWholeNumber(o.maxInFlight, 'bench() option "maxInFlight"', 1, MAX_IN_FLIGHT, '500'),
    callTimeout: o.callTimeout === undefined ? DEFAULT_CALL_TIMEOUT : boundedDuration(o.callTimeout, 'callTimeout', "'30s'"),
    items: o.items === undefined ? 1 : parseWholeNumber(o.items, 'bench() option "items"', 1, Number.MAX_SAFE_INTEGER, '100'),
    cpu: resolveCpu(o.cpu),
    heap: o.heap === undefined ? false : booleanOption(o.heap, 'heap'),
    setup: optionalFunction(o.setup, 'bench() option "setup"'),
    teardown: optionalFunction(o.teardown, 'bench() option "teardown"'),
  }
  if (o.concurrency !== undefined) resolved.concurrency = parseWholeNumber(o.concurrency, 'bench() option "concurrency"', 1, MAX_IN_FLIGHT, '50')
  if (o.rate !== undefined) {
    resolved.rate = parseRate(o.rate, 'bench() option "rate"')
    if (resolved.rate <= 0 || resolved.rate > MAX_RATE) throw argumentError('bench() option "rate"', o.rate, "a positive rate of at most '1M/s', such as '200/s'")
    if (o.duration === undefined) throw new TypeError(`perfspec: bench() option "rate" needs "duration" too, e.g. { rate: '200/s', duration: '10s' }`)
    if (o.concurrency !== undefined) throw new TypeError('perfspec: bench() options "rate" and "concurrency" exclude each other: use "rate" for an open model (calls on schedule) or "concurrency" for a closed one')
  }
  if (o.duration !== undefined) {
    if (o.rate === undefined) throw new TypeError(`perfspec: bench() option "duration" goes with "rate", e.g. { rate: '200/s', duration: '10s' }; for a closed model use "time"`)
    resolved.duration = boundedDuration(o.duration, 'duration', "'10s'")
  }
  if (o.maxInFlight !== undefined && o.rate === undefined) {
    throw new TypeError(`perfspec: bench() option "maxInFlight" bounds the open model and goes with "rate", e.g. { rate: '200/s', duration: '10s', maxInFlight: 500 }; under "concurrency" the bound is the concurrency itself`)
  }
  if (o.callTimeout !== undefined && o.rate === undefined && o.concurrency === undefined) {
    throw new TypeError(`perfspec: bench() option "callTimeout" bounds the calls of a load run and goes with "concurrency" or "rate", e.g. { concurrency: 50, callTimeout: '30s' }`)
  }
  if (o.signal !== undefined) resolved.signal = signalOption(o.signal, 'bench()')
  if (o.baseline !== undefined) resolved.baseline = resolveBaseline(o.baseline)
  if (o.confirm !== undefined) resolved.confirm = parseWholeNumber(o.confirm, 'bench() option "confirm"', 0, 10, '2 (0 turns confirmation off)')
  if (o.clock !== undefined) resolved.clock = clockOption(o.clock, 'bench()')
  if (o.stoppingRule !== undefined) {
    if (!o.stoppingRule || typeof (o.stoppingRule as StoppingRule).check !== 'function') throw argumentError('bench() option "stoppingRule"', o.stoppingRule, 'an object with a check(progress) method')
    resolved.stoppingRule = o.stoppingRule as StoppingRule
  }
  if (o.scheduler !== undefined) {
    if (!o.scheduler || typeof (o.scheduler as Scheduler).sleepUntil !== 'function') throw argumentError('bench() option "scheduler"', o.scheduler, 'an object with a sleepUntil(ms) method returning a promise')
    resolved.scheduler = o.scheduler as Scheduler
  }
  return resolved
}

/** A `true`/`false` option; a `TypeError` naming it otherwise. */
export function booleanOption(value: unknown, name: string, owner = 'bench()'): boolean {
  if (typeof value !== 'boolean') throw argumentError(`${owner} option "${name}"`, value, 'true or false')
  return value
}

function resolveCpu(value: unknown): ResolvedBenchOptions['cpu'] {
  if (value === undefined || value === false) return false
  if (value === true) return 'self'
  const pid = value && typeof value === 'object' ? (value as { pid?: unknown }).pid : undefined
  if (typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && pid <= MAX_PID) return { pid }
  throw argumentError('bench() option "cpu"', value, 'true, false or { pid: server.pid }')
}

/** Checks a per-bench or global baseline override. */
export function resolveBaseline(value: unknown): false | GateOverride {
  if (value === false) return false
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw argumentError('bench() option "baseline"', value, "false or { metric: 'p95', threshold: '20%' }")
  }
  rejectUnknownKeys(value, ['metric', 'threshold'], 'bench() baseline')
  const { metric, threshold } = value as Record<string, unknown>
  const out: GateOverride = {}
  if (metric !== undefined) {
    if (!isGateMetric(metric)) throw argumentError('bench() option "baseline.metric"', metric, `one of ${gateMetricList()}`)
    out.metric = metric
  }
  if (threshold !== undefined) out.threshold = parseThreshold(threshold, 'bench() option "baseline.threshold"')
  return out
}

/** Checks `bench()`'s name and function arguments. */
export function checkBenchArguments(name: unknown, fn: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw argumentError('bench() name (first argument)', name, "a non-empty string, e.g. bench('cache.get', () => cache.get('k'))")
  }
  if (typeof fn !== 'function') {
    throw new TypeError(`perfspec: bench("${name}") needs a function as its second argument, e.g. bench('${name}', () => work()); received ${describe(fn)}`)
  }
}
