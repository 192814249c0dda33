import { projectIdPart } from '../model/names.js'

/**
 * Set by the perf reporter when the configuration declares Vitest projects (`test.projects`): a
 * test file that two projects include runs once in each, and its benchmarks then carry the
 * project's name in their ids (`a.test.ts > [node] > t > b`), or the second would take the
 * first's place. A run of some of the projects (`--project node`) keeps the same ids.
 */
export const PROJECTS_ENV = 'PERFSPEC_VITEST_PROJECTS'

/** The id part naming a project, when the run has several and the project has a name; none otherwise. */
export function projectTitle(name: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  return env[PROJECTS_ENV] === '1' && name ? [projectIdPart(name)] : []
}

/**
 * Names of projects that Vitest named by their place in the list (a project without `name` gets
 * its index, `"0"`, `"1"`): their benchmarks' ids, and so their baselines, follow that place, and
 * reordering the projects would compare each with another's baselines.
 */
export function positionalProjectNames(names: readonly string[]): string[] {
  return names.filter((name) => /^\d+$/.test(name))
}

/**
 * The error for a perf run of a Vitest project that Vitest named by its place in the list (see
 * {@link positionalProjectNames}), or that a user named with digits only, which reads the same.
 */
export function positionalProjectError(name: string): string {
  return `perfspec: Vitest project "${name}" has no name of its own, so Vitest numbers it by its place in the list, and its benchmarks' ids and baselines would follow that place: reordering the projects would judge each against another's baselines. Give every project of a perf run a name with a letter in it (test: { name: 'node' }); a name of digits only reads as such a number`
}
