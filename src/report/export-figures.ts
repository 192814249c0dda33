/** The figures the exports write, in the units other tools expect. */

/** Nanoseconds in a millisecond: Bencher's latency and github-action-benchmark's `ns/iter` unit. */
const NS_PER_MS = 1e6

/** A time in milliseconds (perfspec's unit) as nanoseconds, rounded by {@link exportNumber}. */
export function nanoseconds(ms: number): number {
  return exportNumber(ms * NS_PER_MS)
}

/**
 * A figure as an export writes it: to a thousandth of its unit (a picosecond of latency, below
 * anything a timer resolves), which drops the float noise of a conversion (12300.000000000002).
 */
export function exportNumber(value: number): number {
  return Math.round(value * 1000) / 1000
}
