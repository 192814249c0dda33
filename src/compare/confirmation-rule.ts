import type { BaselineCheck, ConfirmationReading } from '../model/baseline-check.js'
import type { BenchAttempts } from '../model/bench-result.js'
import type { BaselineMetric } from '../model/metrics.js'
import type { Comparison } from '../model/verdict.js'
import { slowHostReading } from './host-speed-rule.js'

/** What the confirmation changes of a comparison's verdict: a WARN with its reason, and the host's slowdown when a slow host was weighed. */
export interface ConfirmationRuling {
  status?: 'warn'
  reason?: 'not-confirmed' | 'slow-host'
  hostSlowdown?: number
}

/**
 * The one rule for a benchmark that was measured again to confirm a regression, applied alike by
 * the reporter's verdict and by `perfspec compare` on the run's report: when some measurement
 * read as a regression and a later one did not, and the kept result is not itself a regression,
 * it is a WARN `not-confirmed` (unless the machine was busy or the baseline is from another
 * machine or testbed: that reason stands); when every measurement regressed but none ran at the host's full
 * speed, the host's slowdown is weighed (`slow-host`, see `slowHostReading`). `undefined`: the
 * verdict stands as it is. Pure.
 *
 * @param baselineSlowdown - the baseline's own `host_slowdown`, when it has one
 */
export function confirmationRuling(verdict: Pick<BaselineCheck, 'status' | 'reason' | 'change' | 'typicalChange'>, reading: ConfirmationReading, baselineSlowdown: number | undefined): ConfirmationRuling | undefined {
  const measured = reading.changes.length
  const someClean = reading.regressed > 0 && reading.regressed < measured
  // Read again under another gate or baseline (`perfspec compare`), the kept result may regress
  // where another measurement did not: then too it is a regression only if every one is.
  const regressedAsRun = verdict.status === 'regressed' && reading.reread !== true
  if (!regressedAsRun && someClean && verdict.reason !== 'machine-busy' && verdict.reason !== 'other-machine' && verdict.reason !== 'other-testbed') return { status: 'warn', reason: 'not-confirmed' }
  if (verdict.status !== 'regressed') return undefined
  const slow = slowHostReading(verdict.typicalChange ?? verdict.change ?? 0, reading.host, measured, baselineSlowdown)
  if (!slow) return undefined
  return { ...(slow.excused && { status: 'warn' as const, reason: 'slow-host' as const }), hostSlowdown: slow.hostSlowdown }
}

/** What a result's record of attempts says of its confirmation, when it was measured again to confirm a regression. */
export function confirmationOf(attempts: BenchAttempts | undefined): ConfirmationReading | undefined {
  if (attempts?.purpose !== 'confirm' || !attempts.changes) return undefined
  const { changes, regressed, throughout, cpus, fresh, freshProcesses, freshProblem, host } = attempts
  return { changes, regressed: regressed ?? 0, ...(throughout && { throughout }), ...(cpus && { cpus }), ...(fresh !== undefined && { fresh }), ...(freshProcesses !== undefined && { freshProcesses }), ...(freshProblem !== undefined && { freshProblem }), ...(host && { host }) }
}

/** A confirmation as a check or a row shows it: without the host's readings and the figures it was read from, which only the rule weighs. */
export function shownConfirmation(reading: ConfirmationReading): NonNullable<Comparison['confirmation']> {
  const { host: _host, readAt: _readAt, ...shown } = reading
  return shown
}

/** Relative difference under which a baseline value is the one the run read its confirmation against (rounding only). */
const SAME_BASELINE = 1e-6

/**
 * The run's confirmation as `gate` reads it against `baseline`: as the run read it when both are
 * the run's; under another metric or threshold, or against another baseline (another file given
 * to `perfspec compare`), each measurement's change read again at that metric from the
 * figures the run recorded of it (a point value: no interval, no whole-distribution reading, so a
 * measurement counts only when it lies beyond the threshold), marked `reread`; as the run read it
 * when the report does not say at which gate (an older report). `undefined` when the baseline
 * lacks the metric: then no confirmation is claimed. Pure.
 *
 * @param baseline - the baseline's value of `gate.metric`, ms
 */
export function confirmationAt(reading: ConfirmationReading, gate: { metric: BaselineMetric; threshold: number }, baseline: number | undefined): ConfirmationReading | undefined {
  const at = reading.readAt
  // A report that does not say which gate the run read it at (an older one): as the run read it.
  if (!at) return reading
  if (baseline === undefined || !(baseline > 0)) return undefined
  // The baseline the run read them against, from its first reading: its change is its figure over that baseline.
  const first = at.latency[0]?.[at.metric]
  const runBaseline = first !== undefined && reading.changes[0] !== undefined ? first / (1 + reading.changes[0]) : Number.NaN
  if (at.metric === gate.metric && at.threshold === gate.threshold && Math.abs(runBaseline / baseline - 1) < SAME_BASELINE) return reading
  const changes = at.latency.map((l) => l[gate.metric] / baseline - 1)
  const { throughout: _run, ...asRun } = reading
  return { ...asRun, changes, regressed: changes.filter((c) => c > gate.threshold).length, reread: true }
}
