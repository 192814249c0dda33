import type { Clock } from '../clock.js'
import { Pacer } from '../pacer.js'
import type { CallLog } from './call-log.js'
import { callOnce } from './call-once.js'
import type { CallTimeouts } from './call-timeouts.js'
import type { Scheduler } from './scheduler.js'

/** One phase of a closed-model run. Times in ms. */
export interface ClosedPhase {
  /** Calls kept in flight. */
  concurrency: number
  /** How long to keep starting calls. */
  time: number
  /** Keep going past `time` until at least this many calls have started, unless one timed out. */
  minCalls: number
}

/** What a closed-model phase runs on. */
export interface ClosedDriver {
  clock: Clock
  /** Gives the event loop its turns (see {@link Pacer}). */
  scheduler: Scheduler
  timeouts: CallTimeouts
  /** Once aborted, no further call starts. */
  signal?: AbortSignal
}

/**
 * Closed model: `concurrency` workers, each making its next call as soon as its previous one
 * settles (or times out), until the time is up; then waits for the calls in flight, each for
 * its call timeout at most. The arrival rate follows the system's speed, so a stall slows the
 * arrivals instead of showing in the latencies (coordinated omission): use the open model to
 * see stalls. Past `time`, a call that timed out ends the run: waiting for `minCalls` more from
 * a system that hangs would take a call timeout each.
 */
export async function runClosed(fn: () => unknown, phase: ClosedPhase, log: CallLog, driver: ClosedDriver): Promise<void> {
  const { clock, scheduler, timeouts, signal } = driver
  const end = clock.now() + phase.time
  // Calls that settle in microtasks would never let the event loop turn; every worker joins the
  // same pause, since one worker still running microtasks would hold the turn back.
  const pacer = new Pacer(clock, () => scheduler.sleepUntil(clock.now(), signal))
  const goOn = (now: number) => !signal?.aborted && (now < end || (log.started < phase.minCalls && log.timedOut === 0))
  const worker = async () => {
    for (let now = clock.now(); goOn(now); now = clock.now()) {
      if (pacer.due(now)) {
        await pacer.pause()
        continue
      }
      await callOnce(fn, log, clock, now, timeouts)
    }
  }
  await Promise.all(Array.from({ length: phase.concurrency }, worker))
}
