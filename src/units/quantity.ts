import { argumentError } from './argument-error.js'

/** A unit table: suffix → factor to the base unit. */
export type UnitTable = Readonly<Record<string, number>>

const NUMBER_WITH_UNIT = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-zµμ%/]*)\s*$/i

/**
 * Parses a number or a `"<number><unit>"` string against a unit table into the base unit.
 * A plain number is taken to be in `numberUnit` (a key of the table).
 * Throws a `TypeError` naming `argument` and showing `example` when it does not parse,
 * is not finite, or is negative (when `allowNegative` is false).
 */
export function parseQuantity(
  value: unknown,
  table: UnitTable,
  numberUnit: string,
  argument: string,
  example: string,
  allowNegative = false,
): number {
  let result: number | undefined
  if (typeof value === 'number') {
    const factor = table[numberUnit]
    if (factor !== undefined && Number.isFinite(value)) result = value * factor
  } else if (typeof value === 'string') {
    const match = NUMBER_WITH_UNIT.exec(value)
    if (match) {
      const unit = match[2] === '' ? numberUnit : match[2]!
      const factor = table[unit] ?? table[unit.toLowerCase()]
      const amount = Number(match[1])
      if (factor !== undefined && Number.isFinite(amount)) result = amount * factor
    }
  }
  if (result === undefined || (!allowNegative && result < 0)) {
    throw argumentError(argument, value, example)
  }
  return result
}
