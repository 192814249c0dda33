import { PERFSPEC_PREFIX } from '../measure/launch-env.js'

/**
 * The variables by which perfspec tells a runner process what it runs for (`PERFSPEC_AB`: a side of
 * `perfspec ab`; `PERFSPEC_RECHECK_OUT`: a fresh process's record file), taken out of the
 * environment by the perfspec reporter that reads them: its test processes, and any runner a test
 * starts on a fixture project, would inherit them, and such a runner would join this run (its
 * benchmarks paired, or its reporter silenced). An adapter takes only those its test processes
 * can be handed another way (Jest: through the test files' globals).
 */
const taken = new Map<string, string | undefined>()

/**
 * The value `name` had in this process's environment, which is then removed from it; the same
 * value on every later call (a second reporter of the process, Jest started twice).
 */
export function takeFromEnv(name: string): string | undefined {
  if (!taken.has(name)) {
    taken.set(name, process.env[name])
    delete process.env[name]
  }
  return taken.get(name)
}

/**
 * What a reporter hands its test files besides their environment (see `launchEnv`): perfspec's
 * variables (`PERFSPEC_*`) as this process has them now, with those taken out of its environment
 * that the test files need, so that a setup file that replaces `process.env` cannot take them away.
 *
 * @param taken - variables taken out by {@link takeFromEnv} that the test files read (`undefined`: not set)
 */
export function handedVariables(taken: Record<string, string | undefined> = {}): Record<string, string> {
  const handed: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) if (name.startsWith(PERFSPEC_PREFIX) && value !== undefined) handed[name] = value
  for (const [name, value] of Object.entries(taken)) if (value !== undefined) handed[name] = value
  return handed
}
