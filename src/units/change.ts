import { formatPercent } from './percent.js'

/**
 * Formats a relative change (`−0.25` for 25 % less) with its sign: `−25%`, `+3.1%`. Beyond a
 * 90 % reduction the percentage alone reads as `−100%`, so the factor is added: `−99.99% (1,080× faster)`.
 */
export function formatChange(fraction: number): string {
  const sign = fraction < 0 ? '−' : '+'
  const abs = Math.abs(fraction)
  if (fraction > -0.9) return `${sign}${formatPercent(abs)}`
  const percent = abs * 100 >= 99.95 ? (abs * 100).toFixed(2) : (abs * 100).toFixed(1)
  const factor = 1 / (1 + fraction)
  return `${sign}${percent}% (${Number.isFinite(factor) ? Math.round(factor).toLocaleString('en-US') : '∞'}× faster)`
}
