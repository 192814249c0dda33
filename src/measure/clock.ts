import { performance } from 'node:perf_hooks'

/**
 * The time source of a benchmark. `now()` returns milliseconds from an arbitrary origin, as
 * `performance.now()` does. Inject a fake clock to drive the sampler deterministically in tests.
 */
export interface Clock {
  /** Current time in milliseconds (fractional). */
  now(): number
}

/** The default clock: `performance.now()`, monotonic with sub-microsecond resolution in Node. */
export const systemClock: Clock = { now: () => performance.now() }

/**
 * Yields to the event loop for one macrotask, so that timers, I/O callbacks and deferred GC work
 * can run between phases of a measurement.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
