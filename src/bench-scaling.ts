import type { ScalingEntry } from './model/entries.js'
import type { ScalingPoint, ScalingResult } from './model/scaling.js'
import { buildResult } from './analyse/build-result.js'
import { fitScaling } from './analyse/scaling-fit.js'
import { systemClock } from './measure/clock.js'
import { ClockError, guardedClock } from './measure/clock-guard.js'
import { emptyLoopCost } from './measure/empty-loop-cost.js'
import { prepare, type Prepared } from './measure/sampler.js'
import { resolveScalingOptions, type ScalingOptions } from './measure/scaling-options.js'
import { sampleInRounds } from './measure/scaling-rounds.js'
import { StoppedError, throwIfStopped, unlessStopped } from './measure/stop.js'
import { checkName } from './model/names.js'
import { refuseExtraArguments } from './units/extra-arguments.js'
import { beginMeasurement, failureOf, reserveIds, runLifecycle } from './measure-lifecycle.js'
import { describe } from './units/argument-error.js'
import { formatCount } from './units/format.js'
import { isA, thrownText } from './measure/thrown-text.js'

/** Makes the function to time at one size; its own work (building the input) is not timed. */
export type ScalingFactory = (size: number) => (() => unknown) | Promise<() => unknown>

/** Sizes below this many times the smallest leave neighbouring classes hard to tell apart. */
const WIDE_SPAN = 100

/** The name of one size's result: `sort [n=1,000]`. */
export function sizeName(name: string, size: number): string {
  return `${name} [n=${formatCount(size)}]`
}

function checkArguments(name: unknown, factory: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError(`perfspec: benchScaling() name (first argument) must be a non-empty string, e.g. benchScaling('sort', (n) => { const a = input(n); return () => sort(a) }, { sizes: [100, 1_000, 10_000] }); received ${describe(name)}`)
  }
  if (typeof factory !== 'function') {
    throw new TypeError(`perfspec: benchScaling("${name}") needs a factory as its second argument, a function that takes the size and returns the function to time, e.g. (n) => { const a = input(n); return () => sort(a) }; received ${describe(factory)}`)
  }
}

/** Calls the factory at `size` and checks that it gave a function. */
async function functionAt(factory: ScalingFactory, size: number, signal: AbortSignal | undefined): Promise<() => unknown> {
  let fn: unknown
  try {
    const made = factory(size)
    fn = await (signal ? unlessStopped(Promise.resolve(made), signal) : made)
  } catch (error) {
    throwIfStopped(signal)
    throw new Error(`the factory threw at n=${formatCount(size)}: ${thrownText(error)}`, { cause: error })
  }
  if (typeof fn !== 'function') {
    throw new TypeError(`the factory must return the function to time, e.g. (n) => { const a = input(n); return () => sort(a) }; at n=${formatCount(size)} it returned ${describe(fn)}`)
  }
  return fn as () => unknown
}

