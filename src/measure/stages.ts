import { ClockError } from './clock-guard.js'
import type { FailedStage, StageFailure } from './failure.js'
import { StoppedError, throwIfStopped, unlessStopped } from './stop.js'

/** The stages of one benchmark, as {@link runStages} runs them. */
export interface Stages {
  /** Called once before `measure` (its time is not measured). */
  setup?: () => unknown
  /** Measures. */
  measure: () => Promise<void>
  /** Called after `measure`, before `teardown`, with whether setup or measure failed: the place to record what was measured. */
  measured: (failed: boolean) => void
  /** Called once at the end, even when `setup` or `measure` threw. */
  teardown?: () => unknown
  /** A setup or teardown still pending once it aborts is abandoned, and its stage fails. */
  signal?: AbortSignal
  /**
   * Called at once, synchronously, when `signal` aborts while the stages run, with the failures
   * so far and the stop itself: a runner may send a test's record on as soon as the test times
   * out, before the stages resume from what they were awaiting.
   */
  stopped?: (failures: StageFailure[]) => void
}

/**
 * Runs setup, measure, `measured` and teardown in that order and returns what threw, in order,
 * with the stage it threw in. What was measured is handed on before the teardown runs: a
 * teardown that never settles (the test then times out) must not take the result with it. A
 * measurement that ends after the stop (a heap pass, a last pause) is not a result.
 */
export async function runStages(stages: Stages): Promise<StageFailure[]> {
  const { signal } = stages
  const failures: StageFailure[] = []
  let stage: FailedStage = 'setup'
  const onStop = () => stages.stopped?.([...failures, { stage, error: stopError(signal!.reason) }])
  signal?.addEventListener('abort', onStop, { once: true })
  try {
    try {
      if (stages.setup) await settle(stages.setup(), signal)
      stage = 'measure'
      await stages.measure()
      throwIfStopped(signal)
    } catch (error) {
      failures.push({ stage, error: error instanceof StoppedError ? stopError(error.reason) : error })
    }
    stages.measured(failures.length > 0)
    stage = 'teardown'
    try {
      if (stages.teardown) await settle(stages.teardown(), signal)
    } catch (error) {
      failures.push({ stage, error })
    }
  } finally {
    signal?.removeEventListener('abort', onStop)
  }
  return failures
}

/** What stopped a bench: a clock it could not use is that clock's error, anything else a stop. */
function stopError(reason: unknown): Error {
  return reason instanceof ClockError ? reason : new StoppedError(reason)
}

/** Awaits what a hook returned, or rejects once `signal` aborts. */
function settle(value: unknown, signal: AbortSignal | undefined): unknown {
  return signal ? unlessStopped(Promise.resolve(value), signal) : value
}
