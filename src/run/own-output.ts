import { readRegularFile } from './regular-file.js'
import { markedTestFile } from './baseline-store.js'

/** The kinds of file the reporter writes at the end of a run. */
export type OutputKind = 'json' | 'markdown' | 'bmf' | 'github-action-benchmark' | 'ab-json'

/** Whether `text` looks like a file of `kind` that perfspec wrote: a report, an export, or a baseline file. */
export function looksLike(kind: OutputKind | 'baseline', text: string): boolean {
  if (kind === 'baseline') return markedTestFile(text) !== undefined
  if (kind === 'markdown') return text.startsWith('# Benchmark results')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return false
  }
  if (kind === 'ab-json') return typeof data === 'object' && data !== null && (data as { perfspecAb?: unknown }).perfspecAb === 1
  if (kind === 'json') return typeof data === 'object' && data !== null && (data as { perfspec?: unknown }).perfspec === 1 && Array.isArray((data as { tests?: unknown }).tests)
  if (kind === 'github-action-benchmark') return Array.isArray(data) && data.every((e) => typeof e === 'object' && e !== null && 'name' in e && 'value' in e)
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).every((m) => typeof m === 'object' && m !== null && ('latency' in m || 'throughput' in m))
}

/** Why perfspec must not write at a path; `forcible` when the user may ask it to replace the file all the same. */
export interface OutputRefusal {
  problem: string
  forcible: boolean
}

/**
 * Why perfspec must not write a file of `kind` at `path`, or `undefined`: a file that exists and
 * that perfspec did not write (a source file, `package.json`, a baseline) is the user's, and a
 * mistyped `output`, `json` or `exports` path (or the command line's `--output`) must not replace
 * it (`forcible`); nor may a FIFO or a device be replaced by a file (never). Such a path is never
 * read: a FIFO would block, and a file over `MAX_FILE_BYTES` is none perfspec wrote.
 */
export function outputRefusal(kind: OutputKind, path: string): OutputRefusal | undefined {
  const file = readRegularFile(path)
  if (!file.ok) {
    if (file.reason === 'special') return { problem: `the path ${file.problem}; choose a file path`, forcible: false }
    if (file.reason === 'too-large') return { problem: `the file exists and ${file.problem}; choose another path, or delete the file if it is yours to lose`, forcible: true }
    return undefined // absent, a directory, or unreadable: the write itself will say what is wrong
  }
  if (looksLike(kind, file.text)) return undefined
  const what = kind === 'markdown' ? 'Markdown report' : kind === 'json' ? 'run report' : kind === 'ab-json' ? 'perfspec ab results file' : `${kind} export`
  return { problem: `the file exists and is not one perfspec wrote (a ${what}); choose another path, or delete the file if it is yours to lose`, forcible: true }
}

/** {@link outputRefusal}'s problem: why the reporter does not write a file of `kind` at `path`, or `undefined`. */
export function notOurs(kind: OutputKind, path: string): string | undefined {
  return outputRefusal(kind, path)?.problem
}
