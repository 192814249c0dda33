/**
 * The formats perfspec exports a run's benchmarks to, for the tools teams already run:
 * - `'bmf'`: the Bencher Metric Format, read by `bencher run --adapter json`;
 * - `'github-action-benchmark'`: the JSON of github-action-benchmark's `customSmallerIsBetter` tool.
 *
 * The one list: the reporter option `exports` and `perfspec export --format` both take these names.
 */
export const EXPORT_FORMATS = ['bmf', 'github-action-benchmark'] as const

/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Whether `value` names an export format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value)
}
