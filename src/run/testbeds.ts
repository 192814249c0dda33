import type { BaselineEntry, BaselineFile } from '../model/baseline.js'

/** The entries of one testbed of a baseline file: the named one, or the unnamed `benchmarks`. */
export function entriesOf(file: BaselineFile, testbed: string | undefined): BaselineEntry[] {
  if (testbed === undefined) return file.benchmarks
  return file.testbeds?.find((t) => t.name === testbed)?.benchmarks ?? []
}

/**
 * The entries of the file's other testbeds, by bench id, for benchmarks the given testbed has
 * none of: what a run can compare with, not gate against. When one id is in several, the
 * unnamed baselines win, then the testbeds in file order (sorted by name when perfspec wrote it).
 */
export function otherTestbedEntries(file: BaselineFile, testbed: string | undefined): Map<string, { name: string | null; entry: BaselineEntry }> {
  const own = new Set(entriesOf(file, testbed).map((e) => e.bench_id))
  const others: Array<{ name: string | null; benchmarks: BaselineEntry[] }> = [
    ...(testbed === undefined ? [] : [{ name: null, benchmarks: file.benchmarks }]),
    ...(file.testbeds ?? []).filter((t) => t.name !== testbed),
  ]
  const found = new Map<string, { name: string | null; entry: BaselineEntry }>()
  for (const t of others) for (const entry of t.benchmarks) if (!own.has(entry.bench_id) && !found.has(entry.bench_id)) found.set(entry.bench_id, { name: t.name, entry })
  return found
}

/** The file with one testbed's entries replaced, every other testbed kept as it was. */
export function withEntries(file: BaselineFile | undefined, testFile: string, testbed: string | undefined, entries: BaselineEntry[]): BaselineFile {
  const base: BaselineFile = file ?? { perfspec: 1, file: testFile, benchmarks: [] }
  if (testbed === undefined) return { ...base, benchmarks: entries }
  const others = (base.testbeds ?? []).filter((t) => t.name !== testbed)
  return { ...base, testbeds: [...others, { name: testbed, benchmarks: entries }].sort((a, b) => (a.name < b.name ? -1 : 1)) }
}

/** A problem the schema cannot see: two testbeds of one name. */
export function testbedProblems(file: BaselineFile): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  file.testbeds?.forEach((t, i) => {
    if (seen.has(t.name)) problems.push(`testbeds[${i}].name "${t.name}" names a testbed that appears earlier in the file; merge the two or rename one`)
    seen.add(t.name)
  })
  return problems
}
