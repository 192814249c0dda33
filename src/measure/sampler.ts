import { SampleSet } from '../analyse/sample-set.js'
import { nextMacrotask, systemClock, type Clock } from './clock.js'
import { Pacer } from './pacer.js'
import { throwIfStopped, unlessStopped } from './stop.js'
import { compileBatch, type BatchRunner } from './timing-loop.js'
import { defaultStoppingRule, untilElapsed, type StopReason, type StoppingRule } from './stopping-rule.js'
import { timerOverhead } from './timer-overhead.js'

/** How the sampler is driven; all times in ms. */
export interface SamplerPlan {
  warmup: number
  clock: Clock
  stoppingRule: StoppingRule
  /** Started right before the first sample and stopped right after the last. */
  probes?: readonly Probe[]
  /** Stops the sampling between two samples (or an awaited call) once aborted; see `stop.ts`. */
  signal?: AbortSignal
}

/** Something measured over the sampling phase alongside time (CPU, another process's CPU). */
export interface Probe {
  start(): void | Promise<void>
  /** `ops`: calls made while sampling; `wall`: sampling time, ms. */
  stop(ops: number, wall: number): void | Promise<void>
}

/** What the cold call, the calibration and the warm-up found. */
export interface Calibration {
  /** The first call, ms. */
  cold: number
  async: boolean
  mode: 'per-call' | 'batched'
  batchSize: number
  timerOverhead: number
  warmupTime: number
}

