import { ClockError } from './clock-guard.js'
import { StoppedError } from './stop.js'
import { isA, thrownText } from './thrown-text.js'

/** Where a benchmark failed: its `setup`, its measurement (`fn`, or the run being stopped), its `teardown`. */
export type FailedStage = 'setup' | 'measure' | 'teardown'

/** One error of a failed benchmark and where it was thrown. */
export interface StageFailure {
  stage: FailedStage
  error: unknown
}

/** A failed benchmark's error, and its message without the bench's name (as the report records it). */
export interface BenchFailure {
  error: Error
  message: string
}

function describeFailure({ stage, error }: StageFailure): string {
  const message = thrownText(error)
  // A stop is not something setup threw, even when it came while setup ran; but where it came
  // says what hung: a teardown that never settled is named.
  if (isA(error, StoppedError)) return stage === 'teardown' ? `teardown did not finish: ${message}` : message
  return stage === 'measure' ? message : `${stage} threw: ${message}`
}

/**
 * The error a failed benchmark rejects with, naming it: `bench "x" failed: boom`, or
 * `bench "x" failed: teardown threw: …` (`what` names the kind: `'benchScaling'`). When both the measurement (or setup) and the teardown
 * threw, neither hides the other: the message gives both, and the error is an `AggregateError`
 * of both whose `cause` is the first.
 */
export function benchFailure(name: string, failures: readonly [StageFailure, ...StageFailure[]], what = 'bench'): BenchFailure {
  const message = failures.map(describeFailure).join('; then ')
  const text = `${what} "${name}" failed: ${message}`
  const first = failures[0].error
  // A clock that cannot time anything is bad input, which perfspec answers with a TypeError.
  const error = failures.length > 1 ? new AggregateError(failures.map((f) => f.error), text, { cause: first }) : isA(first, ClockError) ? new TypeError(text, { cause: first }) : new Error(text, { cause: first })
  return { error, message }
}
