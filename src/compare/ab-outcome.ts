import { failsAbRun, type AbStatus } from '../model/ab.js'
import type { AbRunReport } from '../model/ab-run.js'

/** How many comparisons of a run ended in each status. */
export type AbCounts = Record<AbStatus, number>

/** How many comparisons ended in each status. */
export function abCounts(report: Pick<AbRunReport, 'comparisons'>): AbCounts {
  const counts: AbCounts = { slower: 0, faster: 0, unchanged: 0, inconclusive: 0, alone: 0 }
  for (const c of report.comparisons) counts[c.status]++
  return counts
}

/**
 * The run's verdict as an exit code: 1 when any gated benchmark is slower (see `failsAbRun`), 0 otherwise; 2
 * when the run decided nothing that it should have: it stopped early (a runner killed: what read
 * slower then was not confirmed), the base's perfspec could not take part (`undecided`), no benchmark ran at all (a suite without perfspec, a filter
 * that left no benchmark), none ran on both sides while a side's tests failed (the failure is
 * all there is to say), a gated benchmark's test was retried on one side (`retried`), or a side could not hand perfspec what a file measured (its `problem`):
 * that file's benchmarks are missing, which must not read as a pass.
 */
export function abExitCode(report: Pick<AbRunReport, 'comparisons' | 'failures' | 'stopped' | 'undecided'>): 0 | 1 | 2 {
  const counts = abCounts(report)
  if (report.stopped || report.undecided) return 2
  if (report.comparisons.some(failsAbRun)) return 1
  if (report.comparisons.length === 0) return 2
  // A gated benchmark whose test one side retried: the attempt that counts was never compared.
  if (report.comparisons.some((c) => c.reason === 'retried' && c.gated !== false)) return 2
  const compared = report.comparisons.length - counts.alone
  if (compared === 0 && report.failures.length > 0) return 2
  // A side that could not hand perfspec what a file measured: that file's benchmarks are missing.
  if (report.failures.some((f) => f.problem !== undefined)) return 2
  return 0
}
