import { parseQuantity, type UnitTable } from './quantity.js'

/** Factors from each accepted duration suffix to milliseconds. */
const DURATION_UNITS: UnitTable = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
}

/**
 * A duration: a number of milliseconds, or a string with a unit:
 * `'250ns'`, `'40us'`, `'40µs'`, `'5ms'`, `'2s'`, `'1m'`.
 */
export type Duration = number | string

/** Parses a {@link Duration} into milliseconds; a `TypeError` naming `argument` otherwise. */
export function parseDuration(value: unknown, argument: string): number {
  return parseQuantity(value, DURATION_UNITS, 'ms', argument, "a duration such as 5 (ms), '250ns', '40us', '5ms' or '2s'")
}

/**
 * Formats milliseconds with the unit that keeps 3–4 significant digits: `61.2µs`, `1.25ms`,
 * `812ns`, `2.40s`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  const abs = Math.abs(ms)
  if (abs === 0) return '0ns'
  if (abs < 1e-3) return `${significant(ms * 1e6)}ns`
  if (abs < 1) return `${significant(ms * 1e3)}µs`
  if (abs < 1000) return `${significant(ms)}ms`
  return `${significant(ms / 1000)}s`
}

/** Three significant digits, but never scientific notation and at most two decimals. */
export function significant(value: number): string {
  const abs = Math.abs(value)
  if (abs >= 100) return value.toFixed(0)
  if (abs >= 10) return value.toFixed(1)
  return value.toFixed(2)
}
