/**
 * The environment as this process had it when perfspec loaded, for what perfspec's runner
 * adapters hand their test processes through it (the record folder, the root, the worker gate,
 * `perfspec ab`'s side). A test may replace `process.env` (`process.env = { … }`, Jest's
 * `jest.replaceProperty(process, 'env', { … })`): read live only, those would vanish with it and
 * what the test measured would be lost or misfiled in silence.
 */
const atLoad: Readonly<NodeJS.ProcessEnv> = { ...process.env }

/**
 * The process's environment now, with the variables it had when perfspec loaded where they are
 * missing now (a test replaced or emptied `process.env`). A value set now wins: a test or a tool
 * may still set one on purpose.
 */
export function launchEnv(): NodeJS.ProcessEnv {
  return { ...atLoad, ...process.env }
}
