import { HANDED_ENV_GLOBAL, HANDED_ENV_KEY } from '../measure/launch-env.js'
import { handedVariables } from '../run/hand-over-env.js'

export { HANDED_ENV_KEY }

/** What a value can be provided to: Vitest's projects (`TestProject.provide`). */
export interface Provider {
  provide?: unknown
}

/**
 * Hands the test files of `projects` perfspec's variables as they stand now, with `taken` (see
 * `handedVariables`). Per project: a project's own provided values win over the run's, so the
 * plugin (per project, as Vitest configures each) and the reporter (every project, once it has
 * set its variables) hand them alike. Called before any worker starts: Vitest serialises the
 * provided context when it queues the files.
 */
export function handToTestFiles(projects: readonly Provider[], taken: Record<string, string | undefined> = {}): void {
  const handed = handedVariables(taken)
  for (const project of projects) {
    // Only a Vitest without it: the environment alone, as before.
    if (typeof project.provide === 'function') (project.provide as (key: string, value: unknown) => void).call(project, HANDED_ENV_KEY, handed)
  }
}

/**
 * In a test worker: takes what {@link handToTestFiles} handed (read with Vitest's `inject`) into
 * the global `launchEnv` reads. Nothing handed (a run without perfspec's reporter or plugin
 * setting variables): the environment alone.
 */
export function receiveHanded(injected: unknown): void {
  if (typeof injected === 'object' && injected !== null) (globalThis as Record<string, unknown>)[HANDED_ENV_GLOBAL] = injected
}
