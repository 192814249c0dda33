import type { ComplexityClass } from '../model/scaling.js'

/**
 * The one place where figures become text: durations, rates, bytes, percentages, signed
 * changes, counts, a result's uncertainty and growth classes. Matchers' messages and every report use these.
 */

/**
 * Formats milliseconds with the unit that keeps 3–4 significant digits: `61.2µs`, `1.25ms`,
 * `812ns`, `2.40s`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  const abs = Math.abs(ms)
  if (abs === 0) return '0ns'
  // Below a hundredth of a nanosecond two decimals would print 0.00ns: two significant digits.
  if (abs < 1e-8) return `${tiny(ms * 1e6)}ns`
  if (abs < 1e-3) return `${significant(ms * 1e6)}ns`
  if (abs < 1) return `${significant(ms * 1e3)}µs`
  if (abs < 1000) return `${significant(ms)}ms`
  return `${significant(ms / 1000)}s`
}

/** Two significant digits of a number below 0.01, without scientific notation: `0.0012`. */
function tiny(value: number): string {
  const decimals = Math.min(20, Math.ceil(-Math.log10(Math.abs(value))) + 1)
  return value.toFixed(decimals).replace(/0+$/, '')
}

/** Three significant digits, but never scientific notation and at most two decimals. */
export function significant(value: number): string {
  const abs = Math.abs(value)
  if (abs >= 100) return value.toFixed(0)
  if (abs >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

/** Formats a per-second rate compactly: `1.23M/s`, `45.6k/s`, `812/s`. */
export function formatRate(perSecond: number): string {
  const abs = Math.abs(perSecond)
  if (abs >= 1e9) return `${(perSecond / 1e9).toPrecision(3)}G/s`
  if (abs >= 1e6) return `${(perSecond / 1e6).toPrecision(3)}M/s`
  if (abs >= 1e3) return `${(perSecond / 1e3).toPrecision(3)}k/s`
  return `${perSecond.toPrecision(3)}/s`
}

/** Formats bytes with a binary unit: `812 B`, `12.4 KB`, `3.10 MB`. Negative values keep their sign. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes)
  if (abs < 1024) return `${bytes.toFixed(abs < 10 ? 1 : 0)} B`
  if (abs < 1024 ** 2) return `${(bytes / 1024).toPrecision(3)} KB`
  if (abs < 1024 ** 3) return `${(bytes / 1024 ** 2).toPrecision(3)} MB`
  return `${(bytes / 1024 ** 3).toPrecision(3)} GB`
}

/** Formats a fraction as a percentage with sensible precision: `22%`, `1.1%`, `0.05%`. */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100
  const abs = Math.abs(pct)
  if (abs >= 10) return `${pct.toFixed(0)}%`
  if (abs >= 1) return `${pct.toFixed(1)}%`
  return `${pct.toFixed(2)}%`
}

/**
 * Formats a confidence level with the digits that keep it below 100 %: `95%`, `99.5%`, `99.92%`
 * (a confidence corrected for many benchmarks would otherwise round to a false `100%`).
 */
export function formatConfidence(fraction: number): string {
  const miss = (1 - fraction) * 100
  if (!(miss > 0)) return `${(fraction * 100).toFixed(0)}%`
  const decimals = Math.min(4, Math.max(0, Math.ceil(-Math.log10(miss))))
  // Cut, not rounded: 99.99999 % shown as 100.0000 % would claim certainty.
  const scale = 10 ** decimals
  return `${(Math.floor(fraction * 100 * scale + 1e-6) / scale).toFixed(decimals)}%`
}

/**
 * Formats a relative change (`−0.25` for 25 % less) with its sign: `−25%`, `+3.1%`, `+∞%`. Beyond
 * a 90 % reduction the percentage alone reads as `−100%`, so the factor is added:
 * `−99.99% (1,080× faster)`; with `short` (a table column of 12), the factor alone: `1080× faster`,
 * `25k× faster`.
 */
export function formatChange(fraction: number, { short = false }: { short?: boolean } = {}): string {
  if (Number.isNaN(fraction)) return '—'
  const sign = fraction < 0 ? '−' : '+'
  if (!Number.isFinite(fraction)) return `${sign}∞%`
  const abs = Math.abs(fraction)
  if (fraction > -0.9) return `${sign}${formatPercent(abs)}`
  const factor = 1 / (1 + fraction)
  if (short) return `${!Number.isFinite(factor) ? '∞' : factor < 1e4 ? Math.round(factor) : `${Math.round(factor / 1e3)}k`}× faster`
  const percent = abs * 100 >= 99.95 ? (abs * 100).toFixed(2) : (abs * 100).toFixed(1)
  return `${sign}${percent}% (${Number.isFinite(factor) ? Math.round(factor).toLocaleString('en-US') : '∞'}× faster)`
}

/** Formats a count with thousands separators: `4,120`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US')
}

/** `2.1x`, `14,000x`: a ratio of speeds or sizes, at least 1 (one decimal below 10). */
export function formatTimes(ratio: number): string {
  return `${ratio >= 10 ? formatCount(Math.round(ratio)) : ratio.toFixed(1)}x`
}

/** `±1.1%`: a relative margin of error given in percent; `±∞%` when unknown. */
export function formatRme(rmePercent: number): string {
  return `±${Number.isFinite(rmePercent) ? rmePercent.toFixed(1) : '∞'}%`
}

/** `±1.1% (n=4,120)`: how well a figure is known, from its margin of error (percent) and sample count. */
export function formatUncertainty(rmePercent: number, samples: number): string {
  const rme = Number.isFinite(rmePercent) ? `${formatRme(rmePercent)} ` : ''
  return `${rme}(n=${formatCount(samples)})`
}

/** A growth class as people write it: `O(1)`, `O(n log n)`, `O(n²)`. */
export function formatComplexity(cls: ComplexityClass): string {
  return `O(${cls.replace('^2', '²').replace('^3', '³')})`
}

/** A growth exponent (slope of log time against log size) to two decimals: `1.02`, `−0.01`. */
export function formatExponent(exponent: number): string {
  if (!Number.isFinite(exponent)) return String(exponent)
  const text = exponent.toFixed(2)
  return text.startsWith('-') ? `−${text.slice(1)}` : text
}

/** A size of a scaling check, compactly: `100`, `1k`, `25k`, `1.5M`. */
export function formatSize(n: number): string {
  const compact = (value: number, unit: string) => `${Number(value.toPrecision(3))}${unit}`
  if (n >= 1e9) return compact(n / 1e9, 'G')
  if (n >= 1e6) return compact(n / 1e6, 'M')
  if (n >= 1e3) return compact(n / 1e3, 'k')
  return String(n)
}
