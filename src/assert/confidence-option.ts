import { argumentError } from '../units/argument-error.js'
import { parseFraction } from '../units/percent.js'

/**
 * The lowest confidence level a comparison takes: below it an interval of the change is as likely
 * to miss it as to hold it, and decides nothing.
 */
export const MIN_CONFIDENCE = 0.5

/**
 * The highest: a level closer to 100 % asks for more rounds than a test can afford, and would be
 * shown rounded to 100 %, which no interval is.
 */
export const MAX_CONFIDENCE = 0.999

/**
 * The `confidence` option of a comparison (`toBeWithin`, `toBeFasterThan`): `'99%'` or `0.99`,
 * from 50 % to 99.9 %; `fallback` when not given.
 *
 * @throws TypeError naming `argument` and the levels accepted
 */
export function parseConfidence(value: unknown, argument: string, fallback: number): number {
  if (value === undefined) return fallback
  // `'99.9%'` reads as 0.9990000000000001: a level is compared at a precision of 1e-9.
  const inRange = (level: number) => level >= MIN_CONFIDENCE - 1e-9 && level <= MAX_CONFIDENCE + 1e-9
  const accepted = "a level from 50% to 99.9%, such as '95%', '99%' or 0.95"
  // A number of 1 or more is a fraction's mistake; parseFraction's advice (write it as a
  // percentage, or divide by 100) is right only when that reading is a level this takes.
  if (typeof value === 'number' && value >= 1 && !inRange(value / 100)) throw argumentError(argument, value, accepted)
  const confidence = parseFraction(value, argument, { example: '95%' })
  if (!inRange(confidence)) throw argumentError(argument, value, accepted)
  return confidence
}
