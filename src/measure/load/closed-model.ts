import type { Clock } from '../clock.js'
import type { CallLog } from './call-log.js'
import { callOnce } from './call-once.js'

/** One phase of a closed-model run. Times in ms. */
export interface ClosedPhase {
  /** Calls kept in flight. */
  concurrency: number
  /** How long to keep starting calls. */
  time: number
  /** Keep going past `time` until at least this many calls have started. */
  minCalls: number
}

/**
 * Closed model: `concurrency` workers, each making its next call as soon as its previous one
 * settles, until the time is up; then waits for the calls in flight. The arrival rate follows
 * the system's speed, so a stall slows the arrivals instead of showing in the latencies
 * (coordinated omission): use the open model to see stalls.
 */
export async function runClosed(fn: () => unknown, phase: ClosedPhase, log: CallLog, clock: Clock): Promise<void> {
  const end = clock.now() + phase.time
  const worker = async () => {
    while (clock.now() < end || log.started < phase.minCalls) await callOnce(fn, log, clock, clock.now())
  }
  await Promise.all(Array.from({ length: phase.concurrency }, worker))
}
