import type { Vitest } from 'vitest/node'

/**
 * The folders this Vitest run's test files are named from (`SessionInput.testRoots`): the run's
 * root and each project's own `root`. `false` when the command line selected projects
 * (`--project`): the folders of the projects left out are not known, so no test file is taken
 * for gone.
 */
export function vitestTestRoots(vitest: Pick<Vitest, 'config' | 'projects'>): string[] | false {
  const selected = (vitest.config as { project?: string | string[] }).project
  if (selected !== undefined && [selected].flat().length > 0) return false
  return [...new Set([vitest.config.root, ...vitest.projects.map((p) => p.config.root)])]
}
