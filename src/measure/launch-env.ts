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
 * The process's environment now, with the variables it had when perfspec loaded, and those its
 * runner adapter handed through {@link HANDED_ENV_GLOBAL}, where they are missing now (a test or
 * setup file replaced or emptied `process.env`). A value set now wins: a test or a tool may still
 * set one on purpose.
 */
export function launchEnv(): NodeJS.ProcessEnv {
  return { ...atLoad, ...handed(), ...process.env }
}

function handed(): Record<string, string> {
  const value = (globalThis as Record<string, unknown>)[HANDED_ENV_GLOBAL]
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
