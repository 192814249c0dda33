import type { Bins } from '../analyse/distribution.js'
import type { LoadWindow } from '../model/bench-result.js'
import { formatComplexity, formatDuration, formatSize } from '../units/format.js'
import type { ComplexityClass } from '../model/scaling.js'
import { fitMiddle } from './fit-text.js'

/**
 * Charts for the Markdown report, as Mermaid `xychart-beta` blocks: GitHub renders them in the
 * repository view, pull-request comments and `$GITHUB_STEP_SUMMARY`, with no image to host.
 */

/** Longest label on a chart's axis; longer ones are shortened in the middle. */
const LABEL_WIDTH = 28

/**
 * A label as a Mermaid string, fitted to {@link LABEL_WIDTH}: no double quotes inside, nor
 * brackets, backslashes or angle brackets, which Mermaid may read as syntax or as HTML.
 */
function label(text: string, width = LABEL_WIDTH): string {
  return `"${fitMiddle(text.replace(/"/g, "'").replace(/[\\[\]<>]/g, ''), width)}"`
}

/** A number as the chart writes it: at most one decimal. */
function num(value: number): string {
  return String(Math.round(value * 10) / 10)
}

function fence(lines: string[]): string {
  return ['```mermaid', ...lines, '```'].join('\n')
}

/** A chart's size, as Mermaid's front matter sets it: small enough to scroll past. */
function sized(width: number, height: number): string[] {
  return ['---', 'config:', '  xyChart:', `    width: ${width}`, `    height: ${height}`, '---']
}

/**
 * A horizontal bar per benchmark: its current figure as a percentage of its baseline's (100 is
 * unchanged, above is slower), with a line at the threshold. `words` name the two sides in the
 * title (default: Current, baseline; `perfspec ab` says Head, base). Mermaid draws bars from the axis'
 * start, so a ratio from 0 reads right where a signed change would not. `undefined` when no
 * benchmark was compared.
 */
export function changeChart(items: ReadonlyArray<{ label: string; change: number }>, threshold: number, words: { now: string; then: string } = { now: 'Current', then: 'baseline' }): string | undefined {
  if (items.length === 0) return undefined
  const ratios = items.map((i) => (1 + i.change) * 100)
  const limit = (1 + threshold) * 100
  const top = Math.ceil(Math.max(...ratios, limit) / 10) * 10 + 10
  return fence([
    ...sized(700, Math.min(900, 120 + 28 * items.length)),
    'xychart-beta horizontal',
    `  title "${words.now} as % of ${words.then} (100 = unchanged; line: threshold ${num(limit)})"`,
    `  x-axis [${items.map((i) => label(i.label)).join(', ')}]`,
    `  y-axis "% of ${words.then}" 0 --> ${top}`,
    `  bar [${ratios.map(num).join(', ')}]`,
    `  line [${items.map(() => num(limit)).join(', ')}]`,
  ])
}

/** A histogram of one benchmark's latency: the share of calls per bin, its 1st to 99th percentile. */
export function distributionChart(name: string, bins: Bins): string {
  const mids = bins.shares.map((_, i) => (bins.edges[i]! + bins.edges[i + 1]!) / 2)
  const shares = bins.shares.map((s) => s * 100)
  return fence([
    ...sized(600, 260),
    'xychart-beta',
    `  title ${label(`${name}: latency`)}`,
    `  x-axis "latency per call (p1 to p99)" [${mids.map((m) => label(formatDuration(m))).join(', ')}]`,
    `  y-axis "calls (%)" 0 --> ${num(Math.ceil(Math.max(...shares, 1)))}`,
    `  bar [${shares.map(num).join(', ')}]`,
  ])
}

/**
 * A load run's latency over time: its p95 (upper line) and mean (lower line) in each window of
 * the measured phase, in ms; `undefined` when fewer than two windows had a successful call.
 */
export function timelineChart(name: string, windows: readonly LoadWindow[]): string | undefined {
  const measured = windows.filter((w) => w.mean !== undefined && w.p95 !== undefined)
  if (measured.length < 2) return undefined
  const ms = (v: number) => Math.round(v * 1000) / 1000
  const top = Math.max(...measured.map((w) => w.p95!))
  return fence([
    ...sized(600, 260),
    'xychart-beta',
    `  title ${label(`${name}: p95 (upper) and mean latency over time`)}`,
    `  x-axis "time into the run" [${measured.map((w) => label(formatDuration(w.start))).join(', ')}]`,
    `  y-axis "latency (ms)" 0 --> ${ms(top * 1.1) || 1}`,
    `  line [${measured.map((w) => ms(w.p95!)).join(', ')}]`,
    `  line [${measured.map((w) => ms(w.mean!)).join(', ')}]`,
  ])
}

/**
 * The per-size curve of a scaling check, log-log so that every size shows and a power of n is a
 * straight line: bars for the measured time per call at each size, a line for the fitted class,
 * on log10 of nanoseconds (3 is 1 µs, 6 is 1 ms).
 */
export function scalingChart(name: string, points: ReadonlyArray<{ size: number; time: number }>, fitted: readonly number[], cls: ComplexityClass): string {
  const log = (ms: number) => Math.round(Math.log10(Math.max(ms, 1e-9) * 1e6) * 100) / 100
  const measured = points.map((p) => log(p.time))
  const line = fitted.map(log)
  const low = Math.floor(Math.min(...measured, ...line)) - 1
  const high = Math.ceil(Math.max(...measured, ...line))
  return fence([
    ...sized(600, 260),
    'xychart-beta',
    `  title ${label(`${name}: time per call by size (bars), fitted ${formatComplexity(cls)} (line)`, 70)}`,
    `  x-axis "n" [${points.map((p) => label(formatSize(p.size))).join(', ')}]`,
    `  y-axis "ns per call, log10 (3 = 1 µs)" ${low} --> ${high}`,
    `  bar [${measured.join(', ')}]`,
    `  line [${line.join(', ')}]`,
  ])
}
