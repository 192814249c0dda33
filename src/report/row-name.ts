import { ID_SEPARATOR, idPart, printable } from '../model/names.js'
import type { BenchRow } from '../model/run-report.js'
import { formatChange } from '../units/format.js'
import { fitMiddle, textWidth } from './fit-text.js'

/**
 * The benchmark's own name after its test's (describe blocks and test), fitted to `width`: the
 * test's part is shortened in its middle first, the benchmark's name only when it alone is too long.
 * Widths are terminal columns ({@link textWidth}).
 */
export function rowName(row: BenchRow, width = Infinity): string {
  return nameInTest(row.test.test, entryName(row.bench), width)
}

/**
 * A measurement's name as its id tells it apart: the name (printable: a no-break space shows as
 * `\u00a0`), and the ` #2` its id took when the name was used before in the same test (two
 * `bench('a')`, several `benchTogether({ a })`).
 */
export function entryName(entry: { id: string; name: string }): string {
  const part = idPart(entry.name)
  const name = printable(entry.name)
  if (entry.id.endsWith(part)) return name
  const suffix = / #\d+$/.exec(entry.id)?.[0]
  return suffix && entry.id.slice(0, -suffix.length).endsWith(part) ? `${name}${suffix}` : name
}

/** The separator of the parts of a name as reports show it (ids have ` > `, see `ID_SEPARATOR`). */
const SHOWN_SEPARATOR = ' › '

/** A part of a shown name, with the shown separator inside it escaped (`a \› b`), as ids escape theirs. */
function shownPart(part: string): string {
  return part.split(SHOWN_SEPARATOR).join(' \\› ')
}

/**
 * A measurement's name after its test's title (`a > b`), as {@link rowName} shows a benchmark's:
 * the parts joined by ` › `, one inside a part escaped (`a \› b`), so that a test named `'a › b'`
 * does not read as a describe `'a'` with a test `'b'`.
 */
export function nameInTest(title: string, name: string, width = Infinity): string {
  const test = title.split(ID_SEPARATOR).map(shownPart).join(SHOWN_SEPARATOR)
  name = shownPart(name)
  if (test === name) return fitMiddle(name, width)
  const full = `${test}${SHOWN_SEPARATOR}${name}`
  if (textWidth(full) <= width) return full
  const room = width - textWidth(name) - SHOWN_SEPARATOR.length
  return room >= 8 ? `${fitMiddle(test, room)}${SHOWN_SEPARATOR}${name}` : fitMiddle(full, width)
}


/** What a row shows against its baseline: the change (`short`: in a console column, see `formatChange`), or what happened to the baseline. */
export function versusBaseline(row: BenchRow, short = false): string {
  const b = row.baseline
  if (!b) return '—'
  if (b.change !== undefined) return formatChange(b.change, { short })
  if (b.status === 'skipped') return b.cause === 'opted-out' ? 'no baseline' : b.cause === 'test-failed' ? 'test failed' : b.cause === 'expected-to-fail' ? 'must fail' : b.cause === 'test-skipped' ? 'skipped' : '—'
  return b.status
}

/**
 * A test's file as reports name it: from the folder the run started in (`path`, for a Vitest
 * project with a root of its own), else its file as ids name it. Two projects' files of one
 * name (`test/b.test.ts`, `sub/test/b.test.ts`) are then two files.
 */
export function testFile(test: { file: string; path?: string }): string {
  return test.path ?? test.file
}

/** Where a test is, as reports say it: `file:line` (the line when known; the file by {@link testFile}). */
export function testLocation(test: { file: string; path?: string; line?: number }): string {
  return `${testFile(test)}${test.line !== undefined ? `:${test.line}` : ''}`
}
