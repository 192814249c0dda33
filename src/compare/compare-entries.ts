import type { BaselineEntry } from '../model/baseline.js'
import type { BenchGate, CompareRow, FailedBench } from '../model/baseline-check.js'
import type { Environment } from '../model/environment.js'
import { gateFor, type Gate } from '../model/gate.js'
import { compareEntry } from './compare-entry.js'
import { confirmationAt, confirmationRuling, shownConfirmation } from './confirmation-rule.js'
import { discountMachineDrift } from './machine-drift.js'
import { sampleOfBaseline } from './metric-sample.js'

/**
 * Compares current entries with baseline entries by `bench_id` under a gate (`perfspec compare`).
 * Entries carrying a histogram (perfspec's own files) get the noise-aware rule and the run-wide
 * drift check; plain entries the threshold alone. A benchmark that `failed` in the current run
 * is a row of its own (`failed`), not a missing one. Each benchmark's own gate from its run
 * report (`own`) is followed as the reporter follows it: one that opted out, whose test is
 * expected to fail, or that failed in a test that caught it is listed (`skipped`), not gated;
 * one with its own metric or threshold is judged by them; a regression measured while other
 * processes kept the machine busy, or only while its host ran slow, or one a later measurement
 * did not confirm, is a WARN as the reporter made it (`machine-busy`, `slow-host`,
 * `not-confirmed`); one the run gated against a baseline from another machine (its `crossMachine`
 * option) is gated so here, as every benchmark is with `crossMachine`. A benchmark the baseline
 * lacks that another testbed of its file has (`otherTestbeds`) is compared with that one and
 * never gated (`other-testbed`), as the reporter does. Pure.
 */
export function compareEntries(
  baseline: readonly BaselineEntry[],
  current: readonly BaselineEntry[],
  gate: Gate,
  failed: readonly FailedBench[] = [],
  own: readonly BenchGate[] = [],
  crossMachine = false,
  otherTestbeds: ReadonlyMap<string, { name: string | null; entry: BaselineEntry }> = new Map(),
): CompareRow[] {
  const before = new Map(baseline.map((e) => [e.bench_id, e]))
  const gates = new Map(own.map((g) => [g.benchId, g]))
  const rows: CompareRow[] = []
  const seen = new Set<string>()
  for (const entry of current) {
    const benchId = entry.bench_id
    seen.add(benchId)
    const old = before.get(benchId)
    const mine = gates.get(benchId)
    const entryGate = gateFor(gate, mine?.override)
    const ownGate = entryGate.metric !== gate.metric || entryGate.threshold !== gate.threshold ? { gate: { metric: entryGate.metric, threshold: entryGate.threshold } } : {}
    const now = sampleOfBaseline(entry, entryGate.metric)
    if (mine?.skip) {
      const was = old && sampleOfBaseline(old, entryGate.metric)
      rows.push({ benchId, status: 'skipped', cause: mine.skip, ...ownGate, ...(was && { baseline: was.value }), ...(now && { current: now.value }), ...(was && now && { change: now.value / was.value - 1 }) })
      continue
    }
    const other = old ? undefined : otherTestbeds.get(benchId)
    const against = old ?? other?.entry
    if (!against) {
      rows.push({ benchId, status: 'new', ...ownGate, ...(now && { current: now.value }) })
      continue
    }
    const comparison = compareEntry(now, against, entryGate, { ...(entry.environment && { environment: entry.environment as Partial<Environment> }), ...(mine?.otherCores !== undefined && { otherCores: mine.otherCores }), crossMachine: crossMachine || mine?.crossMachine === true, ...(other && { otherTestbed: other.name }) })
    if (!comparison.compared) {
      rows.push(other ? { benchId, status: 'new', ...ownGate, ...(now && { current: now.value }) } : { benchId, status: 'unchecked', ...ownGate, lacking: comparison.lacking })
      continue
    }
    const { compared: _compared, ...verdict } = comparison
    // What the run's confirmation read (not confirmed; only while its host ran slow): as the reporter
    // judged it, or read again at this gate when it is not the run's (probe 25 #1).
    const reading = mine?.confirmation && confirmationAt(mine.confirmation, entryGate, sampleOfBaseline(against, entryGate.metric)?.value)
    const ruling = reading && confirmationRuling(verdict, reading, against.host_slowdown)
    rows.push({ benchId, ...ownGate, ...verdict, ...(reading && { confirmation: shownConfirmation(reading) }), ...ruling })
  }
  for (const { benchId, error } of failed) {
    if (seen.has(benchId)) continue
    seen.add(benchId)
    const old = before.get(benchId)
    const mine = gates.get(benchId)
    const was = old && sampleOfBaseline(old, gateFor(gate, mine?.override).metric)
    const status = mine?.skip === 'expected-to-fail' || mine?.skip === 'caught' ? { status: 'skipped' as const, cause: mine.skip } : { status: 'failed' as const }
    rows.push({ benchId, ...status, ...(error !== undefined && { error }), ...(was && { baseline: was.value }) })
  }
  for (const benchId of before.keys()) if (!seen.has(benchId)) rows.push({ benchId, status: 'missing' })
  // The run-wide drift is the whole run's, as the reporter read it: a run report given against one
  // baseline file holds the run's other benchmarks too, compared by the run with their own files.
  const compared = new Set(rows.filter((r) => r.typicalChange !== undefined).map((r) => r.benchId))
  const rest = own.filter((g) => g.runReading && !compared.has(g.benchId)).map((g) => ({ status: 'ok', ...g.runReading! }))
  return discountMachineDrift(rows, gate, [...rows, ...rest])
}

/**
 * What a comparison of files concluded, the worst case winning: `regressed` when any benchmark
 * did; `failed` when any failed in the current run (it has no figure, as the reporter's FAIL
 * says); `nothing-compared` when no benchmark could be compared at all (each only on one side,
 * or lacking the gated metric), since passing a gate that checked nothing would hide that;
 * `warned` when any benchmark is a WARN (exit 0, as the reporter's WARN); else `passed`. A
 * benchmark only in the baseline (`missing`: removed, renamed, or in a shard not
 * given) decides nothing: it is listed and counted.
 */
export type CompareOutcome = 'regressed' | 'failed' | 'warned' | 'passed' | 'nothing-compared'

const COMPARED: ReadonlySet<CompareRow['status']> = new Set(['ok', 'improved', 'warn', 'regressed'])

/** The outcome of a comparison's rows: see {@link CompareOutcome}. */
export function compareOutcome(rows: readonly CompareRow[]): CompareOutcome {
  if (rows.some((r) => r.status === 'regressed')) return 'regressed'
  if (rows.some((r) => r.status === 'failed')) return 'failed'
  if (!rows.some((r) => COMPARED.has(r.status))) return 'nothing-compared'
  return rows.some((r) => r.status === 'warn') ? 'warned' : 'passed'
}

/** Process exit code of a comparison's outcome: 1 regressed or failed, 2 nothing compared, 0 passed or warned. */
export function compareExitCode(outcome: CompareOutcome): number {
  return { regressed: 1, failed: 1, 'nothing-compared': 2, warned: 0, passed: 0 }[outcome]
}
