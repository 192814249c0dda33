import type { Clock } from '../clock.js'
import type { CallLog } from './call-log.js'
import { callOnce } from './call-once.js'
import type { CallTimeouts } from './call-timeouts.js'
import type { Scheduler } from './scheduler.js'

/** One phase of an open-model run. Times in ms. */
export interface OpenPhase {
  /** Calls started per second. */
  rate: number
  /** How long to keep starting calls. */
  duration: number
  /** Most calls in flight; a scheduled start waits for a free slot beyond it. */
  maxInFlight: number
}

/** What an open-model phase runs on. */
export interface OpenDriver {
  clock: Clock
  /** Waits for each scheduled start; it gives the event loop a turn each time. */
  scheduler: Scheduler
  timeouts: CallTimeouts
  /** Once aborted, no further call starts. */
  signal?: AbortSignal
}

/** A start later than this (ms), or than one arrival interval if shorter, counts as late. */
export const LATE_TOLERANCE = 1

/** Calls an open-model phase starts: one per arrival interval over the duration, at least one. */
export function scheduledCalls(rate: number, duration: number): number {
  return Math.max(1, Math.round((rate * duration) / 1000))
}

/**
 * Open model (k6's constant-arrival-rate): call `i` is scheduled at `start + i / rate` and
 * started then whether or not earlier calls have finished; its latency runs from that scheduled
 * time, so time a call spent waiting for a stalled system (or for a free slot under
 * `maxInFlight`) is part of its latency, and a stall shows in the percentiles. Being measured
 * from the schedule, the latencies need no back-filling of missed samples. Waits for the calls
 * in flight at the end, each for its call timeout at most (counted from its scheduled start).
 */
export async function runOpen(fn: () => unknown, phase: OpenPhase, log: CallLog, driver: OpenDriver): Promise<void> {
  const { clock, scheduler, timeouts, signal } = driver
  const interval = 1000 / phase.rate
  const tolerance = Math.min(LATE_TOLERANCE, interval)
  const count = scheduledCalls(phase.rate, phase.duration)
  const start = clock.now()
  for (let i = 0; i < count && !signal?.aborted; i++) {
    const scheduled = start + i * interval
    await scheduler.sleepUntil(scheduled, signal)
    while (log.inFlight >= phase.maxInFlight && !signal?.aborted) await log.settled()
    if (signal?.aborted) break
    const lateness = clock.now() - scheduled
    if (lateness > tolerance) log.late += 1
    if (lateness > log.maxLateness) log.maxLateness = lateness
    void callOnce(fn, log, clock, scheduled, timeouts)
  }
  await log.drained()
}
