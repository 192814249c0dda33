import { ambiguityError, argumentError } from './argument-error.js'

/** A unit table: suffix → factor to the base unit. */
export type UnitTable = Readonly<Record<string, number>>

/** The units of one kind of quantity, and how to explain them. */
export interface QuantityUnits {
  /** Suffix → factor to the base unit. A suffix is looked up as written, then in lower case. */
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

const NUMBER_WITH_UNIT = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-zµμ%/]*)\s*$/i

/** The factor of `suffix` in `table`, as written or in lower case; undefined when it is no unit of the table. */
export function unitFactor(table: UnitTable, suffix: string): number | undefined {
  return table[suffix] ?? table[suffix.toLowerCase()]
}

/**
 * Parses a number or a `"<number><unit>"` string against `units` into the base unit. A plain
 * number is taken to be in `units.numberUnit`. Throws a `TypeError` naming `argument` when the
 * value does not parse, is not finite or is negative, and one that says what to write instead
 * when its unit is ambiguous.
 */
export function parseQuantity(value: unknown, units: QuantityUnits, argument: string): number {
  let result: number | undefined
  if (typeof value === 'number') {
    const factor = units.table[units.numberUnit]
    if (factor !== undefined && Number.isFinite(value)) result = value * factor
  } else if (typeof value === 'string') {
    const match = NUMBER_WITH_UNIT.exec(value)
    if (match) {
      const amount = match[1]!
      const unit = match[2] === '' ? units.numberUnit : match[2]!
      const ambiguous = units.ambiguous?.[unit] ?? units.ambiguous?.[unit.toLowerCase()]
      if (ambiguous) throw ambiguityError(argument, value, ambiguous(amount))
      const factor = unitFactor(units.table, unit)
      if (factor !== undefined && Number.isFinite(Number(amount))) result = Number(amount) * factor
    }
  }
  if (result === undefined || !Number.isFinite(result) || result < 0) {
    throw argumentError(argument, value, units.example)
  }
  return result
}
