import { performance } from 'node:perf_hooks'
import type { Clock } from './clock.js'
import { describe } from '../units/argument-error.js'

/**
 * Real time (ms) a custom clock may keep returning the same reading before the bench fails.
 * A fake clock that the measured code advances moves with every call, so a stall this long means
 * a clock that nothing advances; every loop of the measurement waits for time to pass on it.
 */
export const STALLED_CLOCK_LIMIT = 500

/** A custom clock returned a reading no measurement can use; a `TypeError`, as bad input is. */
export class ClockError extends TypeError {}

const ACCEPTED = 'a clock reads milliseconds as a finite number of at least 0 that grows with time, e.g. { now: () => performance.now() }'

/** How {@link guardedClock} reports a reading it refuses. */
export interface ClockGuardOptions {
  /** The real time, ms; injectable for tests. Default `performance.now()`. */
  realNow?: () => number
  /**
   * Told of the refused reading instead of throwing it, after which the clock keeps returning its
   * last good reading: for loops that read the clock in callbacks nobody awaits (a load run's
   * calls and timers), which stop on a signal that this can abort. Default: `now()` throws.
   */
  onFailure?: (error: ClockError) => void
}

/**
 * Wraps a user's {@link Clock} so that a reading the measuring loops cannot use fails the bench
 * at once, with a {@link ClockError} naming the clock and what it returned: a reading that is
 * not a finite number of at least 0 (NaN, a string), one lower than the one before (a clock going
 * backwards), or the same reading for {@link STALLED_CLOCK_LIMIT} ms of real time (a constant).
 * Without it such a clock hangs `bench()`: its loops stop when time has passed, and none does.
 * perfspec's own clock is never wrapped: a check in the timed loop would cost every benchmark.
 *
 * @param clock - the clock the user passed
 * @param name - how messages name it, e.g. `option "clock"` (the bench's failure names the bench)
 */
export function guardedClock(clock: Clock, name: string, options: ClockGuardOptions = {}): Clock {
  const realNow = options.realNow ?? (() => performance.now())
  const label = `${name}${ownName(clock)}`
  let last: number | undefined
  let changedAt = 0
  let repeats = 0
  let failed = false
  const refuse = (message: string): number => {
    const error = new ClockError(`${label}: ${message}`)
    if (!options.onFailure) throw error
    if (!failed) options.onFailure(error)
    failed = true
    return last ?? 0
  }
  return {
    now() {
      if (failed) return last ?? 0
      const t: unknown = clock.now()
      if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) return refuse(`its now() returned ${describe(t)}; ${ACCEPTED}`)
      if (last === undefined || t > last) {
        last = t
        changedAt = realNow()
        repeats = 0
        return t
      }
      if (t < last) return refuse(`its now() went backwards, from ${last} to ${t}; ${ACCEPTED}`)
      repeats += 1
      const still = realNow() - changedAt
      if (still >= STALLED_CLOCK_LIMIT) {
        return refuse(`its now() returned ${t} for ${Math.round(still)} ms of real time (${repeats + 1} readings), so no time passes for the measurement; a fake clock must be advanced by the measured code. ${ACCEPTED[0]!.toUpperCase()}${ACCEPTED.slice(1)}`)
      }
      return t
    },
  }
}

/** ` (FakeClock)`: the clock's class, when it has one worth naming. */
function ownName(clock: Clock): string {
  const name = (clock as { constructor?: { name?: unknown } }).constructor?.name
  return typeof name === 'string' && name !== '' && name !== 'Object' ? ` (${name})` : ''
}
