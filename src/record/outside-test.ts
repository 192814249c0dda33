import { WORKER_GATE_ENV } from '../model/worker-gate-env.js'
import { testAdapter } from './context.js'
import { callerFrame, stackHere } from './stack-line.js'
import { HANDED_ENV_KEY, handedEnv, launchEnv } from '../measure/launch-env.js'
import { wasStarted } from './started-files.js'
import { RUN_DIR_ENV } from '../model/jest-run-dir-env.js'

/** The worker state Vitest keeps in each test file's global (what its `inject` reads). */
interface VitestWorkerState {
  providedContext?: Record<string, unknown>
}

/**
 * Why a measurement must not run here, when it runs in a test file of a perfspec run where
 * perfspec's setup file did not load, so its result would reach no report and a regression there
 * would pass unseen:
 * - a Vitest test file, in a project that does not list `perf()` in its plugins (nor
 *   `extends: true`), that the perf reporter handed the worker gate through Vitest's provided
 *   context (or, with a Vitest that keeps no provided context, through the environment). Not a
 *   process or thread a test starts, nor the files of a Vitest it starts, which inherit the
 *   environment but neither Vitest's worker state nor the run's provided context;
 * - a Jest test file the reporter handed its record folder through the config's globals, or, when
 *   a test environment drops them, that the run whose record folder the environment names started
 *   (see `wasStarted`), in a project that does not list `perfspec/jest/setup` (one the reporter's
 *   own check leaves out, such as a project whose runner wraps Jest's).
 *
 * @param realm - the test file's global (default: this one)
 */
export function missingSetupProblem(call: string, env: NodeJS.ProcessEnv = launchEnv(), realm: Record<string, unknown> = globalThis as Record<string, unknown>): string | undefined {
  if (testAdapter()) return undefined
  const vitest = realm.__vitest_worker__ as VitestWorkerState | undefined
  if (typeof vitest === 'object' && vitest !== null) {
    const provided = vitest.providedContext
    const gate = provided ? (provided[HANDED_ENV_KEY] as Record<string, unknown> | undefined)?.[WORKER_GATE_ENV] : env[WORKER_GATE_ENV]
    if (!gate) return undefined
    return `${call} ran in a Vitest project that does not load perfspec's setup, so its result would be missing from the report: add perf() to that project's plugins (plugins: [perf()]), or extends: true to give it the root config's`
  }
  const runDir = env[RUN_DIR_ENV]
  if (handedEnv(realm)?.[RUN_DIR_ENV] || (runDir && jestTestPath(realm) !== undefined && wasStarted(runDir, jestTestPath(realm)!))) {
    return `${call} ran in a Jest project that does not load perfspec's setup file, so its result would be missing from the report: add 'perfspec/jest/setup' to that project's setupFilesAfterEnv (setupFilesAfterEnv: ['perfspec/jest/setup'])`
  }
  return undefined
}

/** The test file Jest runs in `realm`, as its `expect` tells (Jest's globals injected, the default). */
function jestTestPath(realm: Record<string, unknown>): string | undefined {
  const expect = realm.expect as { getState?: () => { testPath?: unknown } } | undefined
  try {
    const path = typeof expect?.getState === 'function' ? expect.getState().testPath : undefined
    return typeof path === 'string' && path !== '' ? path : undefined
  } catch {
    return undefined
  }
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
