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
