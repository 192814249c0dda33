import type { Vitest } from 'vitest/node'
import { HANDED_ENV_GLOBAL } from '../measure/launch-env.js'
import { handedVariables } from '../run/hand-over-env.js'

/**
 * The key under which perfspec's variables reach Vitest's test files through Vitest's provided
 * context (`vitest.provide` in the main process, `inject` in the workers), besides the
 * environment: a variable taken out of the environment (`PERFSPEC_AB`, so that a runner a test
 * starts does not join the run) still reaches them, and a setup file that replaces `process.env`
 * cannot take the others away (see `launchEnv`).
 */
export const HANDED_ENV_KEY = 'perfspec:env'

/**
 * Hands the test files of every project of the run perfspec's variables as they stand now, with
 * `taken` (see `handedVariables`). Called once the reporter or plugin has set them, before any
 * worker starts: Vitest serialises the provided context when it queues the files.
 */
export function handToTestFiles(vitest: Vitest, taken: Record<string, string | undefined> = {}): void {
  const provide = vitest.provide as ((key: string, value: unknown) => void) | undefined
  // Only a Vitest without it: the environment alone, as before.
  if (typeof provide === 'function') provide.call(vitest, HANDED_ENV_KEY, handedVariables(taken))
}

/**
 * In a test worker: takes what {@link handToTestFiles} handed (read with Vitest's `inject`) into
 * the global `launchEnv` reads. Nothing handed (a run without perfspec's reporter or plugin
 * setting variables): the environment alone.
 */
export function receiveHanded(injected: unknown): void {
  if (typeof injected === 'object' && injected !== null) (globalThis as Record<string, unknown>)[HANDED_ENV_GLOBAL] = injected
}
