import { performance } from 'node:perf_hooks'
import type { TestTimeBudget } from '../model/test-time.js'

/** The real clock of test time budgets, ms: `performance.now()`, which fake timers do not replace when taken from `node:perf_hooks`. */
export function testClock(): number {
  return performance.now()
}

/**
 * A test's time budget, for runner adapters: the test started no earlier than `start` (ms of
 * {@link testClock}; the earliest moment the adapter saw, so the deadline is never late) and
 * times out `timeout` ms later. `undefined` when the test has no timeout (0, `Infinity`) or
 * either is unknown.
 */
export function testTimeBudget(start: number | undefined, timeout: unknown): TestTimeBudget | undefined {
  if (start === undefined || typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) return undefined
  return { timeout, deadline: start + timeout, spent: 0 }
}
