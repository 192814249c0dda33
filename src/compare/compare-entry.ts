import type { BaselineEntry } from '../model/baseline.js'
import type { Environment } from '../model/environment.js'
import type { Gate } from '../model/gate.js'
import type { Comparison } from '../model/verdict.js'
import { environmentDifference } from './environment-difference.js'
import { judge } from './judge.js'
import type { MetricSample } from './metric-interval.js'
import { sampleOfBaseline } from './metric-sample.js'

/** The outcome of {@link compareEntry}: a comparison, or which side lacks the gated metric. */
export type EntryComparison = ({ compared: true } & Comparison) | { compared: false; lacking: 'baseline' | 'current' }

/**
 * Compares a benchmark's current figures with its baseline entry under a gate: the one judgement
 * the reporter, the CLI and the worker share. Pure; never throws.
 *
 * @param current - the gated metric of this run, or `undefined` when this run lacks it
 * @param environment - this run's environment, to say how the baseline's differs
 */
export function compareEntry(current: MetricSample | undefined, previous: BaselineEntry, gate: Gate, environment?: Partial<Environment>): EntryComparison {
  const reference = sampleOfBaseline(previous, gate.metric)
  if (!reference) return { compared: false, lacking: 'baseline' }
  if (!current) return { compared: false, lacking: 'current' }
  const { shift: _shift, ...verdict } = judge(current, reference, gate)
  const environmentChanges = environmentDifference(previous.environment, environment)
  return { compared: true, ...verdict, ...(environmentChanges && { environmentChanges }) }
}
