import type { BaselineEntry, BaselineFile } from '../model/baseline.js'

/** The entries of one testbed of a baseline file: the named one, or the unnamed `benchmarks`. */
export function entriesOf(file: BaselineFile, testbed: string | undefined): BaselineEntry[] {
  if (testbed === undefined) return file.benchmarks
  return file.testbeds?.find((t) => t.name === testbed)?.benchmarks ?? []
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
