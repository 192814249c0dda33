import { normalize } from 'pathe'
import type { ResolvedPerfOptions } from '../run/options.js'

/**
 * The options of `perf()` that differ between two of its instances in one run, each as
 * `threshold 0.05 (project "one": 0.5)`: a run has one perf reporter, one baseline folder and one
 * gate, so the options of the instance that set it up apply to every project.
 *
 * @param first - how the instance that set up the run is named, e.g. `project "one"`
 */
export function differingOptions(options: ResolvedPerfOptions, firstOptions: ResolvedPerfOptions, first: string): string[] {
  const keys = new Set([...Object.keys(options), ...Object.keys(firstOptions)])
  keys.delete('source')
  const shown = (value: unknown) => (value === undefined ? 'unset' : JSON.stringify(value))
  const out: string[] = []
  for (const key of [...keys].sort()) {
    const mine = (options as unknown as Record<string, unknown>)[key]
    const theirs = (firstOptions as unknown as Record<string, unknown>)[key]
    if (JSON.stringify(comparable(key, mine)) !== JSON.stringify(comparable(key, theirs))) out.push(`${key} ${shown(mine)} (${first}: ${shown(theirs)})`)
  }
  return out
}

/** Options that name a path, compared as the path they name (`'./baselines/'` is `'baselines'`). */
const PATH_OPTIONS = new Set(['output', 'json', 'baselineDir'])

/** An option's value as it is compared: a path normalized, each of `exports`' paths too. */
function comparable(key: string, value: unknown): unknown {
  const path = (p: unknown) => (typeof p === 'string' ? normalize(p).replace(/(.)\/$/, '$1') : p)
  if (PATH_OPTIONS.has(key)) return path(value)
  if (key === 'exports' && value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([format, p]) => [format, path(p)]))
  return value
}

/** How the Vitest project whose config lists a `perf()` is named in messages. */
export function projectLabel(name: string | undefined): string {
  return name ? `Vitest project "${name}"` : 'the root config'
}

/** The error for a `perf()` whose options differ from those of the instance that set up the run. */
export function projectOptionsText(project: string, first: string, differences: readonly string[]): string {
  // One project with two perf(): its own, and the root config's it inherits (extends: true).
  const whose = project === first ? `${project} has two perf() with different options (its own, and one it inherits, e.g. the root config's through extends: true): ${differences.map((d) => d.replace(` (${first}: `, ' (the other: ')).join(', ')}` : `${project} lists perf() with options that differ from those of ${first}: ${differences.join(', ')}`
  return `perfspec: ${whose}. A run has one perf reporter, one baseline folder and one gate for all its projects, so one project's options cannot apply to it alone; give perf() its options once (in the root config, or the same in every project), or run the projects as separate vitest runs`
}
