import type { BenchResult, LoadInfo } from '../../model/bench-result.js'
import type { SampleSet } from '../../analyse/sample-set.js'
import type { Clock } from '../clock.js'
import type { Probe, SamplerOutcome } from '../sampler.js'
import { throwIfStopped } from '../stop.js'
import { timerOverhead } from '../timer-overhead.js'
import { formatCount as count, formatDuration } from '../../units/format.js'
import { CallLog } from './call-log.js'
import { Timeline } from './timeline.js'
import { callOnce } from './call-once.js'
import { CallTimeouts } from './call-timeouts.js'
import { runClosed } from './closed-model.js'
import { runOpen } from './open-model.js'
import type { Scheduler } from './scheduler.js'

/** How a load run is driven; all times in ms. Exactly one of `concurrency` and `rate` is set. */
export interface LoadPlan {
  /** Closed model: calls kept in flight. */
  concurrency?: number
  /** Open model: calls started per second (with `duration`). */
  rate?: number
  /** Open model: how long to keep starting calls. */
  duration?: number
  /** Open model: most calls in flight. */
  maxInFlight: number
  /** Closed model: the measuring budget. */
  time: number
  /** Warm-up under the same load shape, results discarded; 0 for none. */
  warmup: number
  /** Closed model: at least this many calls are started while measuring. */
  iterations: number
  /** A call not settled this long after it started (closed) or was due (open) is timed out. */
  callTimeout: number
  clock: Clock
  scheduler: Scheduler
  /** Started before the measured phase and stopped after its last call settles. */
  probes?: readonly Probe[]
  /** Once aborted, the run stops starting calls, gives up on those in flight and rejects. */
  signal?: AbortSignal
}

/** What a load run saw, besides the latencies of successful calls fed into the {@link SampleSet}. */
export interface LoadOutcome extends SamplerOutcome {
  /** Settled calls per second over the measured phase. */
  throughput: number
  errors: NonNullable<BenchResult['errors']>
  load: LoadInfo
  /** Things worth saying about the run (a failed cold call, calls that timed out). */
  notes: string[]
}

/** Whether the options ask for a load run rather than one call at a time. */
export function isLoadRun(options: { concurrency?: number; rate?: number }): boolean {
  return options.concurrency !== undefined || options.rate !== undefined
}

/**
 * Runs `fn` under load: one cold call alone, a warm-up under the same load shape, then the
 * measured phase (closed or open model). A call that throws, rejects or does not settle within
 * `callTimeout` is counted, not fatal; only a run in which every call failed is an error, since
 * it measured nothing. Each phase ends at most `callTimeout` after its last start.
 */
export async function runLoad(fn: () => unknown, plan: LoadPlan, samples: SampleSet): Promise<LoadOutcome> {
  const { clock, scheduler, signal } = plan
  throwIfStopped(signal)
  const timeouts = new CallTimeouts(plan.callTimeout, clock, scheduler)
  void timeouts.run()
  const giveUp = () => timeouts.expireAll()
  signal?.addEventListener('abort', giveUp, { once: true })
  try {
    return await runPhases(fn, plan, samples, timeouts)
  } finally {
    signal?.removeEventListener('abort', giveUp)
    timeouts.stop()
  }
}

async function runPhases(fn: () => unknown, plan: LoadPlan, samples: SampleSet, timeouts: CallTimeouts): Promise<LoadOutcome> {
  const { clock, scheduler, signal } = plan
  const open = plan.rate !== undefined
  const driver = { clock, scheduler, timeouts, ...(signal && { signal }) }
  const phase = async (log: CallLog, length: number, minCalls: number) => {
    await (open
      ? runOpen(fn, { rate: plan.rate!, duration: length, maxInFlight: plan.maxInFlight }, log, driver)
      : runClosed(fn, { concurrency: plan.concurrency ?? 1, time: length, minCalls }, log, driver))
    throwIfStopped(signal)
  }
  const limit = formatDuration(plan.callTimeout)

  // The cold call is kept apart from the steady state, and a failure there is only noted: a
  // service often fails its first request while it connects.
  const notes: string[] = []
  const coldLog = new CallLog()
  let first: unknown
  const coldStart = clock.now()
  await callOnce(() => (first = fn()), coldLog, clock, coldStart, timeouts)
  throwIfStopped(signal)
  const cold = clock.now() - coldStart
  if (coldLog.failed) notes.push(`the first (cold) call failed, which is not counted in the error rate: ${coldLog.messages[0]}`)

  const warmupStart = clock.now()
  const warmupLog = new CallLog()
  if (plan.warmup > 0) await phase(warmupLog, plan.warmup, 0)
  const warmupTime = clock.now() - warmupStart
  if (warmupLog.timedOut) notes.push(`${count(warmupLog.timedOut)} warm-up calls did not settle within ${limit} (callTimeout) and were abandoned`)

  const probes = plan.probes ?? []
  for (const probe of probes) await probe.start()
  const length = open ? plan.duration! : plan.time
  const start = clock.now()
  const timeline = new Timeline(start, length)
  const log = new CallLog(samples, timeline)
  await phase(log, length, plan.iterations)
  const sampleTime = clock.now() - start
  for (const probe of probes) await probe.stop(log.completed, sampleTime)

  if (log.completed > 0 && log.failed === log.completed) {
    throw new Error(`all ${count(log.completed)} calls failed under load; first error: ${log.messages[0]}`)
  }
  if (log.timedOut) {
    notes.push(
      `${count(log.timedOut)} of ${count(log.completed)} calls did not settle within ${limit} (callTimeout) and were counted as failed (errors.timedOut); ` +
        'they were abandoned, not cancelled, and may still hold resources',
    )
  }
  const elapsed = Math.max(0, (Number.isFinite(log.lastSettled) ? log.lastSettled : clock.now()) - start)
  const load: LoadInfo = {
    model: open ? 'open' : 'closed',
    ...(open ? { rate: plan.rate!, maxInFlight: plan.maxInFlight } : { concurrency: plan.concurrency ?? 1 }),
    duration: length,
    inFlightPeak: log.inFlightPeak,
    late: log.late,
    maxLateness: log.maxLateness,
    started: log.started,
    completed: log.completed,
    elapsed,
    timeline: timeline.figures(),
  }
  return {
    cold,
    async: first !== null && typeof first === 'object' && typeof (first as { then?: unknown }).then === 'function',
    mode: 'per-call',
    batchSize: 1,
    timerOverhead: timerOverhead(clock),
    warmupTime,
    sampleTime,
    stoppedBy: 'time',
    ops: log.completed,
    throughput: elapsed > 0 ? (log.completed * 1000) / elapsed : Number.POSITIVE_INFINITY,
    errors: { count: log.failed, rate: log.completed > 0 ? log.failed / log.completed : 0, timedOut: log.timedOut, messages: log.messages },
    load,
    notes,
  }
}
