import { argumentError } from './argument-error.js'

/**
 * Parses a whole number within `min..max` (a count of measurements, of retries); a `TypeError`
 * naming `argument` and the accepted range otherwise, for fractions, strings and absurd sizes alike.
 */
export function parseWholeNumber(value: unknown, argument: string, min: number, max: number, example: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
  throw argumentError(argument, value, `a whole number from ${min} to ${max}, such as ${example}`)
}
