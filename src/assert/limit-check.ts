import { getTestContext, recordEntry } from '../record/context.js'
import type { Status } from '../model/entries.js'
import { PerfAssertionError } from './assertion-error.js'
import { argumentError } from '../units/argument-error.js'
import { formatPercent } from '../units/format.js'
import { statusOf, type LimitComparator } from '../analyse/limit-status.js'

/** One expectation about to be checked. */
export interface LimitCheck {
  benchId: string
  benchName: string
  /** `p95 latency`, `throughput`, `CPU per call`… */
  subject: string
  actual: number
  /** The limit as written: `'50us'`, `0.2`. */
  limit: unknown
  /** The limit's name for a `TypeError`: `expectLatency(…).p95.toBeLessThan() limit`. */
  argument: string
  /** Reads the limit into the unit of `actual`; a `TypeError` naming `argument` when it does not parse. */
  parse: (limit: unknown, argument: string) => number
  /**
   * Whether the figure can be exactly 0 and "at most 0" is a real requirement (no failed
   * calls), so that `toBeLessThanOrEqual(0)` is allowed. Default false: a latency, a CPU time
   * or a utilization of 0 is never measured.
   */
  zeroMeansNone?: boolean
  /**
   * Whether the figure is a difference that can be below 0 (retained heap growth: the heap may
   * end smaller than it started), so that every finite upper limit, 0 and negative ones
   * included, can be met. Default false.
   */
  signed?: boolean
  comparator: LimitComparator
  unit: string
  /** Formats a value of this check's unit for people. */
  format: (value: number) => string
  /** `±1.1% (n=4,120)`: the uncertainty of `actual`, or empty. */
  uncertainty: string
}

/**
 * Evaluates the check, records its outcome for the report, and throws a {@link PerfAssertionError}
 * that reads like a good test failure when it fails:
 * `p95 latency of "cache.get" was 61.2µs ±1.1% (n=4,120), expected < 50µs (22% over)`.
 */
export function checkLimit(check: LimitCheck): void {
  const limit = check.parse(check.limit, check.argument)
  refuseUnmeetable(check, limit)
  const status = statusOf(check.actual, limit, check.comparator)
  const measured = `${check.format(check.actual)}${check.uncertainty ? ` ${check.uncertainty}` : ''}`
  const message = `${check.subject} of "${check.benchName}" was ${measured}, expected ${check.comparator} ${check.format(limit)}${relation(check.actual, limit, check.comparator, status)}`
  recordEntry({
    kind: 'expectation',
    benchId: check.benchId,
    subject: check.subject,
    comparator: check.comparator,
    actual: check.actual,
    limit,
    unit: check.unit,
    status,
    message,
  }, getTestContext())
  if (status === 'FAIL') throw new PerfAssertionError(message)
}

/**
 * ` (22% over)`, ` (8.0% headroom)`, ` (12.5x the limit)`: the miss or the headroom relative to
 * the limit; nothing for a limit of 0 or below (of a signed figure), to which nothing is relative.
 */
function relation(actual: number, limit: number, comparator: LimitCheck['comparator'], status: Status): string {
  if (limit <= 0) return ''
  const upper = comparator === '<' || comparator === '<='
  const miss = Math.abs(actual - limit) / limit
  // Far over a limit, a ratio reads better than a percentage (a limit of 1e-300 ms read "1.1e+297% over").
  if (status === 'FAIL' && upper && miss > 10) return ` (${formatRatio(actual / limit)} the limit)`
  if (status === 'FAIL') return ` (${formatPercent(miss)} ${upper ? 'over' : 'under'})`
  return miss > 10 ? ` (${formatRatio(actual / limit)} the limit)` : ` (${formatPercent(miss)} headroom)`
}

/** `12.5x`, `1,234x`, `1.2e+297x`: a ratio to a limit, with three figures and no long tail of digits. */
function formatRatio(ratio: number): string {
  return `${ratio < 1e6 ? Number(ratio.toPrecision(3)).toLocaleString('en-US') : ratio.toExponential(1)}x`
}

/**
 * Every figure checked here but a signed one (`signed`) is 0 or more, so a limit of 0 makes the expectation meaningless: an
 * upper limit of 0 can never be met (`toBeLessThan(0)`; `toBeLessThanOrEqual(0)` too, except
 * for failures, where it means none), and a lower limit of 0 asks nothing. Those, and limits
 * that are negative, NaN or infinite (which the unit parsers refuse first), are `TypeError`s.
 */
function refuseUnmeetable(check: LimitCheck, limit: number): void {
  const { comparator, subject } = check
  if (Number.isFinite(limit) && limit > 0) return
  if (Number.isFinite(limit) && check.signed && (comparator === '<' || comparator === '<=')) return
  if (limit === 0 && comparator === '<=' && check.zeroMeansNone) return
  let accepted = 'a finite limit above 0'
  if (limit === 0 && (comparator === '>' || comparator === '>=')) accepted = `above 0: every ${subject} is at least 0, so this expectation would ask nothing`
  else if (limit === 0 && check.zeroMeansNone) accepted = 'above 0, as nothing counted is below 0; for none at all, write toBeLessThanOrEqual(0)'
  else if (limit === 0) accepted = `above 0: no ${subject} is ${comparator === '<' ? 'below 0' : '0 or less'}, so this expectation could never pass`
  throw argumentError(check.argument, check.limit, accepted)
}
