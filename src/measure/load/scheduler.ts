import { nextMacrotask, type Clock } from '../clock.js'
import { sleepUnlessStopped } from '../stop.js'

/**
 * Waits until a given time on the benchmark's {@link Clock}. The load models start calls through
 * it, so a test can swap real timers for virtual time and drive a whole load run
 * deterministically (see `test/support/virtual-time.ts`).
 */
export interface Scheduler {
  /**
   * Resolves once the clock reads at least `at` (ms, same origin as `Clock.now()`), after at
   * least one turn of the event loop even when `at` has passed; early, once `signal` aborts.
   * Never rejects.
   */
  sleepUntil(at: number, signal?: AbortSignal): Promise<void>
}

/**
 * How long before the target the real scheduler stops trusting `setTimeout` (ms). Node's timers
 * have 1 ms granularity and fire up to about a millisecond late, which would skew an arrival
 * schedule of a few ms per call; the last stretch is covered by re-checking the clock every
 * event-loop turn instead.
 */
export const SPIN_WINDOW = 1

/**
 * The default scheduler: `setTimeout` for the bulk of the wait, then a yielding spin
 * (`setImmediate` turns) for the last {@link SPIN_WINDOW} ms. The spin yields on every turn so
 * that I/O callbacks of calls in flight still run (and are timed) while it waits; the price is
 * some CPU during that last millisecond, which a `cpu: true` load run includes. A target already
 * past still costs one turn: a run behind its schedule must let timers and I/O run too.
 *
 * `clock` must advance by itself (the real clock does): with a frozen fake clock use a fake
 * scheduler as well.
 */
export function timerScheduler(clock: Clock): Scheduler {
  return {
    async sleepUntil(at, signal) {
      const remaining = at - clock.now()
      if (remaining > SPIN_WINDOW) await sleepUnlessStopped(remaining - SPIN_WINDOW, signal)
      do await nextMacrotask()
      while (clock.now() < at && !signal?.aborted)
    },
  }
}
