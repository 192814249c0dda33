import type { Status } from '../model/entries.js'

/** Passing with less headroom than this (a fraction of the limit) is reported as WARN. */
export const WARN_HEADROOM = 0.1

/** The comparisons of a figure with a limit (`expectLatency(r).p95.toBeLessThan(…)` is `<`). */
export type LimitComparator = '<' | '<=' | '>' | '>='

/** Whether `comparator` is one of {@link LimitComparator}. */
export function isLimitComparator(comparator: unknown): comparator is LimitComparator {
  return comparator === '<' || comparator === '<=' || comparator === '>' || comparator === '>='
}

/**
 * PASS, WARN (passed with under {@link WARN_HEADROOM} of the limit to spare) or FAIL for a value
 * against a limit: the one decision of every limit matcher, which the commands that read a run
 * report hold its expectations to.
 */
export function statusOf(actual: number, limit: number, comparator: LimitComparator): Status {
  const passed =
    comparator === '<' ? actual < limit : comparator === '<=' ? actual <= limit : comparator === '>' ? actual > limit : actual >= limit
  if (!passed) return 'FAIL'
  const upper = comparator === '<' || comparator === '<='
  // Headroom relative to the limit's size, so that a negative limit (of a signed figure) has it too.
  const room = Math.abs(limit) * WARN_HEADROOM
  const tight = upper ? actual > limit - room : actual < limit + room
  return tight ? 'WARN' : 'PASS'
}
