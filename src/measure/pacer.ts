import type { Clock } from './clock.js'

/**
 * Measuring time between two turns of the event loop, ms. Long enough that a turn (tens of µs)
 * costs under 0.1 % of the measuring time, short enough that the runner's timeout, timers and
 * I/O of the test wait at most this long.
 */
export const YIELD_INTERVAL = 50

/**
 * Lets the event loop turn during a long measurement. A synchronous `fn`, or an async one that
 * settles in microtasks, never gives the event loop a turn by itself: timers (a test's timeout
 * among them), I/O and abort signals would wait until the whole benchmark ends. The measuring
 * loops ask {@link due} between samples or calls, never inside a timed region, and {@link pause}
 * when it says so.
 */
export class Pacer {
  private next: number
  private pausing: Promise<void> | undefined

  /**
   * @param clock - the benchmark's clock: with a fake clock the pauses follow fake time
   * @param yieldOnce - gives the event loop one turn (a `setImmediate`, or the load run's scheduler)
   */
  constructor(
    private readonly clock: Clock,
    private readonly yieldOnce: () => Promise<void>,
  ) {
    this.next = clock.now() + YIELD_INTERVAL
  }

  /** Whether a pause is due at the clock reading `now`. */
  due(now: number): boolean {
    return now >= this.next
  }

  /**
   * Gives the event loop a turn. Callers that ask at the same time (the workers of a closed-model
   * load run) share one pause: the event loop turns only once every chain of microtasks waits.
   */
  pause(): Promise<void> {
    this.pausing ??= this.yieldOnce().then(() => {
      this.pausing = undefined
      this.next = this.clock.now() + YIELD_INTERVAL
    })
    return this.pausing
  }
}
