import { entryId, getTestContext, recordEntry, type TestContext } from './record/context.js'
import { CONCURRENT_WARNING, startMeasuring } from './record/measuring-now.js'
import { outsideTestWarning } from './record/outside-test.js'
import type { RecordEntry } from './model/entries.js'
import { ClockError } from './measure/clock-guard.js'
import { benchFailure, type FailedStage, type StageFailure } from './measure/failure.js'
import { anySignal, StoppedError, throwIfStopped, unlessStopped, type StopSignal } from './measure/stop.js'
import { isA } from './measure/thrown-text.js'

/** Where a measurement that starts now belongs, and what stops it. */
export interface Measurement {
  /**
   * The test it runs in, named when it starts: its entries, and its signal (timeout, end), are
   * this measurement's even if a concurrent test starts meanwhile or the test has ended by the
   * time it records its failure. Reserve its ids in it with `entryId`.
   */
  context: TestContext | undefined
  /** The warning when it runs outside a test under a runner (already printed), else undefined. */
  outside: string | undefined
  /** Its test's signal and the `signals` it was begun with, combined. */
  stop: StopSignal
}

/**
 * Starts a measurement: finds its test, warns when a runner is loaded but no test runs, and
 * combines the signals that may stop it (its test's, and `signals`: its `signal` option, …).
 *
 * @param call - the call as messages name it: `bench("parse")`
 */
export function beginMeasurement(call: string, signals: ReadonlyArray<AbortSignal | undefined>): Measurement {
  const context = getTestContext()
  const outside = context ? undefined : outsideTestWarning(call)
  if (outside) console.warn(`perfspec: ${outside}`)
  return { context, outside, stop: anySignal([...signals, context?.signal]) }
}

/**
 * The ids of a measurement's results in its test ({@link entryId}), reserved now; a name that
 * clashes with another's numbered id throws its `TypeError` with the measurement released.
 */
export function reserveIds(measurement: Measurement, names: readonly string[]): string[] {
  try {
    return names.map((name) => entryId(name, measurement.context))
  } catch (error) {
    measurement.stop.release()
    throw error
  }
}

/** A result with warnings of its own, to which the lifecycle adds its own. */
interface Warned {
  warnings: string[]
}

/** The record of one result, without result or error yet; recorded once, with one or the other. */
type Recorded<R> = RecordEntry & { result?: R; error?: string }

/** What a failed measurement throws, and the message each of its entries records. */
export interface LifecycleFailure {
  error: Error
  /** One per entry, in their order. */
  messages: readonly string[]
}

/** One measurement (a `bench()`, a `benchTogether()`, a `benchScaling()`) from setup to teardown. */
export interface Lifecycle<R extends Warned> {
  /** Where it belongs and what stops it (released at the end). */
  measurement: Measurement
  /** Its `setup` and `teardown` options. */
  hooks: { setup?: () => unknown; teardown?: () => unknown }
  /** Its records, one per result it measures. */
  entries: ReadonlyArray<Recorded<R>>
  /** Measures: one result per entry, in their order. */
  measure: () => Promise<readonly R[]>
  /**
   * What it fails with, given what failed, in order: a stop is a `StoppedError` (or the
   * `ClockError` of a clock that stopped it), thrown in the stage it came in.
   */
  failure: (failures: readonly [StageFailure, ...StageFailure[]]) => LifecycleFailure
}

/**
 * The {@link Lifecycle.failure} of a measurement with one result: `bench "x" failed: …`.
 *
 * @param what - what measures, as the message names it: `'bench'`, `'benchScaling'`
 */
export function failureOf(name: string, what: string): Lifecycle<Warned>['failure'] {
  return (failures) => {
    const { error, message } = benchFailure(name, failures, what)
    return { error, messages: [message] }
  }
}

/**
 * Runs a measurement's lifecycle: `setup`, the measurement, the record of its results (with a
 * warning when another measurement ran in this process meanwhile), then `teardown`, each raced
 * against the stop signal. Returns the results as recorded.
 *
 * The results are recorded before the teardown runs: a teardown that never settles (the test then
 * times out) must not take them along. A measurement that ends after the stop (a heap pass, a last
 * pause) is not a result. A failure at any stage (a teardown that threw too: its results are not
 * ones to gate or keep as a baseline) is recorded instead, even over results already recorded, and
 * thrown. A stop is recorded the moment the signal aborts, synchronously: a runner may send a
 * test's record to its reporter as soon as the test times out or ends (Vitest sends the test's
 * meta then), before the measurement resumes from what it was awaiting.
 */
export async function runLifecycle<R extends Warned>(life: Lifecycle<R>): Promise<R[]> {
  const { context, outside, stop } = life.measurement
  const { signal } = stop
  const { entries } = life
  const recorded = new Set<Recorded<R>>()
  const record = (entry: Recorded<R>) => {
    if (!recorded.has(entry)) recordEntry(entry, context)
    recorded.add(entry)
  }
  const recordFailure = (failures: readonly StageFailure[]): Error => {
    const { error, messages } = life.failure(failures as [StageFailure, ...StageFailure[]])
    entries.forEach((entry, i) => {
      delete entry.result
      entry.error = messages[i]!
      record(entry)
    })
    return error
  }

  const failures: StageFailure[] = []
  let stage: FailedStage = 'setup'
  const onStop = () => void recordFailure([...failures, { stage, error: stopError(signal!.reason) }])
  signal?.addEventListener('abort', onStop, { once: true })
  const measuring = startMeasuring()
  try {
    let results: readonly R[] | undefined
    try {
      await settle(life.hooks.setup, signal)
      stage = 'measure'
      results = await life.measure()
      throwIfStopped(signal)
    } catch (error) {
      failures.push({ stage, error: isA(error, StoppedError) ? stopError(error.reason) : error })
    }
    measuring.end()
    if (failures.length === 0) {
      const warnings = [...(measuring.overlapped() ? [CONCURRENT_WARNING] : []), ...(outside ? [outside] : [])]
      entries.forEach((entry, i) => {
        const result = results![i]!
        entry.result = warnings.length ? { ...result, warnings: [...result.warnings, ...warnings] } : result
        record(entry)
      })
    }
    stage = 'teardown'
    try {
      await settle(life.hooks.teardown, signal)
    } catch (error) {
      failures.push({ stage, error })
    }
  } finally {
    signal?.removeEventListener('abort', onStop)
    stop.release()
  }
  if (failures.length > 0) throw recordFailure(failures)
  return entries.map((entry) => entry.result!)
}

/** What stopped a measurement: a clock it could not use is that clock's error, anything else a stop. */
function stopError(reason: unknown): Error {
  return isA(reason, ClockError) ? reason : new StoppedError(reason)
}

/** Calls a hook, if any, and awaits what it returned, or rejects once `signal` aborts. */
async function settle(hook: (() => unknown) | undefined, signal: AbortSignal | undefined): Promise<void> {
  if (!hook) return
  const done = hook()
  await (signal ? unlessStopped(Promise.resolve(done), signal) : done)
}
