import { entryId, getTestContext, recordEntry, type TestContext } from './record/context.js'
import { CONCURRENT_WARNING, startMeasuring } from './record/measuring-now.js'
import { outsideTestWarning } from './record/outside-test.js'
import type { RecordEntry } from './model/entries.js'
import { benchFailure, type FailedStage, type StageFailure } from './measure/failure.js'
import { anySignal, unlessStopped, type StopSignal } from './measure/stop.js'

/** Where a measurement that starts now belongs, and what stops it. */
export interface Measurement {
  /**
   * The test it runs in, named when it starts: its entries, and its signal (timeout, end), are
   * this measurement's even if a concurrent test starts meanwhile or the test has ended by the
   * time it records its failure.
   */
  context: TestContext | undefined
  /** Its id (see `entryId`). */
  id: string
  /** The warning when it runs outside a test under a runner (already printed), else undefined. */
  outside: string | undefined
  /** Its `signal` option and its test's, combined. */
  stop: StopSignal
}

/**
 * Starts a measurement named `name`: finds its test, reserves its id, warns when a runner is
 * loaded but no test runs, and combines the signals that may stop it.
 *
 * @param call - the call as messages name it: `bench("parse")`
 */
export function beginMeasurement(call: string, name: string, signal: AbortSignal | undefined): Measurement {
  const context = getTestContext()
  const outside = context ? undefined : outsideTestWarning(call)
  if (outside) console.warn(`perfspec: ${outside}`)
  return { context, id: entryId(name, context), outside, stop: anySignal([signal, context?.signal]) }
}

/** A measurement with warnings of its own, to which the lifecycle adds its own. */
interface Warned {
  warnings: string[]
}

/** One measurement (a `bench()`, a `benchScaling()`) from setup to teardown. */
export interface Lifecycle<R extends Warned> {
  /** The name given by the user, for the failure's message. */
  name: string
  /** What measures, for the failure's message: `'bench'`, `'benchScaling'`. */
  what: string
  /** Its `setup` and `teardown` options. */
  hooks: { setup?: () => unknown; teardown?: () => unknown }
  /** Where it belongs and what stops it (released at the end). */
  measurement: Measurement
  /** Its record, without result or error yet; recorded once, with one or the other. */
  entry: RecordEntry & { result?: R; error?: string }
  measure: () => Promise<R>
}

/**
 * Runs a measurement's lifecycle: `setup`, the measurement, the record of its result (with a
 * warning when another measurement ran in this process meanwhile), then `teardown`, each raced
 * against the stop signal. The result is recorded before the teardown runs: a teardown that never
 * settles (the test then times out) must not take it along. A failure at any stage (a teardown
 * that threw too: its result is not one to keep) is recorded instead, and thrown as an error
 * naming the measurement and every stage that failed.
 */
export async function runLifecycle<R extends Warned>(life: Lifecycle<R>): Promise<R> {
  const { context, outside, stop } = life.measurement
  const signal = stop.signal
  const settle = async (step: (() => unknown) | undefined) => {
    if (!step) return
    const done = step()
    await (signal ? unlessStopped(Promise.resolve(done), signal) : done)
  }
  let result: R | undefined
  const failures: StageFailure[] = []
  let stage: FailedStage = 'setup'
  const measuring = startMeasuring()
  try {
    await settle(life.hooks.setup)
    stage = 'measure'
    result = await life.measure()
  } catch (error) {
    failures.push({ stage, error })
  }
  measuring.end()
  const { entry } = life
  if (failures.length === 0) {
    const warnings = [...(measuring.overlapped() ? [CONCURRENT_WARNING] : []), ...(outside ? [outside] : [])]
    if (warnings.length) result = { ...result!, warnings: [...result!.warnings, ...warnings] }
    entry.result = result!
    recordEntry(entry, context)
  }
  try {
    await settle(life.hooks.teardown)
  } catch (error) {
    failures.push({ stage: 'teardown', error })
  } finally {
    stop.release()
  }
  const [first, ...more] = failures
  if (first) {
    const { error, message } = benchFailure(life.name, [first, ...more], life.what)
    const recorded = entry.result !== undefined
    delete entry.result
    entry.error = message
    if (!recorded) recordEntry(entry, context)
    throw error
  }
  return result!
}
