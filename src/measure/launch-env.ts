/**
 * The environment as this process had it when perfspec loaded, for what perfspec's runner
 * adapters hand their test processes through it (the record folder, the root, the worker gate,
 * `perfspec ab`'s side). A test may replace `process.env` (`process.env = { … }`, Jest's
 * `jest.replaceProperty(process, 'env', { … })`): read live only, those would vanish with it and
 * what the test measured would be lost or misfiled in silence.
 */
const atLoad: Readonly<NodeJS.ProcessEnv> = { ...process.env }

/**
 * The global through which a runner adapter that can set its test files' globals (Jest's config
 * `globals`) hands them perfspec's variables as well, an object of names and values: a setup file
 * that replaced `process.env` before perfspec loaded cannot take those away.
 */
export const HANDED_ENV_GLOBAL = '__PERFSPEC_ENV__'

/**
 * The process's environment now, with the variables it had when perfspec loaded where they are
 * missing now (a test or setup file replaced or emptied `process.env`). perfspec's own variables
 * (`PERFSPEC_*`) come only from what its runner adapter handed through {@link HANDED_ENV_GLOBAL}
 * when it handed anything: a runner a test starts in this process (Vitest's `startVitest`, Jest's
 * `runCLI`) sets its own in `process.env`, which must not redirect this test file's results.
 * Otherwise a value set now wins: a test or a tool may still set one on purpose.
 */
export function launchEnv(): NodeJS.ProcessEnv {
  const given = handedEnv()
  if (!given) return { ...atLoad, ...process.env }
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries({ ...atLoad, ...process.env })) if (!name.startsWith(PERFSPEC_PREFIX)) env[name] = value
  return { ...env, ...given }
}

/**
 * The key under which perfspec's variables reach Vitest's test files through Vitest's provided
 * context (each project's `provide` in the main process, `inject` in the workers), besides the
 * environment: a variable taken out of the environment (`PERFSPEC_AB`, so that a runner a test
 * starts does not join the run) still reaches them, and a setup file that replaces `process.env`
 * cannot take the others away.
 */
export const HANDED_ENV_KEY = 'perfspec:env'

/**
 * Forgets what {@link HANDED_ENV_GLOBAL} holds in `realm`, when it was not handed to this test file
 * but inherited (a Jest that a test starts in its own process builds its files' globals from the
 * outer file's): nothing of the outer run (its record folder, `perfspec ab`'s side) applies here.
 */
export function forgetInheritedHandOver(realm: Record<string, unknown> = globalThis as Record<string, unknown>): void {
  delete realm[HANDED_ENV_GLOBAL]
}

/** What perfspec's own environment variables are named with. */
export const PERFSPEC_PREFIX = 'PERFSPEC_'

/**
 * What a runner adapter handed this test file through {@link HANDED_ENV_GLOBAL} (perfspec's
 * variables by name); `undefined` when nothing was handed (a plain script, a run without
 * perfspec's reporter, a process a test started).
 */
export function handedEnv(realm: Record<string, unknown> = globalThis as Record<string, unknown>): Record<string, string> | undefined {
  const value = realm[HANDED_ENV_GLOBAL]
  if (typeof value !== 'object' || value === null) return undefined
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
