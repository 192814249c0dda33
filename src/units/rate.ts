import { AMOUNT, spellingInstead } from './amount.js'
import { ambiguityError, argumentError } from './argument-error.js'
import { durationUnitIgnoringCase, durationUnitMs } from './duration.js'

/** An amount (the one grammar, see AMOUNT), a multiplier, and per what duration unit (default a second); no spaces. */
const RATE = new RegExp(`^(${AMOUNT})([a-zA-Z]?)(?:/([^/]+))?$`)

/**
 * Multipliers, case-sensitive as in SI: `k` a thousand (`K` too: it means nothing else), `M` a
 * million, `G` a billion, as `formatRate` writes them. Lower-case `m` is SI's milli-, which no
 * one means for calls per second; it is refused rather than read as mega.
 */
const MAGNITUDE: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 }

/**
 * A rate: a number per second, or a string without spaces: a plain decimal amount, an optional
 * multiplier (`k`, `M`, `G`) and an optional `/` duration unit (default per second), all
 * case-sensitive: `'500/s'`, `'100k/s'`, `'2M/s'`, `'600/min'`. `'2m/s'` (milli-) and `'600/m'`
 * (minute or milli-?) are refused as ambiguous; `'100 k/s'` and `'100/S'` as not written so.
 */
export type Rate = number | string

/** Parses a {@link Rate} into events per second; a `TypeError` naming `argument` otherwise. */
export function parseRate(value: unknown, argument: string): number {
  const perSecond = typeof value === 'number' ? value : typeof value === 'string' ? rateOfText(value, argument) : undefined
  if (perSecond === undefined || !Number.isFinite(perSecond) || perSecond < 0) {
    const instead = typeof value === 'string' ? spellingInstead(value, fixPer, (text) => rateOfText(text, argument)) : undefined
    throw argumentError(argument, value, "a rate such as 500 (per second), '500/s', '100k/s', '2M/s' or '600/min'", instead)
  }
  return perSecond
}

/** Events per second of a rate string, or undefined when it does not follow the grammar. @throws TypeError for an ambiguous `m` */
function rateOfText(text: string, argument: string): number | undefined {
  const match = RATE.exec(text)
  if (!match) return undefined
  const amount = match[1]!
  const magnitude = match[2]!
  const per = match[3] ?? 's'
  if (magnitude === 'm') throw ambiguityError(argument, text, `'m' is milli-, and thousandths of a call per second are never meant: write '${amount}M/s' for ${amount} million per second`)
  if (per === 'm' || per === 'M') throw ambiguityError(argument, text, `write '${amount}${magnitude}/min' for per minute`)
  const factor = Object.hasOwn(MAGNITUDE, magnitude) ? MAGNITUDE[magnitude] : undefined
  const msPer = durationUnitMs(per)
  return factor === undefined || msPer === undefined ? undefined : Number(amount) * factor * (1000 / msPer)
}

/** `'k/S'` → `'k/s'`: the duration after the `/` in its accepted case; the multiplier's case is its meaning, and stays. */
function fixPer(unit: string): string | undefined {
  const slash = unit.indexOf('/')
  if (slash < 0) return undefined
  const per = durationUnitIgnoringCase(unit.slice(slash + 1))
  return per === undefined ? undefined : `${unit.slice(0, slash + 1)}${per}`
}
