import { ambiguityError, argumentError } from './argument-error.js'
import { durationUnitMs } from './duration.js'

/** An amount, a multiplier, and per what duration unit (default a second). */
const RATE = /^\s*((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-zA-Z]?)\s*(?:\/\s*([a-zA-Zµμ]+))?\s*$/

/**
 * Multipliers, case-sensitive as in SI: `k` a thousand (`K` too: it means nothing else), `M` a
 * million, `G` a billion, as `formatRate` writes them. Lower-case `m` is SI's milli-, which no
 * one means for calls per second; it is refused rather than read as mega.
 */
const MAGNITUDE: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 }

/**
 * A rate: a number per second, or a string: an amount, an optional multiplier (`k`, `M`, `G`)
 * and an optional `/` duration unit (default per second): `'500/s'`, `'100k/s'`, `'2M/s'`,
 * `'600/min'`. `'2m/s'` (milli-) and `'600/m'` (minute or milli-?) are refused as ambiguous.
 */
export type Rate = number | string

/** Parses a {@link Rate} into events per second; a `TypeError` naming `argument` otherwise. */
export function parseRate(value: unknown, argument: string): number {
  let perSecond: number | undefined
  if (typeof value === 'number') perSecond = value
  else if (typeof value === 'string') {
    const match = RATE.exec(value)
    if (match) {
      const amount = match[1]!
      const magnitude = match[2]!
      const per = match[3] ?? 's'
      if (magnitude === 'm') throw ambiguityError(argument, value, `'m' is milli-, and thousandths of a call per second are never meant: write '${amount}M/s' for ${amount} million per second`)
      if (per.toLowerCase() === 'm') throw ambiguityError(argument, value, `write '${amount}${magnitude}/min' for per minute`)
      const factor = MAGNITUDE[magnitude]
      const msPer = durationUnitMs(per)
      if (factor !== undefined && msPer !== undefined) perSecond = Number(amount) * factor * (1000 / msPer)
    }
  }
  if (perSecond === undefined || !Number.isFinite(perSecond) || perSecond < 0) {
    throw argumentError(argument, value, "a rate such as 500 (per second), '500/s', '100k/s', '2M/s' or '600/min'")
  }
  return perSecond
}
