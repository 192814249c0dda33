import { formatDuration } from '../units/duration.js'
import { formatPercent } from '../units/percent.js'
import type { Gate } from './gate.js'
import type { Judgement } from './judge.js'

/** `+25%` / `−3.1%`: a signed relative change. */
export function signedPercent(change: number): string {
  if (!Number.isFinite(change)) return change > 0 ? '+∞%' : '−∞%'
  return `${change >= 0 ? '+' : '−'}${formatPercent(Math.abs(change))}`
}

/**
 * One sentence on a comparison with a baseline, naming the benchmark, the metric, baseline and
 * current values, the change and the threshold, and, when it is not failed although above the
 * threshold, why not.
 */
export function describeVerdict(id: string, gate: Gate, v: Judgement): string {
  const figures = `${gate.metric} ${formatDuration(v.baseline)} → ${formatDuration(v.current)} (${signedPercent(v.change)}, threshold ${formatPercent(gate.threshold)})`
  const noise = v.interval[0] !== v.interval[1] ? `99% interval of the change ${signedPercent(v.interval[0])} to ${signedPercent(v.interval[1])}` : ''
  const typical = v.shift ? `typical call ${signedPercent(v.shift.estimate)}` : ''
  const evidence = [noise, typical].filter(Boolean).join(', ')
  switch (v.reason) {
    case 'beyond-threshold':
      return `regression in "${id}": ${figures}${evidence ? `; ${evidence}` : ''}`
    case 'within-noise':
      return `"${id}" is above the threshold but within its run-to-run noise: ${figures}; ${evidence}. Not failed; re-run to confirm, or raise "time" for a tighter estimate`
    case 'tail-only':
      return `"${id}" is above the threshold in the tail only: ${figures}, but the ${typical || 'typical call is within it'}. Other work on the machine looks like this; not failed`
    case 'sampling-differs':
      return `"${id}" is above the threshold, but the baseline and this run were sampled differently (single calls vs batches), so their percentiles differ in kind: ${figures}. Not failed; rewrite the baseline (-u) on a quiet machine`
    case 'warn-band':
      return `"${id}" is slower, within the threshold: ${figures}`
    case 'faster':
      return `"${id}" improved: ${figures}`
    default:
      return `"${id}" unchanged: ${figures}`
  }
}
