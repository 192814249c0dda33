import { argumentError, describe } from './argument-error.js'

const PERCENT = /^\s*((?:\d+(?:\.\d*)?|\.\d+))\s*%\s*$/

/** A fraction: a number in 0..1 (`0.05`), or a percentage string (`'5%'`). */
export type Fraction = number | string

/** Parses a {@link Fraction} into 0..∞ (a percentage can exceed 100 % for thresholds). */
export function parseFraction(value: unknown, argument: string): number {
  let fraction: number | undefined
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) fraction = value
  else if (typeof value === 'string') {
    const match = PERCENT.exec(value)
    if (match) fraction = Number(match[1]) / 100
  }
  if (fraction === undefined) throw argumentError(argument, value, "a percentage such as '5%' or a fraction such as 0.05")
  return fraction
}

/** A gate threshold: a percentage string (`'20%'`) or a fraction below 1 (`0.2`). */
export type Threshold = number | string

/**
 * Parses a threshold of the regression gate: one rule everywhere (plugin, Jest reporter,
 * per-bench options, the CLI). Strings carry `%` (`'20%'`, `'150%'`); numbers are fractions and
 * must lie in 0..1, since a bare `20` or `1.5` could mean 20 % or 2000 %, 1.5 % or 150 %: those
 * are refused rather than guessed.
 *
 * @returns the fraction, e.g. `0.2`
 * @throws TypeError naming `argument` and showing both accepted forms
 */
export function parseThreshold(value: unknown, argument: string): number {
  const accepted = "a percentage string such as '20%', or a fraction below 1 such as 0.2"
  // A threshold is how much slower may pass: below 0 even an unchanged benchmark would fail.
  if ((typeof value === 'number' && value < 0) || (typeof value === 'string' && /^\s*-\s*[\d.]/.test(value))) {
    throw new TypeError(`perfspec: ${argument} cannot be negative (received ${describe(value)}): it is how much slower than the baseline fails; write ${accepted}`)
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0 && value < 1) return value
    if (Number.isFinite(value) && value >= 1) {
      throw new TypeError(`perfspec: ${argument} ${value} is ambiguous: numbers are fractions, so ${value} would mean ${value * 100}%. Write '${value}%' for ${value} percent, or ${value / 100} as a fraction`)
    }
    throw argumentError(argument, value, accepted)
  }
  if (typeof value === 'string') {
    const match = PERCENT.exec(value)
    if (match) return Number(match[1]) / 100
  }
  throw argumentError(argument, value, accepted)
}
