import type { Clock } from '../clock.js'
import type { Scheduler } from './scheduler.js'

/** A call being watched: given up on at `deadline` (ms, clock time) unless it settles first. */
export interface WatchedCall {
  readonly deadline: number
  /** Called once, when the call is given up on. */
  readonly expire: () => void
}

/**
 * Gives up on the calls of a load run that do not settle within `timeout` ms, so that a call
 * that never settles cannot hold the run (or a closed-model worker) forever. One waiter on the
 * scheduler serves all calls: calls are watched in the order they were due, which is the order
 * of their deadlines, so only the oldest needs a timer. A call given up on is abandoned, not
 * cancelled: JavaScript cannot cancel a promise.
 */
export class CallTimeouts {
  private readonly pending = new Set<WatchedCall>()
  private readonly stopped = new AbortController()
  private wake: (() => void) | undefined

  constructor(
    readonly timeout: number,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
  ) {}

  /** Watches a call due at `from` (clock time, ms, not earlier than any call watched before it). */
  watch(from: number, expire: () => void): WatchedCall {
    const call = { deadline: from + this.timeout, expire }
    this.pending.add(call)
    this.wake?.()
    return call
  }

  /** The call settled by itself. */
  settled(call: WatchedCall): void {
    this.pending.delete(call)
  }

  /** Gives up on every call still pending now: the run is being stopped. */
  expireAll(): void {
    for (const call of this.pending) this.give(call)
  }

  /**
   * Watches until {@link stop}. With no call pending it waits for one rather than on the
   * scheduler, so that a virtual clock has no waiter of the watch to jump to. Never rejects.
   */
  async run(): Promise<void> {
    const { signal } = this.stopped
    while (!signal.aborted) {
      const oldest = this.pending.values().next()
      if (oldest.done) {
        await new Promise<void>((resolve) => (this.wake = resolve))
        this.wake = undefined
        continue
      }
      await this.scheduler.sleepUntil(oldest.value.deadline, signal)
      const now = this.clock.now()
      for (const call of this.pending) {
        if (call.deadline > now) break
        this.give(call)
      }
    }
  }

  /** Ends {@link run} and clears its timer. */
  stop(): void {
    this.stopped.abort()
    this.wake?.()
  }

  private give(call: WatchedCall): void {
    this.pending.delete(call)
    call.expire()
  }
}
