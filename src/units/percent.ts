import { argumentError } from './argument-error.js'

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

/** Formats a fraction as a percentage with sensible precision: `22%`, `1.1%`, `0.05%`. */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100
  const abs = Math.abs(pct)
  if (abs >= 10) return `${pct.toFixed(0)}%`
  if (abs >= 1) return `${pct.toFixed(1)}%`
  return `${pct.toFixed(2)}%`
}
