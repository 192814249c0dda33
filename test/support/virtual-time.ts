import type { Clock } from '../../src/measure/clock'
import type { Scheduler } from '../../src/measure/load/scheduler'

interface Waiter {
  at: number
  seq: number
  resolve: () => void
}

/**
 * A fake clock and scheduler in one: time stands still while any code can still run, and jumps
 * to the earliest pending wake-up only when everything else is idle (checked one `setImmediate`
 * later, after all promise callbacks have drained). A load run over code that waits only through
 * `sleep`/`sleepUntil` is then fully deterministic and takes no real time.
 */
export class VirtualTime implements Clock, Scheduler {
  private time = 0
  private seq = 0
  private readonly waiters: Waiter[] = []
  private pending = false

  now(): number {
    return this.time
  }

  sleep(ms: number): Promise<void> {
    return this.sleepUntil(this.time + ms)
  }

  sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const waiter = { at, seq: this.seq++, resolve }
      // Keep the queue ordered by time, then by arrival, so ties wake in FIFO order.
      let i = this.waiters.length
      while (i > 0 && this.waiters[i - 1]!.at > at) i -= 1
      this.waiters.splice(i, 0, waiter)
      // A cancelled wait leaves the queue: time must not later jump to it.
      signal?.addEventListener('abort', () => {
        const index = this.waiters.indexOf(waiter)
        if (index >= 0) this.waiters.splice(index, 1)
        resolve()
      }, { once: true })
      this.advanceWhenIdle()
    })
  }

  private advanceWhenIdle(): void {
    if (this.pending) return
    this.pending = true
    setImmediate(() => {
      this.pending = false
      const next = this.waiters.shift()
      if (!next) return
      if (next.at > this.time) this.time = next.at
      next.resolve()
      if (this.waiters.length) this.advanceWhenIdle()
    })
  }
}
