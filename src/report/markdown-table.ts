import { markdownLines } from './markdown-text.js'

/**
 * A Markdown table cell: its text shown as it is ({@link markdownLines}), pipes escaped so they
 * cannot start a cell; the lines of a message of several stay lines (`<br>`).
 */
function cell(text: string): string {
  return markdownLines(text).replace(/\|/g, '\\|')
}

/** A Markdown table; every cell is text shown as it is, none is markup. */
export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n')
}

/**
 * How each status reads in Markdown (XFAIL: a failure in a test expected to fail, which is how it
 * passes; CAUGHT: a failure in a test that passed, which caught it).
 */
export const BADGE = { PASS: '✅ PASS', WARN: '⚠️ WARN', FAIL: '❌ FAIL', XFAIL: '☑️ failed as expected', CAUGHT: '☑️ caught by the test' } as const
