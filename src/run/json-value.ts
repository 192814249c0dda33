import { printable } from '../model/names.js'

/** True when parsed JSON is an object (not null, not an array): a value whose fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Parsed JSON with every string in it made printable ({@link printable}): a file's ids, names and
 * messages reach terminals, Markdown and GitHub's workflow commands, where a line break or an
 * escape sequence would start a line of its own (`::error::…`). Done once, where a file is read,
 * so that every output of it is safe. Strings without control characters are kept as they are.
 */
export function withPrintableStrings(value: unknown): unknown {
  if (typeof value === 'string') return printable(value)
  if (Array.isArray(value)) return value.map(withPrintableStrings)
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withPrintableStrings(v)]))
  return value
}

/**
 * Parsed JSON with its `null`s back as `NaN`: perfspec writes a figure that was not finite as
 * `null` (JSON has no NaN), and NaN is what every formatter shows as unknown, where a `null` would
 * break arithmetic. Fields named in `keep` hold a real `null` (not a figure) and keep it.
 */
export function nullsToNaN(value: unknown, keep: ReadonlySet<string> = NO_KEYS, key = ''): unknown {
  if (value === null) return keep.has(key) ? null : Number.NaN
  if (Array.isArray(value)) return value.map((v) => nullsToNaN(v, keep))
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullsToNaN(v, keep, k)]))
  return value
}

const NO_KEYS: ReadonlySet<string> = new Set()
