import { projectIdPart } from '../model/names.js'

/**
 * Set by the perf reporter when the configuration declares Vitest projects (`test.projects`): a
 * test file that two projects include runs once in each, and its benchmarks then carry the
 * project's name in their ids (`a.test.ts > [node] > t > b`), or the second would take the
 * first's place. A run of some of the projects (`--project node`) keeps the same ids.
 */
export const PROJECTS_ENV = 'PERFSPEC_VITEST_PROJECTS'

/**
 * Sets or clears {@link PROJECTS_ENV} in this (Vitest's main) process, before any worker starts:
 * by the configuration's declared projects (`declared`, Vitest's `config.projects`), or by the
 * projects Vitest runs (`running`) where it counts them. The plugin decides it in every run
 * (a blob shard, a `perfspec ab` side: runs without the perf reporter), the reporter again: the
 * same file's benchmarks get the same ids however the run reports.
 */
export function markProjects(declared: unknown, running = 0): void {
  if ((Array.isArray(declared) && declared.length > 0) || running > 1) process.env[PROJECTS_ENV] = '1'
  else delete process.env[PROJECTS_ENV]
}

/** The id part naming a project, when the run has several and the project has a name; none otherwise. */
export function projectTitle(name: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  return env[PROJECTS_ENV] === '1' && name ? [projectIdPart(name)] : []
}

/**
 * Whether Vitest's command line reads a project name as a number (`--project= 1` is the number 1,
 * which matches no project): digits, with spaces, a sign, a point, an exponent or a base prefix
 * around them, or nothing but spaces.
 */
export function readsAsNumber(name: string): boolean {
  // The rule of the argument parser Vitest's command line uses: a finite `+value` is a number.
  return Number.isFinite(Number(name))
}

/**
 * Names of projects that Vitest named by their place in the list (a project without `name` gets
 * its index, `"0"`, `"1"`), or that read as such a number ({@link readsAsNumber}): their
 * benchmarks' ids, and so their baselines, follow that place, reordering the projects would
 * compare each with another's baselines, and the runner's command line cannot select them.
 */
export function positionalProjectNames(names: readonly string[]): string[] {
  return names.filter(readsAsNumber)
}

/**
 * The error for a perf run of a Vitest project that Vitest named by its place in the list (see
 * {@link positionalProjectNames}), or that a user named so that it reads as such a number.
 */
export function positionalProjectError(name: string): string {
  return `perfspec: Vitest project "${name}" has no name of its own${/^\d+$/.test(name) ? '' : ' but one that reads as a number'}, so Vitest numbers it by its place in the list, and its benchmarks' ids and baselines would follow that place: reordering the projects would judge each against another's baselines. Give every project of a perf run a name with a letter in it (test: { name: 'node' }); a name that reads as a number (digits, with spaces, a sign or an exponent) is taken for such a number`
}
