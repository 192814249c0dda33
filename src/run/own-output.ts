import { readFileSync } from 'node:fs'

/** The kinds of file the reporter writes at the end of a run. */
export type OutputKind = 'json' | 'markdown' | 'bmf' | 'github-action-benchmark'

/** Whether `text` looks like a file of `kind` that perfspec wrote. */
function looksLike(kind: OutputKind, text: string): boolean {
  if (kind === 'markdown') return text.startsWith('# Benchmark results')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return false
  }
  if (kind === 'json') return typeof data === 'object' && data !== null && (data as { perfspec?: unknown }).perfspec === 1 && Array.isArray((data as { tests?: unknown }).tests)
  if (kind === 'github-action-benchmark') return Array.isArray(data) && data.every((e) => typeof e === 'object' && e !== null && 'name' in e && 'value' in e)
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).every((m) => typeof m === 'object' && m !== null && ('latency' in m || 'throughput' in m))
}

/**
 * Why the reporter must not write a file of `kind` at `path`, or `undefined`: a file that exists
 * and that perfspec did not write (a source file, `package.json`, a baseline) is the user's, and
 * a mistyped `output`, `json` or `exports` path must not replace it.
 */
export function notOurs(kind: OutputKind, path: string): string | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined // absent, or unreadable: the write itself will say what is wrong
  }
  return looksLike(kind, text) ? undefined : `the file exists and is not one perfspec wrote (a ${kind === 'markdown' ? 'Markdown report' : kind === 'json' ? 'run report' : `${kind} export`}); choose another path, or delete the file if it is yours to lose`
}
