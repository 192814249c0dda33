import { fittedTimes } from '../analyse/growth-classes.js'
import type { ScalingRow } from '../model/run-report.js'
import type { ScalingResult } from '../model/scaling.js'
import { formatComplexity, formatCount, formatDuration, formatExponent, formatPercent } from '../units/format.js'
import { scalingChart } from './charts.js'
import { BADGE, markdownTable as table } from './markdown-table.js'
import { markdownText as md } from './markdown-text.js'
import { entryName, nameInTest, testLocation } from './row-name.js'

/** The check's own name after its test's, fitted to `width`: `sorting › grows as n log n › sort`. */
export function scalingName(row: ScalingRow, width = Infinity): string {
  return nameInTest(row.test.test, entryName(row.scaling), width)
}

/** `O(n log n), exponent 1.27 (95% CI 1.24 to 1.31)`: what a check found, in one phrase. */
export function growthText(r: ScalingResult): string {
  const { fit } = r
  return `${formatComplexity(fit.best)}, exponent ${formatExponent(fit.exponent)} (${formatPercent(fit.confidence)} CI ${formatExponent(fit.interval[0])} to ${formatExponent(fit.interval[1])})`
}

/** One check: what it looks like, a table per size, the chart, every class's fit, its expectations. */
function checkSection(row: ScalingRow): string[] {
  const where = testLocation(row.test)
  const out = [`### ${md(scalingName(row))}`, '']
  const r = row.scaling.result
  if (!r) return [...out, `${BADGE[row.status === 'XFAIL' || row.status === 'CAUGHT' ? row.status : 'FAIL']}: ${md(row.scaling.error ?? '')} — ${md(where)}`, '']
  const chosen = r.fit.classes.find((c) => c.class === r.fit.best)
  out.push(
    `${BADGE[row.status]} · looks like **${md(formatComplexity(r.fit.best))}** · exponent ${md(`${formatExponent(r.fit.exponent)} (${formatPercent(r.fit.confidence)} CI ${formatExponent(r.fit.interval[0])} to ${formatExponent(r.fit.interval[1])})`)}` +
      `${chosen ? ` · fits within ${md(formatPercent(chosen.rms))} (rms)` : ''} · ${formatCount(r.rounds)} rounds · ${md(where)}`,
    '',
  )
  out.push(
    table(
      ['n', 'time per call', 'rounds (fastest – slowest)', 'samples', 'vs previous size'],
      r.points.map((p, i) => {
        const previous = r.points[i - 1]
        const ratio = previous ? `×${(p.time / previous.time).toPrecision(3)} for n ×${Number((p.size / previous.size).toPrecision(3))}` : '—'
        return [formatCount(p.size), formatDuration(p.time), `${formatDuration(Math.min(...p.rounds))} – ${formatDuration(Math.max(...p.rounds))}`, formatCount(p.result.samples), ratio]
      }),
    ),
    '',
  )
  const sizes = r.points.map((p) => p.size)
  if (chosen) out.push(scalingChart(r.name, r.points, fittedTimes(chosen, sizes), chosen.class), '')
  const more: string[] = [
    table(
      ['Class', 'rms of residuals', 'R²', 'fixed part', `growing part at n=${formatCount(sizes[sizes.length - 1]!)}`, `resamples at most this class`],
      r.fit.classes.map((c, i) => [
        `${formatComplexity(c.class)}${c.class === r.fit.best ? ' (chosen)' : ''}`,
        formatPercent(c.rms),
        c.r2.toFixed(3),
        formatDuration(c.a),
        formatDuration(c.b),
        formatPercent(r.fit.atMost[i] ?? Number.NaN),
      ]),
    ),
    '',
    `The chosen class is the slowest-growing one that fits within ${md(formatPercent(r.fit.tolerance))} (rms) of the best fit; the interval and the shares come from ${formatCount(r.fit.resamples)} resamples of the rounds.`,
    '',
  ]
  out.push('<details>', '<summary>Fit of every class</summary>', '', ...more, '</details>', '')
  if (row.expectations.length) {
    out.push(table(['Expectation', 'Status', 'Details'], row.expectations.map((e) => [`${e.subject} ${e.comparator} ${e.complexity ? formatComplexity(e.complexity.limit) : 'limit'}`, BADGE[e.status], e.message])), '')
  }
  for (const w of r.warnings) out.push(`- ⚠️ ${md(w)}`)
  if (r.warnings.length) out.push('')
  return out
}

/**
 * The report's section about scaling checks: for each, the class it looks like and its exponent,
 * a table of the time per call at each size, the curve, and every class's fit. Empty when the run had none.
 */
export function renderScalingSection(rows: readonly ScalingRow[]): string[] {
  if (rows.length === 0) return []
  return ['## Scaling', '', ...rows.flatMap(checkSection)]
}
