import type { SampleSet } from '../analyse/sample-set.js'
import { nextMacrotask, type Clock } from './clock.js'
import { compileBatch } from './loops.js'
import type { StopReason, StoppingRule } from './stopping-rule.js'
import { timerOverhead } from './timer-overhead.js'

/** How the sampler is driven; all times in ms. */
export interface SamplerPlan {
  warmup: number
  clock: Clock
  stoppingRule: StoppingRule
  /** Started right before the first sample and stopped right after the last. */
  probes?: readonly Probe[]
}

/** Something measured over the sampling phase alongside time (CPU, another process's CPU). */
export interface Probe {
  start(): void | Promise<void>
  /** `ops`: calls made while sampling; `wall`: sampling time, ms. */
  stop(ops: number, wall: number): void | Promise<void>
}

/** What the sampler saw, besides the samples it fed into the {@link SampleSet}. */
export interface SamplerOutcome {
  /** The first call, ms. */
  cold: number
  async: boolean
  mode: 'per-call' | 'batched'
  batchSize: number
  timerOverhead: number
  warmupTime: number
  sampleTime: number
  stoppedBy: StopReason
  /** Calls made while sampling. */
  ops: number
}

/**
 * A call at least this long (ms) is timed on its own: the clock's cost is then under ~0.5 % of
 * it and is subtracted anyway. Shorter calls are timed in batches.
 */
export const PER_CALL_THRESHOLD = 0.01
/** Batched samples aim to last this long (ms), so clock cost and jitter amortise to < 0.1 %. */
export const TARGET_SAMPLE_TIME = 0.05
const MAX_BATCH = 1 << 24
/** Batches run before the mode is chosen, even with `warmup: false`. */
const MIN_CALIBRATION_ROUNDS = 3

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'
}

/**
 * Samples `fn`: one cold call, a calibration that picks per-call or batched timing, warm-up,
 * then samples until the stopping rule says enough. Each sample is a per-call time (ms) with
 * the clock's own cost removed, fed to `samples`. `fn`'s errors propagate.
 */
export async function sample(fn: () => unknown, plan: SamplerPlan, samples: SampleSet): Promise<SamplerOutcome> {
  const { clock } = plan
  const overhead = timerOverhead(clock)

  const coldStart = clock.now()
  const first = fn()
  const async = isThenable(first)
  if (async) await first
  const cold = Math.max(0, clock.now() - coldStart - overhead)

  const sink = { value: undefined as unknown }
  const run = compileBatch(fn, clock, async, sink)

  // Calibrate during warm-up: grow the batch until one lasts TARGET_SAMPLE_TIME, and keep
  // re-estimating the cost of a call as the JIT optimises `fn`, so that a slow first
  // (interpreted) batch does not decide the mode. The estimate is the lowest of the last few
  // rounds, so one GC pause cannot inflate it either.
  const warmupStart = clock.now()
  let batch = 1
  const recent: number[] = []
  for (let round = 0; ; round++) {
    const elapsed = await run(batch)
    recent.push(elapsed / batch)
    if (recent.length > 5) recent.shift()
    const longEnough = elapsed >= TARGET_SAMPLE_TIME || batch >= MAX_BATCH
    if (!longEnough) {
      const factor = elapsed > 0 ? Math.min(10, Math.max(2, TARGET_SAMPLE_TIME / elapsed)) : 10
      batch = Math.min(MAX_BATCH, Math.ceil(batch * factor))
    } else if (round >= MIN_CALIBRATION_ROUNDS && clock.now() - warmupStart >= plan.warmup) break
  }
  const perCall = Math.min(...recent)
  const mode = perCall >= PER_CALL_THRESHOLD ? 'per-call' : 'batched'
  batch = mode === 'per-call' ? 1 : Math.min(MAX_BATCH, Math.max(1, Math.ceil((TARGET_SAMPLE_TIME / Math.max(perCall, 1e-9)) * (1 - 1e-9))))
  const warmupTime = clock.now() - warmupStart
  // Let timers and deferred work queued during warm-up run before the first sample.
  await nextMacrotask()

  const probes = plan.probes ?? []
  for (const probe of probes) await probe.start()
  const sampleStart = clock.now()
  let stoppedBy: StopReason | undefined
  let ops = 0
  while (stoppedBy === undefined) {
    const time = await run(batch)
    ops += batch
    samples.add(Math.max(0, time - overhead) / batch)
    stoppedBy = plan.stoppingRule.check({ elapsed: clock.now() - sampleStart, samples: samples.count, rme: samples.rme })
  }
  const sampleTime = clock.now() - sampleStart
  for (const probe of probes) await probe.stop(ops, sampleTime)
  return {
    cold,
    async,
    mode,
    batchSize: batch,
    timerOverhead: overhead,
    warmupTime,
    sampleTime,
    stoppedBy,
    ops,
  }
}
