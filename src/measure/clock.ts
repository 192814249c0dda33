import { setImmediate } from 'node:timers'
import { performance } from 'node:perf_hooks'

/**
 * The time source of a benchmark. `now()` returns milliseconds from an arbitrary origin, as
 * `performance.now()` does. Inject a fake clock to drive the sampler deterministically in tests.
 */
export interface Clock {
  /** Current time in milliseconds (fractional), at least 0 and never lower than the reading before. */
  now(): number
}

/** The default clock: `performance.now()`, monotonic with sub-microsecond resolution in Node. */
export const systemClock: Clock = { now: () => performance.now() }

/**
 * Yields to the event loop for one macrotask, so that timers, I/O callbacks and deferred GC work
 * can run between phases of a measurement. perfspec takes its timers from `node:timers` and its
 * clock from `node:perf_hooks`, never from the globals: a test's fake timers
 * (`vi.useFakeTimers()`, `jest.useFakeTimers()`) replace the globals, and a benchmark that waited
 * on them would never finish.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
