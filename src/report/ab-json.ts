import type { AbRunReport } from '../model/ab-run.js'

/**
 * The JSON of an A/B run (`.perfspec/ab/results.json`): the report as is, two-space indented.
 * `NaN` figures (a side with no block, an interval not yet computed) are written as `null`, as
 * JSON has no NaN; `readAbReport` reads them back as `NaN`.
 */
export function renderAbJson(report: AbRunReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`
}
