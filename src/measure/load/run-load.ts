import type { BenchResult, LoadInfo } from '../../model/bench-result.js'
import type { SampleSet } from '../../analyse/sample-set.js'
import type { Clock } from '../clock.js'
import type { Probe, SamplerOutcome } from '../sampler.js'
import { timerOverhead } from '../timer-overhead.js'
import { CallLog } from './call-log.js'
import { callOnce } from './call-once.js'
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
  clock: Clock
  scheduler: Scheduler
  /** Started before the measured phase and stopped after its last call settles. */
  probes?: readonly Probe[]
}

/** What a load run saw, besides the latencies of successful calls fed into the {@link SampleSet}. */
export interface LoadOutcome extends SamplerOutcome {
  /** Settled calls per second over the measured phase. */
  throughput: number
  errors: NonNullable<BenchResult['errors']>
  load: LoadInfo
  /** Things worth saying about the run (a failed cold call). */
  notes: string[]
}

/** Whether the options ask for a load run rather than one call at a time. */
export function isLoadRun(options: { concurrency?: number; rate?: number }): boolean {
  return options.concurrency !== undefined || options.rate !== undefined
}

/**
 * Runs `fn` under load: one cold call alone, a warm-up under the same load shape, then the
 * measured phase (closed or open model). A call that throws or rejects is counted, not fatal;
 * only a run in which every call failed is an error, since it measured nothing.
 */
export async function runLoad(fn: () => unknown, plan: LoadPlan, samples: SampleSet): Promise<LoadOutcome> {
  const { clock, scheduler } = plan
  const open = plan.rate !== undefined
  const phase = (log: CallLog, length: number, minCalls: number) =>
    open
      ? runOpen(fn, { rate: plan.rate!, duration: length, maxInFlight: plan.maxInFlight }, log, clock, scheduler)
      : runClosed(fn, { concurrency: plan.concurrency ?? 1, time: length, minCalls }, log, clock)

  // The cold call is kept apart from the steady state, and a failure there is only noted: a
  // service often fails its first request while it connects.
  const notes: string[] = []
  const coldLog = new CallLog()
  let first: unknown
  const coldStart = clock.now()
  await callOnce(() => (first = fn()), coldLog, clock, coldStart)
  const cold = clock.now() - coldStart
  if (coldLog.failed) notes.push(`the first (cold) call failed, which is not counted in the error rate: ${coldLog.messages[0]}`)

  const warmupStart = clock.now()
  if (plan.warmup > 0) await phase(new CallLog(), plan.warmup, 0)
  const warmupTime = clock.now() - warmupStart

  const probes = plan.probes ?? []
  for (const probe of probes) await probe.start()
  const log = new CallLog(samples)
  const length = open ? plan.duration! : plan.time
  const start = clock.now()
  await phase(log, length, plan.iterations)
  const sampleTime = clock.now() - start
  for (const probe of probes) await probe.stop(log.completed, sampleTime)

  if (log.completed > 0 && log.failed === log.completed) {
    throw new Error(`all ${log.completed.toLocaleString('en-US')} calls failed under load; first error: ${log.messages[0]}`)
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
    errors: { count: log.failed, rate: log.completed > 0 ? log.failed / log.completed : 0, messages: log.messages },
    load,
    notes,
  }
}
