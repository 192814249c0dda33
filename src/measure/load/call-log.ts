import type { SampleSet } from '../../analyse/sample-set.js'
import type { Timeline } from './timeline.js'
import { formatDuration } from '../../units/format.js'
import { thrownText } from '../thrown-text.js'

/** Distinct error messages kept per load run; the rest are only counted. */
export const MAX_ERROR_MESSAGES = 5

/**
 * Tallies the calls of one load phase: how many started, finished and failed, how many were in
 * flight at once, and how many started late. Latencies of successful calls go to `samples`
 * (none during warm-up). A failed call is counted, not thrown: under load an error rate is a
 * measurement, and its first few distinct messages are kept to say what went wrong.
 */
export class CallLog {
  started = 0
  /** Calls that settled, successfully or not. */
  completed = 0
  /** Calls that threw, rejected or timed out. */
  failed = 0
  /** Calls given up on because they had not settled within the call timeout (also in `failed`). */
  timedOut = 0
  inFlight = 0
  inFlightPeak = 0
  /** Open model: calls started later than their schedule allowed. */
  late = 0
  /** Open model: the latest start relative to its schedule, ms. */
  maxLateness = 0
  /** Clock reading when the last call settled. */
  lastSettled = Number.NEGATIVE_INFINITY
  readonly messages: string[] = []
  private waiters: Array<() => void> = []

  /**
   * @param samples - receives the latency of each successful call
   * @param timeline - receives each settled call by when it settled (latency over time)
   */
  constructor(
    private readonly samples?: SampleSet,
    private readonly timeline?: Timeline,
  ) {}

  /** Counts a call as started. */
  start(): void {
    this.started += 1
    this.inFlight += 1
    if (this.inFlight > this.inFlightPeak) this.inFlightPeak = this.inFlight
  }

  /** A call finished after `latency` ms; `now` is the clock reading at its end. */
  succeed(latency: number, now: number): void {
    this.samples?.add(Math.max(0, latency))
    this.timeline?.succeed(Math.max(0, latency), now)
    this.settle(now)
  }

  /** A call threw or rejected with `error`. */
  fail(error: unknown, now: number): void {
    this.failed += 1
    const message = thrownText(error, true)
    if (this.messages.length < MAX_ERROR_MESSAGES && !this.messages.includes(message)) this.messages.push(message)
    this.timeline?.fail(now)
    this.settle(now)
  }

  /** A call had not settled `limit` ms after it started (or was due); `now` is the clock reading. */
  timeOut(limit: number, now: number): void {
    this.timedOut += 1
    this.fail(new CallTimeoutError(limit), now)
  }

  /** Resolves when the next call settles: a slot frees for a waiting start. */
  settled(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Resolves once no call is in flight. */
  async drained(): Promise<void> {
    while (this.inFlight > 0) await this.settled()
  }

  private settle(now: number): void {
    this.inFlight -= 1
    this.completed += 1
    this.lastSettled = now
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }
}

/** What a call that did not settle in time is counted as failing with. */
export class CallTimeoutError extends Error {
  override readonly name = 'TimeoutError'
  constructor(limit: number) {
    super(`did not settle within ${formatDuration(limit)} (callTimeout)`)
  }
}
