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
