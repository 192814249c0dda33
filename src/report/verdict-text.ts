import type { BaselineCheck, BaselineFileError, CompareRow } from '../model/baseline-check.js'
import type { EnvironmentChange } from '../model/environment.js'
import type { Comparison } from '../model/verdict.js'
import { formatChange, formatDuration, formatPercent } from '../units/format.js'

/**
 * Every sentence perfspec says about a verdict on a baseline: the reporter's console, Markdown
 * and annotations and the CLI all take their words from here, from the verdict's data.
 */

const FIELD_LABEL: Record<EnvironmentChange['field'], string> = { cpu: 'CPU', cores: 'cores', os: 'OS', arch: 'arch', node: 'Node' }

/** How a baseline's environment differs, in words: `Node v20.20.2 → v22.12.0; cores 4 → 2`. */
export function environmentText(changes: readonly EnvironmentChange[] | undefined): string | undefined {
  if (!changes?.length) return undefined
  return changes.map((c) => `${FIELD_LABEL[c.field]} ${String(c.before)} → ${String(c.now)}`).join('; ')
}

/** ` (baseline taken on another environment: …)`, or nothing when the environments match. */
export function environmentSuffix(changes: readonly EnvironmentChange[] | undefined): string {
  const text = environmentText(changes)
  return text ? ` (baseline taken on another environment: ${text})` : ''
}

/**
 * One sentence on a comparison with a baseline, naming the benchmark, the metric, baseline and
 * current values, the change and the threshold, and, when it is not failed although above the
 * threshold, why not.
 */
export function comparisonText(id: string, gate: { metric: string; threshold: number }, v: Omit<Comparison, 'status'>): string {
  const figures = `${gate.metric} ${formatDuration(v.baseline)} → ${formatDuration(v.current)} (${formatChange(v.change)}, threshold ${formatPercent(gate.threshold)})`
  const noise = v.interval[0] !== v.interval[1] ? `99% interval of the change ${formatChange(v.interval[0])} to ${formatChange(v.interval[1])}` : ''
  const typical = v.typicalChange !== undefined ? `typical call ${formatChange(v.typicalChange)}` : ''
  const evidence = [noise, typical].filter(Boolean).join(', ')
  switch (v.reason) {
    case 'beyond-threshold':
      return `regression in "${id}": ${figures}${evidence ? `; ${evidence}` : ''}`
    case 'machine-slower':
      return `"${id}": ${figures}${evidence ? `; ${evidence}` : ''}. Not failed: the typical call of most benchmarks in this run is ${formatChange(v.drift ?? 0)} slower than their baselines, so the machine is slower or busier than when the baselines were taken`
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

/** The comparison a check or row carries, when it was compared. */
function comparedPart(c: Partial<Omit<Comparison, 'status'>>): Omit<Comparison, 'status'> | undefined {
  if (c.reason === undefined || c.baseline === undefined || c.current === undefined || c.change === undefined) return undefined
  return { ...c, reason: c.reason, baseline: c.baseline, current: c.current, change: c.change, interval: c.interval ?? [c.change, c.change] }
}

/** One sentence on a benchmark's baseline check, whatever its status. */
export function checkText(check: BaselineCheck): string {
  const path = check.baselineFile
  switch (check.status) {
    case 'skipped':
      if (check.cause === 'opted-out') return 'opted out of baselines (baseline: false)'
      if (check.cause === 'bench-failed') return `not checked: the bench failed (${check.detail ?? 'no result'})`
      break
    case 'written':
      return `new benchmark: baseline written to ${path}`
    case 'updated':
      return `baseline rewritten in ${path}`
    case 'new':
      return `new benchmark: no baseline in ${path} (not written in CI; run locally or with -u to write it)`
    case 'unchecked':
      if (check.cause === 'file-invalid') return `not checked: ${path} ${check.detail ?? 'is invalid'}. Fix the file, or delete it and run again to write a new one (or run with -u to rewrite it)`
      if (check.cause === 'metric-missing') return `not checked: the baseline in ${path} has no "${check.metric}"; rewrite it with -u`
      break
    default: {
      const compared = comparedPart(check)
      if (compared) return comparisonText(check.benchId, check, compared)
    }
  }
  // A check read back from a results file of an older version may carry only its sentence.
  return check.message ?? `"${check.benchId}": ${check.status}`
}

/** A baseline file's problem in one sentence: `baselines/a.test.ts.json is not valid JSON: …`. */
export function fileErrorText(error: BaselineFileError): string {
  return error.problem ? `${error.file} ${error.problem}` : (error.message ?? error.file)
}

/** One sentence on a row of `perfspec compare`. */
export function compareRowText(row: CompareRow, gate: { metric: string; threshold: number }): string {
  const id = row.benchId
  switch (row.status) {
    case 'new':
      return `"${id}" is new: no baseline entry`
    case 'missing':
      return `"${id}" is in the baseline but not in the current results`
    case 'unchecked':
      return `"${id}" not compared: the ${row.lacking ?? 'baseline'} entry has no "${gate.metric}"`
    default: {
      const compared = comparedPart(row)
      return compared ? `${comparisonText(id, gate, compared)}${environmentSuffix(row.environmentChanges)}` : `"${id}": ${row.status}`
    }
  }
}
