import type { Vitest } from 'vitest/node'
import { runFresh, runnerBin, type FreshCommand } from '../adapters/fresh-process.js'
import type { BaselinePass } from '../run/baseline-passes.js'
import type { FreshRun } from '../run/fresh-recheck.js'
import type { ResolvedPerfOptions } from '../run/options.js'
import { readsAsNumber } from './projects.js'

/** What a fresh Vitest process needs of a recorded test to run it alone. */
export interface RunnableTest {
  /** The test file, absolute. */
  moduleId: string
  /** Describe blocks, then the test's name. */
  titles: string[]
  /** The Vitest project (`''` without projects). */
  project: string
}

/**
 * Runs the file of some tests again in a fresh Vitest process, whole: `vitest run <file>` with
 * the run's config, root, pool and project, its settings that the command line may have given
 * ({@link settingArguments}), perfspec's reporter alone, and no coverage.
 *
 * @param runnable - the recorded tests by `${file}\0${test id}`
 */
export function vitestFreshRun(vitest: Vitest, options: ResolvedPerfOptions, runnable: ReadonlyMap<string, RunnableTest>): FreshRun {
  return (file, tests) => {
    const found = tests.map((t) => runnable.get(`${file}\0${t}`)).filter((t): t is RunnableTest => t !== undefined)
    if (found.length === 0) return { ok: false, problem: 'its test could not be named to Vitest' }
    return runFresh(vitestCommand(vitest, found), vitest.config.root, options)
  }
}

/**
 * Runs the test files whose baselines the run writes, whole, in one further Vitest process (see
 * `measureBaselinesAgain`), as {@link vitestFreshRun} runs one file's tests.
 */
export function vitestBaselinePass(vitest: Vitest, options: ResolvedPerfOptions, runnable: ReadonlyMap<string, RunnableTest>): BaselinePass {
  return (tests, fastest) => {
    const found = [...tests].flatMap(([file, ids]) => ids.map((t) => runnable.get(`${file}\0${t}`))).filter((t): t is RunnableTest => t !== undefined)
    if (found.length === 0) return { ok: false, problem: 'its test could not be named to Vitest' }
    return runFresh(vitestCommand(vitest, found), vitest.config.root, options, { fastest })
  }
}

/**
 * `vitest run <files>` for these tests: their files whole, so that a test that uses what the tests
 * before it built measures the same work as in the run; with the run's config, root, pool and projects.
 */
function vitestCommand(vitest: Vitest, found: readonly RunnableTest[]): FreshCommand {
  const root = vitest.config.root
  const configFile = (vitest.vite?.config as { configFile?: string } | undefined)?.configFile
  const named = [...new Set(found.map((t) => t.project).filter((p) => p !== ''))]
  // Vitest's command line reads a name of digits as a number, which it cannot match (Vitest numbers
  // unnamed projects so): then every project runs the files, and the records are told apart by id.
  const projects = named.some(readsAsNumber) ? [] : named
  const args = [
    'run',
    ...new Set(found.map((t) => t.moduleId)),
    '--reporter=perfspec/vitest/reporter',
    `--root=${root}`,
    ...(configFile ? [`--config=${configFile}`] : []),
    ...(typeof vitest.config.pool === 'string' ? [`--pool=${vitest.config.pool}`] : []),
    ...projects.map((p) => `--project=${p}`),
    ...(named.length === 0 ? settingArguments(vitest.config) : []),
    '--coverage.enabled=false',
  ]
  return { runner: 'Vitest', script: runnerBin('vitest', root), args, cwd: process.cwd() }
}

/** The run's settings that the fresh process's command line repeats (Vitest's resolved config). */
export interface VitestSettings {
  globals?: boolean
  environment?: string
  testTimeout?: number
  hookTimeout?: number
  /** A number from the command line or the config; Vitest 4's object form comes from the config file, which the fresh process reads itself. */
  retry?: number | object
}

/**
 * The run's settings a test file may need to load and run as it did: `--globals`,
 * `--environment`, `--testTimeout`, `--hookTimeout`, `--retry` (a flaky test measures on a retry
 * there as in the run: probe 44 #3), as the run resolved them (from its config file or its command
 * line, which the fresh process does not see). Given only without projects, whose settings are
 * their own.
 */
export function settingArguments(config: VitestSettings): string[] {
  return [
    ...(config.globals ? ['--globals'] : []),
    ...(config.environment ? [`--environment=${config.environment}`] : []),
    ...(typeof config.testTimeout === 'number' && Number.isFinite(config.testTimeout) ? [`--testTimeout=${config.testTimeout}`] : []),
    ...(typeof config.hookTimeout === 'number' && Number.isFinite(config.hookTimeout) ? [`--hookTimeout=${config.hookTimeout}`] : []),
    ...(typeof config.retry === 'number' && Number.isInteger(config.retry) && config.retry > 0 ? [`--retry=${config.retry}`] : []),
  ]
}
