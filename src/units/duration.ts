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
