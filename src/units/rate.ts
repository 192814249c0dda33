import { argumentError } from './argument-error.js'

const RATE = /^\s*((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([kmg]?)\s*(?:\/\s*(s|sec|second|ms|m|min|minute))?\s*$/i
const MAGNITUDE: Readonly<Record<string, number>> = { '': 1, k: 1e3, m: 1e6, g: 1e9 }
const PER: Readonly<Record<string, number>> = { s: 1, sec: 1, second: 1, ms: 1000, m: 1 / 60, min: 1 / 60, minute: 1 / 60 }

/** A rate: a number per second, or a string such as `'500/s'`, `'100k/s'`, `'2M/s'`, `'600/min'`. */
export type Rate = number | string

/** Parses a {@link Rate} into events per second; a `TypeError` naming `argument` otherwise. */
export function parseRate(value: unknown, argument: string): number {
  let perSecond: number | undefined
  if (typeof value === 'number' && Number.isFinite(value)) perSecond = value
  else if (typeof value === 'string') {
    const match = RATE.exec(value)
    if (match) {
      // 'm' alone is mega ('2M/s'); as a denominator it is minutes ('/m'): the regex keeps them apart.
      perSecond = Number(match[1]) * MAGNITUDE[match[2]!.toLowerCase()]! * PER[(match[3] ?? 's').toLowerCase()]!
    }
  }
  if (perSecond === undefined || !Number.isFinite(perSecond) || perSecond < 0) {
    throw argumentError(argument, value, "a rate such as 500 (per second), '500/s', '100k/s' or '600/min'")
  }
  return perSecond
}
