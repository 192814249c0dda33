import { AMOUNT, sameIgnoringCase, spellingInstead } from './amount.js'
import { ambiguityError, argumentError } from './argument-error.js'

/** A unit table: suffix, exactly as written, → factor to the base unit. */
export type UnitTable = Readonly<Record<string, number>>

/** The units of one kind of quantity, and how to explain them. */
export interface QuantityUnits {
  /** Suffix → factor to the base unit. Suffixes are case-sensitive: only these spellings are read. */
  table: UnitTable
  /** The unit of a plain number (a key of `table`). */
  numberUnit: string
  /** The accepted forms, for the message: `"a duration such as 5 (ms), '5ms' or '2s'"`. */
  example: string
  /**
   * Suffixes that read two ways and are refused rather than guessed, each with what to write
   * instead, given the amount as written: `m` (minutes or milli-?) → `write '1min' or '1ms'`.
   */
  ambiguous?: Readonly<Record<string, (amount: string) => string>>
}

// An amount (see AMOUNT) and a suffix, nothing else; which suffixes are units is the table's say.
const NUMBER_WITH_UNIT = new RegExp(`^(${AMOUNT})(\\D*)$`)

/** The factor of `suffix` in `table`, spelt exactly so; undefined when it is no unit of the table. */
export function unitFactor(table: UnitTable, suffix: string): number | undefined {
  return Object.hasOwn(table, suffix) ? table[suffix] : undefined
}

/**
 * Parses a number or a `"<amount><unit>"` string against `units` into the base unit. A plain
 * number is taken to be in `units.numberUnit`; a string follows one grammar ({@link AMOUNT}, then
 * a unit of the table exactly as spelt there, nothing around them). Throws a `TypeError` naming
 * `argument` when the value does not parse, is not finite or is negative (saying what to write
 * when a spelling is near: `'5 MS'` → `'5ms'`), and one that says what to write instead when its
 * unit is ambiguous.
 */
export function parseQuantity(value: unknown, units: QuantityUnits, argument: string): number {
  const result = typeof value === 'string' ? quantityOfText(value, units, argument) : typeof value === 'number' ? value * (units.table[units.numberUnit] ?? Number.NaN) : undefined
  if (result === undefined || !Number.isFinite(result) || result < 0) {
    const instead = typeof value === 'string' ? spellingInstead(value, (unit) => sameIgnoringCase(unit, Object.keys(units.table)), (text) => quantityOfText(text, units, argument)) : undefined
    throw argumentError(argument, value, units.example, instead)
  }
  return result
}

/** The amount of `text` in the base unit, or undefined when it does not follow the grammar. @throws TypeError for an ambiguous unit */
function quantityOfText(text: string, units: QuantityUnits, argument: string): number | undefined {
  const match = NUMBER_WITH_UNIT.exec(text)
  if (!match) return undefined
  const amount = match[1]!
  // A string carries its unit: '10' would be read in `numberUnit` unsaid (10 ms? 10 s?).
  if (match[2] === '') throw argumentError(argument, text, units.example, `a string carries its unit: write '${amount}${units.numberUnit}', or the number ${amount}`)
  const unit = match[2]!
  const ambiguous = units.ambiguous && Object.hasOwn(units.ambiguous, unit) ? units.ambiguous[unit] : undefined
  if (ambiguous) throw ambiguityError(argument, text, ambiguous(amount))
  const factor = unitFactor(units.table, unit)
  return factor === undefined ? undefined : Number(amount) * factor
}
