/**
 * JSON for test records passed between processes (a Jest worker's file, a fresh process's
 * results). JSON has no NaN or Infinity (a margin of error of one sample is infinite): they are
 * tagged, so they come back as the numbers they were, not as `null`.
 */
const TAG = '__perfspec_number'

/** `JSON.stringify`, keeping NaN and ±Infinity. */
export function stringifyRecords(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { [TAG]: String(v) } : v))
}

/** `JSON.parse` of {@link stringifyRecords}'s text. @throws SyntaxError when it is not JSON */
export function parseRecords(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (v && typeof v === 'object' && TAG in v ? Number((v as Record<string, string>)[TAG]) : v))
}