/** Runs `step` at `size`, naming the size in what it throws. */
async function atSize<T>(size: number, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    // A stop, or a clock that cannot time, is not about the size.
    if (!isA(error, Error) || isA(error, StoppedError) || isA(error, ClockError)) throw error
    throw new Error(`at n=${formatCount(size)}: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * Measures how the time per call grows with the input size, and fits the growth: the log-log
 * exponent with its interval and the best-fitting class among O(1), O(log n), O(n), O(n log n),
 * O(n²) and O(n³). Assert on it with `expectScaling(r).toBeAtMost('n log n')`.
 *
 * The factory is called once per size, before any timing (its work is not measured; it may be
 * async); the function it returns is timed as `bench()` times one: a cold call, a calibration to
 * per-call or batched timing, and warm-up, for each size. Then every size is sampled in
 * `rounds` short rounds, in a shuffled order each round, so that the machine's slow stretches
 * fall on all sizes alike; the fit removes each round's level and keeps the shape.
 *
 * Inside a test the check is recorded for the report (a per-size table and a chart), with no
 * baseline: how time grows with size holds on any machine. Each size's result has its own id
 * (`<check id> [n=1,000]`) for `expectLatency` and the like.
 *
 * @param name - what the check measures, unique within its test (e.g. `'sort'`)
 * @param factory - given a size, returns the function to time at that size
 * @param options - `sizes` (required), see {@link ScalingOptions}
 * @throws TypeError on bad arguments, or naming the check and the clock when a custom `clock`
 *   cannot time; an `Error` naming the check (and the size) when a factory, a call, `setup` or
 *   `teardown` throws, or the check is stopped (by its `signal`, or its test's timeout or end: a
 *   check cut off is recorded as failed the moment the stop comes)
 */
export async function benchScaling(name: string, factory: ScalingFactory, options: ScalingOptions): Promise<ScalingResult> {
  refuseExtraArguments('benchScaling()', arguments, ['name', 'factory', 'options'])
  checkArguments(name, factory)
  checkName('benchScaling()', name)
  const opts = resolveScalingOptions(options)
  const measurement = beginMeasurement(`benchScaling("${name}")`, [opts.signal])
  // Each size's result gets an id of its own, reserved now like a benchmark's, so that an
  // expectation on one size names it and cannot be taken for another benchmark's.
  const [id, ...sizeIds] = reserveIds(measurement, [name, ...opts.sizes.map((size) => sizeName(name, size))]) as [string, ...string[]]
  // A custom clock is checked as it is read, as bench() checks it: one that cannot time fails the
  // check at once with a TypeError instead of leaving its loops waiting for time to pass.
  const clock = opts.clock ? guardedClock(opts.clock, 'option "clock"') : systemClock
  const signal = measurement.stop.signal

  const measure = async (): Promise<ScalingResult[]> => {
    const fns: Array<() => unknown> = []
    for (const size of opts.sizes) fns.push(await functionAt(factory, size, signal))
    const prepared: Prepared[] = []
    for (const [i, size] of opts.sizes.entries()) prepared.push(await atSize(size, () => prepare(fns[i]!, { warmup: opts.warmup, clock, signal })))
    await prepared[0]!.pause()
    const rounds = await sampleInRounds(prepared, { time: opts.time, rounds: opts.rounds, clock })
    const { times, fit } = fitScaling(opts.sizes, rounds.medians)
    // A fixed count of empty calls, cached per clock: the user's own clock, not this check's guard.
    const loopCost = emptyLoopCost(opts.clock ?? systemClock)
    const points: ScalingPoint[] = opts.sizes.map((size, i) => {
      const p = prepared[i]!
      const measured = rounds.sizes[i]!
      return {
        size,
        time: times[i]!,
        rounds: rounds.medians.map((row) => row[i]!),
        result: buildResult({
          id: sizeIds[i]!,
          name: sizeName(name, size),
          samples: measured.samples,
          ops: measured.ops,
          cold: p.cold,
          sampling: { mode: p.mode, batchSize: p.batchSize, timerOverhead: p.timerOverhead, warmupTime: p.warmupTime, sampleTime: measured.sampleTime, stoppedBy: 'time', async: p.async },
          emptyLoopCost: loopCost,
        }),
      }
    })
    return [{ id, name, points, fit, rounds: opts.rounds, warnings: warningsOf(points, opts.sizes) }]
  }

  const entry: ScalingEntry = { kind: 'scaling', id, name }
  const [result] = await runLifecycle({ measurement, hooks: opts, entries: [entry], failure: failureOf(name, 'benchScaling'), measure })
  return result!
}

/** The check's own warnings: each size's, named by its size, and sizes too close to tell classes apart. */
function warningsOf(points: readonly ScalingPoint[], sizes: readonly number[]): string[] {
  // What bends the curve: a size whose calls read as no work, or as the timer's own cost. The
  // per-size noise and sample count are the interval's to show.
  const bending = (w: string) => w.startsWith('looks optimized away') || w.startsWith('the timer dominates')
  const warnings = points.flatMap((p) => p.result.warnings.filter(bending).map((w) => `n=${formatCount(p.size)}: ${w}`))
  const span = sizes[sizes.length - 1]! / sizes[0]!
  if (span < WIDE_SPAN) {
    warnings.push(`the sizes span a factor of ${Number(span.toPrecision(3))} only: over less than ${WIDE_SPAN}x, neighbouring classes (O(n) and O(n log n)) differ by a few percent, which noise between rounds can hide; widen the sizes`)
  }
  return warnings
}
