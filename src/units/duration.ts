import { sameIgnoringCase } from './amount.js'
import { parseQuantity, unitFactor, type QuantityUnits } from './quantity.js'

/**
 * Factors from each accepted duration suffix to milliseconds, spelt exactly so (`'5MS'` is
 * refused, with `'5ms'` suggested). No `m`: it reads as minutes (`1m`) or as the milli- of `ms`,
 * and a slip between the two is a factor of 60,000.
 */
const DURATION_UNITS = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  min: 60_000,
} as const

const DURATIONS: QuantityUnits = {
  table: DURATION_UNITS,
  numberUnit: 'ms',
  example: "a duration such as 5 (ms), '250ns', '40us', '5ms', '2s' or '1min'",
  ambiguous: { m: minutesOrMilli, M: minutesOrMilli },
}

function minutesOrMilli(amount: string): string {
  return `write '${amount}min' for minutes or '${amount}ms' for milliseconds`
}

/**
 * A duration: a number of milliseconds, or a string: a plain decimal amount and a unit, without
 * spaces, the unit case-sensitive: `'250ns'`, `'40us'` (or `'40µs'`), `'5ms'`, `'0.5ms'`, `'2s'`,
 * `'1min'`. `'1m'` and `'1M'` are refused as ambiguous; `'5 ms'`, `'5MS'`, `'.5ms'` and `'1e3ms'`
 * as not written so (the message says what to write).
 */
export type Duration = number | string

/** Parses a {@link Duration} into milliseconds; a `TypeError` naming `argument` otherwise. */
export function parseDuration(value: unknown, argument: string): number {
  return parseQuantity(value, DURATIONS, argument)
}

/**
 * Milliseconds in one `suffix` of a duration, spelt exactly (`'s'` → 1000, `'min'` → 60,000),
 * for units built on durations such as rates (`'600/min'`); undefined when `suffix` is no
 * duration unit.
 */
export function durationUnitMs(suffix: string): number | undefined {
  return unitFactor(DURATION_UNITS, suffix)
}

/** The duration unit that `suffix` spells in another case (`'S'` → `'s'`), for a message; undefined when none. */
export function durationUnitIgnoringCase(suffix: string): string | undefined {
  return sameIgnoringCase(suffix, Object.keys(DURATION_UNITS))
}
