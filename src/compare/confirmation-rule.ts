import type { BaselineCheck, ConfirmationReading } from '../model/baseline-check.js'
import type { BenchAttempts } from '../model/bench-result.js'
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
  if (verdict.status !== 'regressed' && someClean && verdict.reason !== 'machine-busy' && verdict.reason !== 'other-machine' && verdict.reason !== 'other-testbed') return { status: 'warn', reason: 'not-confirmed' }
  if (verdict.status !== 'regressed') return undefined
  const slow = slowHostReading(verdict.typicalChange ?? verdict.change ?? 0, reading.host, measured, baselineSlowdown)
  if (!slow) return undefined
  return { ...(slow.excused && { status: 'warn' as const, reason: 'slow-host' as const }), hostSlowdown: slow.hostSlowdown }
}

/** What a result's record of attempts says of its confirmation, when it was measured again to confirm a regression. */
export function confirmationOf(attempts: BenchAttempts | undefined): ConfirmationReading | undefined {
  if (attempts?.purpose !== 'confirm' || !attempts.changes) return undefined
  const { changes, regressed, cpus, fresh, freshProcesses, freshProblem, host } = attempts
  return { changes, regressed: regressed ?? 0, ...(cpus && { cpus }), ...(fresh !== undefined && { fresh }), ...(freshProcesses !== undefined && { freshProcesses }), ...(freshProblem !== undefined && { freshProblem }), ...(host && { host }) }
}

/** A confirmation as a check or a row shows it: without the host's readings, which only the rule weighs. */
export function shownConfirmation(reading: ConfirmationReading): NonNullable<Comparison['confirmation']> {
  const { host: _host, ...shown } = reading
  return shown
}
