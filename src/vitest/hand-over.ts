import { HANDED_ENV_GLOBAL } from '../measure/launch-env.js'
import { handedVariables } from '../run/hand-over-env.js'

/**
 * The key under which perfspec's variables reach Vitest's test files through Vitest's provided
 * context (each project's `provide` in the main process, `inject` in the workers), besides the
 * environment: a variable taken out of the environment (`PERFSPEC_AB`, so that a runner a test
 * starts does not join the run) still reaches them, and a setup file that replaces `process.env`
 * cannot take the others away (see `launchEnv`).
 */
export const HANDED_ENV_KEY = 'perfspec:env'

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
