import type { FailedStage, StageFailure } from './failure.js'
import { unlessStopped } from './stop.js'

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
}

/**
 * Runs setup, measure, `measured` and teardown in that order and returns what threw, in order,
 * with the stage it threw in. What was measured is handed on before the teardown runs: a
 * teardown that never settles (the test then times out) must not take the result with it.
 */
export async function runStages(stages: Stages): Promise<StageFailure[]> {
  const { signal } = stages
  const failures: StageFailure[] = []
  let stage: FailedStage = 'setup'
  try {
    if (stages.setup) await settle(stages.setup(), signal)
    stage = 'measure'
    await stages.measure()
  } catch (error) {
    failures.push({ stage, error })
  }
  stages.measured(failures.length > 0)
  try {
    if (stages.teardown) await settle(stages.teardown(), signal)
  } catch (error) {
    failures.push({ stage: 'teardown', error })
  }
  return failures
}

/** Awaits what a hook returned, or rejects once `signal` aborts. */
function settle(value: unknown, signal: AbortSignal | undefined): unknown {
  return signal ? unlessStopped(Promise.resolve(value), signal) : value
}
