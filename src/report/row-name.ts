import { idPart } from '../model/names.js'
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
 * A measurement's name as its id tells it apart: the name, and the ` #2` its id took when the
 * name was used before in the same test (two `bench('a')`, several `benchTogether({ a })`).
 */
export function entryName(entry: { id: string; name: string }): string {
  const part = idPart(entry.name)
  if (entry.id.endsWith(part)) return entry.name
  const suffix = / #\d+$/.exec(entry.id)?.[0]
  return suffix && entry.id.slice(0, -suffix.length).endsWith(part) ? `${entry.name}${suffix}` : entry.name
}

/** A measurement's name after its test's title (`a > b`), as {@link rowName} shows a benchmark's. */
export function nameInTest(title: string, name: string, width = Infinity): string {
  const test = title.split(' > ').join(' › ')
  if (test === name) return fitMiddle(name, width)
  const full = `${test} › ${name}`
  if (textWidth(full) <= width) return full
  const room = width - textWidth(name) - 3
  return room >= 8 ? `${fitMiddle(test, room)} › ${name}` : fitMiddle(full, width)
}


/** What a row shows against its baseline: the change (`short`: in a console column, see `formatChange`), or what happened to the baseline. */
export function versusBaseline(row: BenchRow, short = false): string {
  const b = row.baseline
  if (!b) return '—'
  if (b.change !== undefined) return formatChange(b.change, { short })
  if (b.status === 'skipped') return b.cause === 'opted-out' ? 'no baseline' : b.cause === 'test-failed' ? 'test failed' : b.cause === 'expected-to-fail' ? 'must fail' : '—'
  return b.status
}
