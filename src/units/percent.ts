import { AMOUNT, spellingInstead } from './amount.js'
import { argumentError, describe } from './argument-error.js'

const PERCENT = new RegExp(`^(${AMOUNT})%$`)

/**
 * A fraction: a percentage string (`'5%'`) or a number below 1 (`0.05`). A number of 1 or more
 * is refused as ambiguous (`5`: 5 % or 500 %?), with both forms in the message.
 */
export type Fraction = number | string

/** The range and example of one kind of fraction, for {@link parseFraction}'s checks and messages. */
export interface FractionKind {
  /** An accepted percentage, shown in messages with its fraction: `'5%'` (and `0.05`). */
  example: string
  /**
   * The largest value that means something, as a fraction (`1` for a share of the calls), and
   * why, for the message: `'an error rate is a share of the calls'`. Default: none (a threshold
   * of `'150%'` is fine).
   */
  max?: { value: number; why: string }
}

const ANY: FractionKind = { example: '5%' }

/**
 * Parses a {@link Fraction}: one rule for every fraction perfspec takes (gate thresholds, the
 * limits of `expectErrors(…).rate` and `expectCpu(…).utilization`, `by`, `confidence`, the
 * margin of `toBeWithin`). Strings carry `%` (`'20%'`, `'0.5%'`; a plain decimal, no spaces);
 * numbers are fractions and must lie in 0..1, 1 excluded, since a bare `5` or `1.5` could mean
 * 5 % or 500 %, 1.5 % or 150 %: those are refused rather than guessed. A fraction above
 * `kind.max` is refused too, saying why.
 *
 * @returns the fraction, e.g. `0.05`
 * @throws TypeError naming `argument` and showing both accepted forms
 */
export function parseFraction(value: unknown, argument: string, kind: FractionKind = ANY): number {
  const fractionExample = tidy(Number(kind.example.slice(0, -1)) / 100)
  const range = kind.max ? ` of at most ${percentOf(kind.max.value)}` : ''
  const accepted = `a percentage string${range} such as '${kind.example}', or a fraction below 1 such as ${fractionExample}`
  let fraction: number | undefined
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 1) {
      const percent = percentOf(value)
      if (kind.max && value / 100 > kind.max.value) {
        throw new TypeError(`perfspec: ${argument} ${value} is out of range: numbers are fractions, so ${value} would mean ${percent}, and ${kind.max.why}, at most ${percentOf(kind.max.value)}; write ${accepted}`)
      }
      // 100 and more have no fraction below 1 to offer: the percentage is the one spelling left.
      const asFraction = value < 100 ? `, or ${tidy(value / 100)} as a fraction` : ''
      throw new TypeError(`perfspec: ${argument} ${value} is ambiguous: numbers are fractions, so ${value} would mean ${percent}. Write '${value}%' for ${value} percent${asFraction}`)
    }
    if (Number.isFinite(value) && value >= 0) fraction = value
  } else if (typeof value === 'string') fraction = fractionOfText(value)
  if (fraction === undefined) {
    const inRange = (text: string) => {
      const f = fractionOfText(text)
      return f !== undefined && (!kind.max || f <= kind.max.value) ? f : undefined
    }
    throw argumentError(argument, value, accepted, typeof value === 'string' ? spellingInstead(value, () => undefined, inRange) : undefined)
  }
  if (kind.max && fraction > kind.max.value) {
    throw new TypeError(`perfspec: ${argument} ${describe(value)} is out of range: ${kind.max.why}, at most ${percentOf(kind.max.value)}; write ${accepted}`)
  }
  return fraction
}

/**
 * The fraction of a percentage string (`'5%'` → 0.05), or undefined when it is not one. Read as a
 * decimal (`1.1e-2`), not divided by 100: `'1.1%'` is then the number `0.011` is, not
 * 0.011000000000000001, so the same setting written either way is the same setting.
 */
function fractionOfText(text: string): number | undefined {
  const match = PERCENT.exec(text)
  return match ? Number(`${match[1]}e-2`) : undefined
}

/** A fraction as a percentage string: `20` → `'2000%'`, `0.011` → `'1.1%'`, without the binary noise of `1.1 * 100`. */
export function percentOf(fraction: number): string {
  return `${tidy(fraction * 100)}%`
}

function tidy(x: number): number {
  return Number(x.toPrecision(12))
}

/** A gate threshold: a percentage string (`'20%'`) or a fraction below 1 (`0.2`). */
export type Threshold = number | string

/**
 * Parses a threshold of the regression gate: one rule everywhere (plugin, Jest reporter,
 * per-bench options, the CLI), {@link parseFraction}'s: strings carry `%` (`'20%'`, `'150%'`);
 * numbers are fractions and must lie in 0..1, `20` and `1.5` being refused as ambiguous.
 *
 * @param against - what the threshold compares with, for the message (default `'the baseline'`;
 *   `perfspec ab` compares with the base revision)
 * @returns the fraction, e.g. `0.2`
 * @throws TypeError naming `argument` and showing both accepted forms
 */
export function parseThreshold(value: unknown, argument: string, against: { what: string; example: string } = BASELINE): number {
  // A threshold is how much slower may pass: below 0 even an unchanged benchmark would fail.
  if ((typeof value === 'number' && value < 0) || (typeof value === 'string' && /^\s*-\s*[\d.]/.test(value))) {
    const fraction = Number.parseFloat(against.example) / 100
    throw new TypeError(`perfspec: ${argument} cannot be negative (received ${describe(value)}): it is how much slower than ${against.what} fails; write a percentage string such as '${against.example}', or a fraction below 1 such as ${fraction}`)
  }
  return parseFraction(value, argument, { example: against.example })
}

const BASELINE = { what: 'the baseline', example: '20%' }
