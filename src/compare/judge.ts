import type { LatencyStats } from '../analyse/bench-result.js'
import type { BaselineEntry } from '../record/baseline-file.js'
import type { Gate } from './gate.js'

/** The verdict of one comparison with a baseline. */
export interface Judgement {
  status: 'ok' | 'improved' | 'warn' | 'regressed'
  /** Baseline value of the gated metric, ms. */
  baseline: number
  /** Current value of the gated metric, ms. */
  current: number
  /** (current − baseline) / baseline. */
  change: number
}

const TO_MS: Readonly<Record<BaselineEntry['unit'], number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000 }

/** The gated metric of a baseline entry in ms, or `undefined` when the entry lacks it. */
export function baselineValue(entry: BaselineEntry, metric: Gate['metric']): number | undefined {
  const value = entry[metric]
  return typeof value === 'number' ? value * TO_MS[entry.unit] : undefined
}

/**
 * Compares a current latency statistic with its baseline: beyond the threshold is a regression,
 * beyond the warn band a WARN, faster by more than the warn band an improvement.
 */
export function judge(current: LatencyStats, baseline: number, gate: Gate): Judgement {
  const value = current[gate.metric]
  const change = baseline > 0 ? (value - baseline) / baseline : value > 0 ? Number.POSITIVE_INFINITY : 0
  const status = change > gate.threshold ? 'regressed' : change > gate.warn ? 'warn' : change < -gate.warn ? 'improved' : 'ok'
  return { status, baseline, current: value, change }
}