/** What the sampler saw, besides the samples it fed into the {@link SampleSet}. */
export interface SamplerOutcome extends Calibration {
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
/** Share of the warm-up spent choosing the batch size; the rest takes throw-away samples. */
const CALIBRATION_SHARE = 0.5

/** Where the sampling loop puts each sample (per-call ms): a {@link SampleSet}, or one that also keeps a block's samples. */
export type SampleSink = Pick<SampleSet, 'add' | 'count' | 'rme'>

/** What one sampling loop did. */
export interface SamplingRun {
  ops: number
  stoppedBy: StopReason
  /** Time from the first sample's start to the stop, ms. */
  elapsed: number
}

/** Gives the event loop a turn now and then, and stops the loop once the signal aborts. */
interface Breather {
  pacer: Pacer
  signal: AbortSignal | undefined
}

/** Between two samples: a turn of the event loop when one is due, then the stop check. */
async function breathe(breather: Breather): Promise<void> {
  await breather.pacer.pause()
  throwIfStopped(breather.signal)
}

/**
 * The sampling loop, shared by the warm-up and the measurement so that both run the same code:
 * times `batch` calls of `run` at a time and feeds the per-call time to `samples` until `rule`
 * says stop. With a `breather`, the event loop gets a turn between samples now and then.
 */
async function takeSamples(run: BatchRunner, batch: number, overhead: number, samples: SampleSink, rule: StoppingRule, clock: Clock, breather?: Breather): Promise<SamplingRun> {
  const start = clock.now()
  let stoppedBy: StopReason | undefined
  let ops = 0
  while (stoppedBy === undefined) {
    const time = await run(batch)
    ops += batch
    samples.add(Math.max(0, time - overhead) / batch)
    const now = clock.now()
    stoppedBy = rule.check({ elapsed: now - start, samples: samples.count, rme: samples.rme })
    if (stoppedBy === undefined && breather?.pacer.due(now)) await breathe(breather)
  }
  return { ops, stoppedBy, elapsed: clock.now() - start }
}

/** Samples the once-per-process self warm-up takes: about 20 ms in all, most of it before the JIT has compiled the loop. */
const SELF_WARMUP_SAMPLES = 10_000
let selfWarmedUp = false

/**
 * Runs the sampling loop on a function that does nothing, once per process, so that the JIT
 * compiles perfspec's own per-sample code (the loop, the running statistics, the histogram)
 * before the first benchmark rather than during its measurement. On a 2-core machine that
 * compilation runs beside the measured calls and slowed them measurably.
 */
async function warmUpSelf(): Promise<void> {
  if (selfWarmedUp) return
  selfWarmedUp = true
  const run = compileBatch(() => undefined, systemClock, false, { value: undefined })
  const rule = defaultStoppingRule({ time: Number.POSITIVE_INFINITY, minSamples: SELF_WARMUP_SAMPLES, targetRme: Number.POSITIVE_INFINITY, minTime: 0 })
  await takeSamples(run, 1, 0, new SampleSet(), rule, systemClock)
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'
}

/** A function calibrated and warmed up: ready to be sampled, at once or in stretches. */
export interface Prepared extends Calibration {
  /**
   * Samples until `rule` says stop, feeding each per-call time to `samples`; the event loop gets
   * a turn now and then, and the signal is checked between samples.
   */
  take(samples: SampleSink, rule: StoppingRule): Promise<SamplingRun>
  /**
   * Samples for `ms` (at least one sample) without a turn of the event loop in between, so that
   * what is read around it (CPU time) is the block's own: one block of an interleaved measurement.
   * Returns the calls made and the time from the first sample's start to the last one's end, ms.
   */
  takeBlock(samples: SampleSink, ms: number): Promise<{ ops: number; elapsed: number }>
  /**
   * Runs one batch and throws its time away: after other code ran (another size of a scaling
   * check), the first batch pays for caches and branch predictors that code left behind.
   * Resolves to the time it took, ms.
   */
  rewarm(): Promise<number>
  /** Gives the event loop a turn now (timers and deferred work queued meanwhile run), then checks the signal. */
  pause(): Promise<void>
}

/**
 * Makes `fn` ready to sample: one cold call, a calibration that picks per-call or batched timing,
 * and warm-up. `fn`'s errors propagate.
 */
export async function prepare(fn: () => unknown, plan: Pick<SamplerPlan, 'warmup' | 'clock' | 'signal'>): Promise<Prepared> {
  const { clock, signal } = plan
  throwIfStopped(signal)
  await warmUpSelf()
  const overhead = timerOverhead(clock)
  const breather: Breather = { pacer: new Pacer(clock, nextMacrotask), signal }

  const coldStart = clock.now()
  const first = fn()
  let coldEnd = clock.now()
  const async = isThenable(first)
  if (async) {
    // Timed where it settles, so that racing it against the signal adds nothing to it.
    const settled = Promise.resolve(first).then(() => void (coldEnd = clock.now()))
    await (signal ? unlessStopped(settled, signal) : settled)
  }
  const cold = Math.max(0, coldEnd - coldStart - overhead)

  const sink = { value: undefined as unknown }
  const compiled = compileBatch(fn, clock, async, sink)
  // An async batch that never settles must not hold a stopped benchmark: it is raced against the
  // signal, outside the timed region (the batch reads the clock itself).
  const run: BatchRunner = async && signal ? (count) => unlessStopped(compiled(count) as Promise<number>, signal) : compiled

  // Calibrate during the first half of the warm-up: grow the batch until one lasts
  // TARGET_SAMPLE_TIME, and keep re-estimating the cost of a call as the JIT optimises `fn`, so
  // that a slow first (interpreted) batch does not decide the mode. The estimate is the lowest
  // of the last few rounds, so one GC pause cannot inflate it either.
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
    } else if (round >= MIN_CALIBRATION_ROUNDS && clock.now() - warmupStart >= plan.warmup * CALIBRATION_SHARE) break
    if (breather.pacer.due(clock.now())) await breathe(breather)
  }
  const perCall = Math.min(...recent)
  const mode = perCall >= PER_CALL_THRESHOLD ? 'per-call' : 'batched'
  batch = mode === 'per-call' ? 1 : Math.min(MAX_BATCH, Math.max(1, Math.ceil((TARGET_SAMPLE_TIME / Math.max(perCall, 1e-9)) * (1 - 1e-9))))
  // The rest of the warm-up takes samples exactly as the measurement will, and throws them
  // away: perfspec's own sampling code (statistics, histogram, stopping rule) is then compiled
  // before the first kept sample. Otherwise the JIT compiles it during the measurement, and on a
  // small machine that background work slows the measured calls.
  const rest = plan.warmup - (clock.now() - warmupStart)
  if (rest > 0) await takeSamples(run, batch, overhead, new SampleSet(), untilElapsed(rest), clock, breather)
  const warmupTime = clock.now() - warmupStart
  return {
    cold,
    async,
    mode,
    batchSize: batch,
    timerOverhead: overhead,
    warmupTime,
    take: (samples, rule) => takeSamples(run, batch, overhead, samples, rule, clock, breather),
    takeBlock: async (samples, ms) => {
      const { ops, elapsed } = await takeSamples(run, batch, overhead, samples, untilElapsed(ms), clock)
      return { ops, elapsed }
    },
    rewarm: async () => {
      const start = clock.now()
      await run(batch)
      const elapsed = clock.now() - start
      if (breather.pacer.due(clock.now())) await breathe(breather)
      return elapsed
    },
    pause: () => breathe(breather),
  }
}

/**
 * Samples `fn`: {@link prepare}, then samples until the stopping rule says enough. Each sample is
 * a per-call time (ms) with the clock's own cost removed, fed to `samples`. `fn`'s errors propagate.
 */
export async function sample(fn: () => unknown, plan: SamplerPlan, samples: SampleSet): Promise<SamplerOutcome> {
  const prepared = await prepare(fn, plan)
  // Let timers and deferred work queued during warm-up run before the first sample.
  await prepared.pause()

  const probes = plan.probes ?? []
  for (const probe of probes) await probe.start()
  const { ops, stoppedBy, elapsed: sampleTime } = await prepared.take(samples, plan.stoppingRule)
  for (const probe of probes) await probe.stop(ops, sampleTime)
  const { cold, async, mode, batchSize, timerOverhead: overhead, warmupTime } = prepared
  return {
    cold,
    async,
    mode,
    batchSize,
    timerOverhead: overhead,
    warmupTime,
    sampleTime,
    stoppedBy,
    ops,
  }
}
