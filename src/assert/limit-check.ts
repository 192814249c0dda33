import { recordEntry } from '../record/context.js'
import type { Status } from '../model/entries.js'
import { PerfAssertionError } from './assertion-error.js'
import { formatPercent } from '../units/format.js'

/** Passing with less headroom than this (a fraction of the limit) is reported as WARN. */
export const WARN_HEADROOM = 0.1

/** One expectation about to be checked. */
export interface LimitCheck {
  benchId: string
  benchName: string
  /** `p95 latency`, `throughput`, `CPU per call`… */
  subject: string
  actual: number
  limit: number
  comparator: '<' | '<=' | '>' | '>='
  unit: string
  /** Formats a value of this check's unit for people. */
  format: (value: number) => string
  /** `±1.1% (n=4,120)`: the uncertainty of `actual`, or empty. */
  uncertainty: string
}

/** PASS, WARN (passed with under 10 % headroom) or FAIL for a value against a limit. */
export function statusOf(actual: number, limit: number, comparator: LimitCheck['comparator']): Status {
  const passed =
    comparator === '<' ? actual < limit : comparator === '<=' ? actual <= limit : comparator === '>' ? actual > limit : actual >= limit
  if (!passed) return 'FAIL'
  const upper = comparator === '<' || comparator === '<='
  const tight = upper ? actual > limit * (1 - WARN_HEADROOM) : actual < limit * (1 + WARN_HEADROOM)
  return tight ? 'WARN' : 'PASS'
}

/**
 * Evaluates the check, records its outcome for the report, and throws a {@link PerfAssertionError}
 * that reads like a good test failure when it fails:
 * `p95 latency of "cache.get" was 61.2µs ±1.1% (n=4,120), expected < 50µs (22% over)`.
 */
export function checkLimit(check: LimitCheck): void {
  const status = statusOf(check.actual, check.limit, check.comparator)
  const upper = check.comparator === '<' || check.comparator === '<='
  const miss = check.limit !== 0 ? Math.abs(check.actual - check.limit) / Math.abs(check.limit) : Number.POSITIVE_INFINITY
  const relation =
    status === 'FAIL'
      ? `${formatPercent(miss)} ${upper ? 'over' : 'under'}`
      : miss > 10
        ? `${(check.actual / check.limit).toPrecision(3)}x the limit`
        : `${formatPercent(miss)} headroom`
  const measured = `${check.format(check.actual)}${check.uncertainty ? ` ${check.uncertainty}` : ''}`
  const message = `${check.subject} of "${check.benchName}" was ${measured}, expected ${check.comparator} ${check.format(check.limit)} (${relation})`
  recordEntry({
    kind: 'expectation',
    benchId: check.benchId,
    subject: check.subject,
    comparator: check.comparator,
    actual: check.actual,
    limit: check.limit,
    unit: check.unit,
    status,
    message,
  })
  if (status === 'FAIL') throw new PerfAssertionError(message)
}
