import { WORKER_GATE_ENV } from '../model/worker-gate-env.js'
import { testAdapter } from './context.js'
import { callerFrame, stackHere } from './stack-line.js'
import { HANDED_ENV_KEY, launchEnv } from '../measure/launch-env.js'
import { handedRunDirOf, startedByOwnRunner, wasStarted } from './started-files.js'
import { folderOwner, isOwnRunner } from './runner-process.js'
import { RUN_PID_ENV, RUN_ROOT_ENV } from '../model/run-pid-env.js'
import { MISSING_SETUP } from '../model/ab-side-problem.js'
import { RUN_DIR_ENV } from '../model/jest-run-dir-env.js'

/** The worker state Vitest keeps in each test file's global (what its `inject` reads). */
interface VitestWorkerState {
  providedContext?: Record<string, unknown>
  config?: { root?: unknown }
}

/**
 * Why a measurement must not run here, when it runs in a test file of a perfspec run where
 * perfspec's setup file did not load, so its result would reach no report and a regression there
 * would pass unseen:
 * - a Vitest test file, in a project that does not list `perf()` in its plugins (nor
 *   `extends: true`), of a run that gathers what its files measure (a perf run, a blob shard, a
 *   `perfspec ab` side), which hands every project of it the worker gate or its mark
 *   (`PERFSPEC_RUN_PID`) through Vitest's provided context (with a Vitest that keeps none, through
 *   the environment: its pid, and its root). Not a process or thread a test starts, nor the files
 *   of a Vitest it starts, which inherit the environment but not Vitest's worker state nor the
 *   run's provided context;
 * - a Jest test file the reporter handed its record folder through the config's globals, or, when
 *   a test environment drops them, that the run of this process's own Jest started (see
 *   `wasStarted`, `startedByOwnRunner`), in a project that does not list `perfspec/jest/setup`
 *   (one the reporter's own check leaves out, such as a project whose runner wraps Jest's).
 *
 * @param realm - the test file's global (default: this one)
 */
export function missingSetupProblem(call: string, env: NodeJS.ProcessEnv = launchEnv(), realm: Record<string, unknown> = globalThis as Record<string, unknown>): string | undefined {
  if (testAdapter()) return undefined
  const vitest = realm.__vitest_worker__ as VitestWorkerState | undefined
  if (typeof vitest === 'object' && vitest !== null) {
    const provided = vitest.providedContext
    // The run hands every project of it, with perf() or without, its variables through the
    // provided context (the run's mark among them): a Vitest a test starts, in any process and
    // with any root, has a provided context of its own. The environment, which that Vitest
    // inherits, decides only for a Vitest that keeps no provided context.
    const handed = provided?.[HANDED_ENV_KEY] as Record<string, unknown> | undefined
    const root = vitest.config?.root
    const ofThisRun = provided
      ? Boolean(handed?.[WORKER_GATE_ENV] || handed?.[RUN_PID_ENV])
      : Boolean(env[WORKER_GATE_ENV]) || (isOwnRunner(Number(env[RUN_PID_ENV]) || undefined) && !(typeof root === 'string' && env[RUN_ROOT_ENV] !== undefined && root !== env[RUN_ROOT_ENV]))
    if (!ofThisRun) return undefined
    return `${call} ran in a Vitest project that ${MISSING_SETUP}, so its result would be missing from the report: add perf() to that project's plugins (plugins: [perf()]), or extends: true to give it the root config's`
  }
  const testPath = jestTestPath(realm)
  const runDir = env[RUN_DIR_ENV]
  // Without the variable (a setup file replaced process.env before perfspec loaded), among the record folders.
  const started = testPath !== undefined && (runDir ? isOwnRunner(folderOwner(runDir)) && wasStarted(runDir, testPath) : startedByOwnRunner(testPath))
  if (handedRunDirOf(testPath, realm) !== undefined || started) {
    return `${call} ran in a Jest project that ${MISSING_SETUP} file, so its result would be missing from the report: add 'perfspec/jest/setup' to that project's setupFilesAfterEnv (setupFilesAfterEnv: ['perfspec/jest/setup'])`
  }
  return undefined
}

// Where Jest's `expect` keeps its state in the test file's global, injected or not (`injectGlobals: false`).
const JEST_MATCHERS = Symbol.for('$$jest-matchers-object')

/** The test file Jest runs in `realm`, as its `expect`'s state tells. */
function jestTestPath(realm: Record<string, unknown>): string | undefined {
  const matchers = (realm as Record<symbol, unknown>)[JEST_MATCHERS] as { state?: { testPath?: unknown } } | undefined
  const path = matchers?.state?.testPath
  return typeof path === 'string' && path !== '' ? path : undefined
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
