import { WORKER_GATE_ENV } from '../model/worker-gate-env.js'
import { testAdapter } from './context.js'
import { callerFrame, stackHere } from './stack-line.js'
import { handedEnv, launchEnv } from '../measure/launch-env.js'
import { RUN_DIR_ENV } from '../model/jest-run-dir-env.js'

/**
 * Why a measurement must not run here, when it runs in a test file of a perfspec run where
 * perfspec's setup file did not load, so its result would reach no report and a regression there
 * would pass unseen: a Vitest worker the reporter set the worker gate for, in a project that does
 * not list `perf()` in its plugins (nor `extends: true`); a Jest test file the reporter handed its
 * record folder (through the config's globals), in a project that does not list
 * `perfspec/jest/setup` (one the reporter's own check leaves out, such as a project whose runner
 * wraps Jest's).
 */
export function missingSetupProblem(
  call: string,
  env: NodeJS.ProcessEnv = launchEnv(),
  handed: Record<string, string> | undefined = handedEnv(),
): string | undefined {
  if (testAdapter()) return undefined
  if (env.VITEST_WORKER_ID !== undefined && env[WORKER_GATE_ENV]) {
    return `${call} ran in a Vitest project that does not load perfspec's setup, so its result would be missing from the report: add perf() to that project's plugins (plugins: [perf()]), or extends: true to give it the root config's`
  }
  if (env.JEST_WORKER_ID !== undefined && handed?.[RUN_DIR_ENV]) {
    return `${call} ran in a Jest project that does not load perfspec's setup file, so its result would be missing from the report: add 'perfspec/jest/setup' to that project's setupFilesAfterEnv (setupFilesAfterEnv: ['perfspec/jest/setup'])`
  }
  return undefined
}

/**
 * When a runner adapter is loaded but no test is running (a call at module level, or in
 * `beforeAll`/`afterAll`), what was measured reaches no report: the warning to give, naming the
 * call and where it was made; `undefined` inside a test or in a plain script.
 *
 * @param call - e.g. `bench("parse")`
 * @throws Error in a Vitest project of a perfspec run without perfspec's setup (see {@link missingSetupProblem})
 */
export function outsideTestWarning(call: string): string | undefined {
  const adapter = testAdapter()
  if (!adapter) {
    const missing = missingSetupProblem(call)
    if (missing) throw new Error(missing)
    return undefined
  }
  const where = callerFrame(stackHere(30))
  return `${call} ran outside a test${where ? ` (at ${where})` : ''}: at module level or in beforeAll/afterAll, ${adapter} names no running test, so its result is not in the report and has no baseline; call it inside test()`
}
