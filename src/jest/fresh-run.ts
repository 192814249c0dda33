import { runFresh, runnerBin, type FreshCommand } from '../adapters/fresh-process.js'
import type { BaselinePass } from '../run/baseline-passes.js'
import type { FreshRun } from '../run/fresh-recheck.js'
import type { ResolvedPerfOptions } from '../run/options.js'

/** What a fresh Jest process needs of a recorded test to run it alone. */
export interface RunnableJestTest {
  /** The test file, absolute. */
  testPath: string
  /** Describe blocks, then the test's name. */
  titlePath: string[]
}

/**
 * Runs the file of some tests again in a fresh Jest process, whole: `jest --runTestsByPath <file>
 * --runInBand --ci --forceExit` with the config this run was given (`--config`,
 * `--rootDir` of its command line) and its settings ({@link runArguments}), perfspec's reporter
 * alone, and no coverage.
 *
 * @param runnable - the recorded tests by `${file}\0${test id}`
 * @param run - this run's settings the fresh process keeps
 * @param argv - this process's command line, for the config it named
 */
export function jestFreshRun(root: string, options: ResolvedPerfOptions, runnable: ReadonlyMap<string, RunnableJestTest>, run: JestRunSettings = {}, argv: readonly string[] = process.argv): FreshRun {
  return (file, tests) => {
    const found = tests.map((t) => runnable.get(`${file}\0${t}`)).filter((t): t is RunnableJestTest => t !== undefined)
    if (found.length === 0) return { ok: false, problem: 'its test could not be named to Jest' }
    return runFresh(jestCommand(root, found, run, argv), root, options)
  }
}

/**
 * Runs the test files whose baselines the run writes, whole, in one further Jest process (see
 * `measureBaselinesAgain`), as {@link jestFreshRun} runs one file's tests.
 */
export function jestBaselinePass(root: string, options: ResolvedPerfOptions, runnable: ReadonlyMap<string, RunnableJestTest>, run: JestRunSettings = {}, argv: readonly string[] = process.argv): BaselinePass {
  return (tests, fastest) => {
    const found = [...tests].flatMap(([file, ids]) => ids.map((t) => runnable.get(`${file}\0${t}`))).filter((t): t is RunnableJestTest => t !== undefined)
    if (found.length === 0) return { ok: false, problem: 'its test could not be named to Jest' }
    return runFresh(jestCommand(root, found, run, argv), root, options, { fastest })
  }
}

/**
 * `jest --runTestsByPath <files> --runInBand --ci` for these tests: their files whole, so that a
 * test that uses what the tests before it built measures the same work as in the run; with the
 * run's config and settings.
 */
function jestCommand(root: string, found: readonly RunnableJestTest[], run: JestRunSettings, argv: readonly string[]): FreshCommand {
  const args = ['--runTestsByPath', ...new Set(found.map((t) => t.testPath)), '--runInBand', '--ci', '--reporters=perfspec/jest/reporter', '--coverage=false', ...configArguments(argv), ...runArguments(run)]
  return { runner: 'Jest', script: runnerBin('jest', root), args, cwd: process.cwd() }
}

/** What of a Jest run's settings (its global config) the fresh process keeps. */
export interface JestRunSettings {
  /** `--testTimeout`, ms. */
  testTimeout?: number
  /** `--selectProjects`: the projects the run was limited to. */
  selectProjects?: readonly string[]
}

/**
 * The fresh process's arguments for the run's settings: its test timeout and selected projects,
 * and always `--forceExit`: the fresh process runs in band, where a handle a test file leaves
 * open (a timer, a pool) keeps Jest from exiting until it is killed, while its records are
 * written when the run completes.
 */
export function runArguments(run: JestRunSettings): string[] {
  return [
    '--forceExit',
    ...(run.testTimeout !== undefined && Number.isFinite(run.testTimeout) ? [`--testTimeout=${run.testTimeout}`] : []),
    ...(run.selectProjects ?? []).map((name) => `--selectProjects=${name}`),
  ]
}

/** The options of a Jest command line that say which config to use: `--config`/`-c` and `--rootDir`, with their values. */
export function configArguments(argv: readonly string[]): string[] {
  const kept: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const m = /^(--config|--rootDir)=(.*)$/s.exec(arg)
    if (m) kept.push(`${m[1]}=${m[2]}`)
    else if ((arg === '--config' || arg === '-c' || arg === '--rootDir') && argv[i + 1] !== undefined) kept.push(`${arg === '-c' ? '--config' : arg}=${argv[++i]}`)
  }
  return kept
}
