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
  /** Sampling budget after warm-up: ms or a duration string. Default `'300ms'`. */
  time?: Duration
  /** Warm-up time before sampling: ms or a duration string, or `false` for none. Default `'100ms'`. */
  warmup?: Duration | false
  /** Minimum number of timing samples, even past `time`. Default `10`. */
  iterations?: number
  /**
   * Closed model: calls of an async `fn` kept in flight, each replaced as soon as it settles, for
   * the `time` budget after a `warmup` under the same load, e.g. `50`. A call that throws or
   * rejects is counted in `result.errors`, not fatal. Throughput is settled calls per second.
   * Default: no load run (one call at a time, and a throw fails the bench).
   */
  concurrency?: number
  /**
   * Open model (k6's constant-arrival-rate): calls started per second on schedule whether or not
   * earlier ones finished, e.g. `'200/s'`; needs `duration`. Latency runs from each call's
   * scheduled start, so a stall shows in the percentiles. Errors are counted as with `concurrency`.
   */
  rate?: Rate
  /** Open model: how long to keep starting calls at `rate`, e.g. `'10s'` (ms as a number). */
  duration?: Duration
  /**
   * Open model: most calls in flight at once. A scheduled start beyond it waits for a free slot,
   * is counted in `result.load.late`, and its wait is part of its latency. Default `1000`.
   */
  maxInFlight?: number
  /**
   * Items handled by one call (a batch upload of 100 records: `100`): adds `result.perItem`, with
   * latency per item and items per second beside the per-call figures. Default `1`.
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
  /** Called once after the last call, even when `fn` threw. */
  teardown?: () => unknown
  /** Time source, for tests. Default: `performance.now()`. */
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
  items: number
  cpu: false | 'self' | { pid: number }
  heap: boolean
  baseline?: false | GateOverride
  confirm?: number
  setup?: () => unknown
  teardown?: () => unknown
  clock?: Clock
  stoppingRule?: StoppingRule
  scheduler?: Scheduler
}

const KNOWN = [
  'time', 'warmup', 'iterations', 'concurrency', 'rate', 'duration', 'maxInFlight', 'items',
  'cpu', 'heap', 'baseline', 'confirm', 'setup', 'teardown', 'clock', 'stoppingRule', 'scheduler',
] as const

/** Default sampling budget, ms. */
export const DEFAULT_TIME = 300
/** Default warm-up, ms. */
export const DEFAULT_WARMUP = 100
/** Default minimum samples. */
export const DEFAULT_ITERATIONS = 10

function positiveInteger(value: unknown, argument: string, example: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw argumentError(argument, value, example)
  return value
}

function optionalFunction(value: unknown, argument: string): (() => unknown) | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'function') throw argumentError(argument, value, 'a function, e.g. () => db.connect()')
  return value as () => unknown
}

/** Checks `bench()`'s options; a `TypeError` naming the option and an accepted form otherwise. */
export function resolveBenchOptions(options: unknown): ResolvedBenchOptions {
  const o = optionsObject(options, KNOWN, 'bench()', "{ time: '1s' }")
  const resolved: ResolvedBenchOptions = {
    time: o.time === undefined ? DEFAULT_TIME : parseDuration(o.time, 'bench() option "time"'),
    warmup: o.warmup === undefined ? DEFAULT_WARMUP : o.warmup === false ? 0 : parseDuration(o.warmup, 'bench() option "warmup"'),
    iterations: o.iterations === undefined ? DEFAULT_ITERATIONS : positiveInteger(o.iterations, 'bench() option "iterations"', 'a whole number ≥ 1, e.g. 100'),
    maxInFlight: o.maxInFlight === undefined ? 1000 : positiveInteger(o.maxInFlight, 'bench() option "maxInFlight"', 'a whole number ≥ 1, e.g. 500'),
    items: o.items === undefined ? 1 : positiveInteger(o.items, 'bench() option "items"', 'a whole number ≥ 1, e.g. 100'),
    cpu: resolveCpu(o.cpu),
    heap: o.heap === undefined ? false : booleanOption(o.heap, 'heap'),
    setup: optionalFunction(o.setup, 'bench() option "setup"'),
    teardown: optionalFunction(o.teardown, 'bench() option "teardown"'),
  }
  if (o.time !== undefined && resolved.time <= 0) throw argumentError('bench() option "time"', o.time, "a positive duration such as '500ms'")
  if (o.concurrency !== undefined) resolved.concurrency = positiveInteger(o.concurrency, 'bench() option "concurrency"', 'a whole number ≥ 1, e.g. 50')
  if (o.rate !== undefined) {
    resolved.rate = parseRate(o.rate, 'bench() option "rate"')
    if (resolved.rate <= 0) throw argumentError('bench() option "rate"', o.rate, "a positive rate such as '200/s'")
    if (o.duration === undefined) throw new TypeError(`perfspec: bench() option "rate" needs "duration" too, e.g. { rate: '200/s', duration: '10s' }`)
    if (o.concurrency !== undefined) throw new TypeError('perfspec: bench() options "rate" and "concurrency" exclude each other: use "rate" for an open model (calls on schedule) or "concurrency" for a closed one')
  }
  if (o.duration !== undefined) {
    if (o.rate === undefined) throw new TypeError(`perfspec: bench() option "duration" goes with "rate", e.g. { rate: '200/s', duration: '10s' }; for a closed model use "time"`)
    resolved.duration = parseDuration(o.duration, 'bench() option "duration"')
    if (resolved.duration <= 0) throw argumentError('bench() option "duration"', o.duration, "a positive duration such as '10s'")
  }
  if (o.maxInFlight !== undefined && o.rate === undefined) {
    throw new TypeError(`perfspec: bench() option "maxInFlight" bounds the open model and goes with "rate", e.g. { rate: '200/s', duration: '10s', maxInFlight: 500 }; under "concurrency" the bound is the concurrency itself`)
  }
  if (o.baseline !== undefined) resolved.baseline = resolveBaseline(o.baseline)
  if (o.confirm !== undefined) resolved.confirm = parseWholeNumber(o.confirm, 'bench() option "confirm"', 0, 10, '2 (0 turns confirmation off)')
  if (o.clock !== undefined) {
    if (!o.clock || typeof (o.clock as Clock).now !== 'function') throw argumentError('bench() option "clock"', o.clock, 'an object with a now() method returning milliseconds')
    resolved.clock = o.clock as Clock
  }
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

function booleanOption(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw argumentError(`bench() option "${name}"`, value, 'true or false')
  return value
}

function resolveCpu(value: unknown): ResolvedBenchOptions['cpu'] {
  if (value === undefined || value === false) return false
  if (value === true) return 'self'
  if (value && typeof value === 'object' && Number.isInteger((value as { pid?: unknown }).pid) && (value as { pid: number }).pid > 0) {
    return { pid: (value as { pid: number }).pid }
  }
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
