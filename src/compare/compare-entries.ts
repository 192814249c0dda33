import type { BaselineEntry } from '../record/baseline-file.js'
import { environmentDifference, type Environment } from '../report/environment.js'
import { describeVerdict } from './describe-verdict.js'
import type { Gate } from './gate.js'
import { judge, type JudgementReason } from './judge.js'
import { discountMachineDrift } from './machine-drift.js'
import { sampleOfBaseline } from './metric-sample.js'

/**
 * One benchmark in `perfspec compare`: compared (`ok`, `improved`, `warn`, `regressed`), only in
 * the current results (`new`), only in the baseline (`missing`), or lacking the metric (`unchecked`).
 */
export interface CompareRow {
  benchId: string
  status: 'ok' | 'improved' | 'warn' | 'regressed' | 'new' | 'missing' | 'unchecked'
  reason?: JudgementReason | 'machine-slower'
  /** Change of the typical call (Hodges–Lehmann), when both entries carry a histogram. */
  typicalChange?: number
  /** Gated metric, ms. */
  baseline?: number
  current?: number
  /** (current − baseline) / baseline. */
  change?: number
  message: string
}

/**
 * Compares current entries with baseline entries by `bench_id` under a gate. Entries carrying a
 * histogram (perfspec's own files) get the noise-aware rule and the run-wide drift check; plain
 * entries the threshold alone.
 */
export function compareEntries(baseline: readonly BaselineEntry[], current: readonly BaselineEntry[], gate: Gate): CompareRow[] {
  const before = new Map(baseline.map((e) => [e.bench_id, e]))
  const rows: CompareRow[] = []
  const seen = new Set<string>()
  for (const entry of current) {
    const id = entry.bench_id
    seen.add(id)
    const old = before.get(id)
    const now = sampleOfBaseline(entry, gate.metric)
    if (!old) {
      rows.push({ benchId: id, status: 'new', ...(now && { current: now.value }), message: `"${id}" is new: no baseline entry` })
      continue
    }
    const then = sampleOfBaseline(old, gate.metric)
    if (!now || !then) {
      rows.push({ benchId: id, status: 'unchecked', message: `"${id}" not compared: the ${now ? 'baseline' : 'current'} entry has no "${gate.metric}"` })
      continue
    }
    const v = judge(now, then, gate)
    const note = entry.environment ? environmentDifference(old.environment, entry.environment as Environment) : undefined
    const message = `${describeVerdict(id, gate, v)}${note ? ` (baseline taken on another environment: ${note})` : ''}`
    rows.push({ benchId: id, status: v.status, reason: v.reason, baseline: v.baseline, current: v.current, change: v.change, ...(v.shift && { typicalChange: v.shift.estimate }), message })
  }
  for (const id of before.keys()) {
    if (!seen.has(id)) rows.push({ benchId: id, status: 'missing', message: `"${id}" is in the baseline but not in the current results` })
  }
  return discountMachineDrift(rows, gate)
}

/** Process exit code of a comparison: 1 when any benchmark regressed (the worst case wins), else 0. */
export function compareExitCode(rows: readonly CompareRow[]): number {
  return rows.some((r) => r.status === 'regressed') ? 1 : 0
}
