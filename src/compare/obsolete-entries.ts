import type { TestOutline } from '../model/run-report.js'
import { ID_SEPARATOR, idPart } from '../model/names.js'

/** A project's part of an id (`[node]`, see the Vitest adapter), or `undefined`. */
function projectPart(part: string | undefined): string | undefined {
  return part !== undefined && /^\[.*\]$/.test(part) ? part : undefined
}

/** The start of every id recorded in a test: its file, describe blocks and name, then the separator. */
function prefixOf(test: TestOutline): string {
  return [test.file, ...test.titlePath].map(idPart).join(ID_SEPARATOR) + ID_SEPARATOR
}

/**
 * The baseline entries of one test file that no test stands behind any more, from a run of that
 * file: an entry not recorded in this run is obsolete when the test it belongs to passed without
 * recording it (the benchmark was renamed or removed), or when no test of the file has its name
 * (the test was). An entry of a test that failed or was skipped (a filter, `.only`) is kept:
 * its benchmark may simply not have run. An entry of a project (Vitest `test.projects`, Jest
 * `projects`) that ran no test of the file is obsolete when every project ran (`allProjects`: the
 * project was renamed or removed, or the file is gone from it), and kept when the run selected
 * some (`--project`, `--selectProjects`): it is not this run's to judge. Pure.
 *
 * @param ids - the entries' bench ids
 * @param recorded - the bench ids this run recorded in the file
 * @param tests - every test of the file that this run saw, whatever its state
 * @param allProjects - the run left no project out; default `false`
 */
export function obsoleteEntries(ids: readonly string[], recorded: ReadonlySet<string>, tests: readonly TestOutline[], allProjects = false): string[] {
  const prefixes = tests.map((t) => ({ prefix: prefixOf(t), state: t.state }))
  const projects = new Set(tests.map((t) => projectPart(t.titlePath[0])).filter((p) => p !== undefined))
  return ids.filter((id) => {
    if (recorded.has(id)) return false
    const project = projectPart(id.split(ID_SEPARATOR)[1])
    if (project !== undefined && !projects.has(project)) return allProjects
    // The innermost test whose prefix the id has: `describe a > test b` before a test named `a`.
    let owner: { prefix: string; state: TestOutline['state'] } | undefined
    for (const p of prefixes) if (id.startsWith(p.prefix) && (!owner || p.prefix.length > owner.prefix.length)) owner = p
    return !owner || owner.state === 'passed'
  })
}
