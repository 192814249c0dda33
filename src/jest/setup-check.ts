/**
 * Whether a Jest project loads perfspec's setup file (`setupFilesAfterEnv:
 * ['perfspec/jest/setup']`), without which its tests record nothing: `bench()` still measures,
 * but no test is named, nothing travels to the reporter, and the run would read PASS with the
 * project's benchmarks missing. The reporter asks this of every project whose test files ran.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { basename, dirname, normalize } from 'pathe'

/** The fields of a Jest project config this reads: Jest resolves each entry to an absolute path. */
export interface JestSetupConfig {
  setupFilesAfterEnv?: string[]
  /** The project's test environment, as Jest resolved it (a path, or a name such as `node`). */
  testEnvironment?: string
  /** The project's runner, as Jest resolved it (default: the path of `jest-runner`). */
  runner?: string
}

/**
 * Whether a project's runner runs tests with a test framework, where a setup file loads: Jest's
 * own (`jest-runner`), not one that runs a linter or a compiler over the files
 * (`jest-runner-eslint`, `jest-runner-tsc`), which loads no setup file and records nothing.
 */
export function runsTests(config: JestSetupConfig): boolean {
  const runner = config.runner
  return runner === undefined || runner === 'jest-runner' || /(^|[\\/])jest-runner[\\/]/.test(runner)
}

// perfspec's setup file as installed (`perfspec/jest/setup` resolves to dist/jest/setup.{js,cjs}).
const INSTALLED_SETUP = /\/perfspec\/dist\/jest\/setup\.c?js$/

/** The folder of this module: the setup file sits beside it (dist/jest, or src/jest in perfspec's own tests). */
function ownFolder(): string | undefined {
  try {
    return normalize(realpathSync(dirname(fileURLToPath(import.meta.url))))
  } catch {
    return undefined
  }
}

function realFolder(path: string): string {
  try {
    return normalize(realpathSync(dirname(path)))
  } catch {
    return normalize(dirname(path))
  }
}

/**
 * Whether the config lists perfspec's setup file in `setupFilesAfterEnv`: the installed package's
 * (at any path), or the one beside this reporter. A setup file of the user's own that requires it
 * is not seen here: the setup file's own note (see `markSetup`) tells that.
 */
export function listsPerfspecSetup(config: JestSetupConfig): boolean {
  const own = ownFolder()
  return (config.setupFilesAfterEnv ?? []).some((entry) => {
    const path = normalize(entry)
    if (INSTALLED_SETUP.test(path)) return true
    return own !== undefined && /^setup\.(c?js|ts)$/.test(basename(path)) && realFolder(path) === own
  })
}

/**
 * The line for a project whose test files ran without perfspec's setup file; the run fails, since
 * its benchmarks, if it has any, are missing from the report. `project` is the project's name when
 * the config declares several.
 */
export function missingSetupText(project: string | undefined): string {
  const where = project === undefined ? 'the Jest config' : `Jest project "${project}"`
  return `${where} does not load perfspec's setup file, so nothing its tests measure reaches the report: add 'perfspec/jest/setup' to its setupFilesAfterEnv (setupFilesAfterEnv: ['perfspec/jest/setup']). The run fails: its benchmarks would be missing from a PASS`
}

/**
 * The line for test files that load perfspec's setup file (`files`, from the run's root) but
 * reported nothing in: the reporter hands each file the run's record folder through the config's
 * `globals`, which a test environment of the user's may not install (one that builds its own
 * global, or passes Jest a config without them), whether the project's or one a file names in a
 * docblock (@jest-environment). Nothing they measured reached the report, and the run fails
 * rather than pass without it.
 */
export function notHandedSetupText(project: string | undefined, environment: string | undefined, files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '')
  const where = project === undefined ? `${files.length === 1 ? 'test file' : 'test files'} ${shown}` : `${files.length === 1 ? 'test file' : 'test files'} ${shown} of Jest project "${project}"`
  const env = environment ? `the project's testEnvironment ${JSON.stringify(environment)}, or one the file names in its docblock (@jest-environment)` : "the project's, or one the file names in its docblock (@jest-environment)"
  return `${where} loaded perfspec's setup file but never received the run's record folder, which perfspec's reporter hands each file through the config's globals: their test environment (${env}) does not install the config's globals into the test's global (a custom environment that builds its own, or drops config.globals). Nothing they measured reached the report: pass the project config on unchanged (super(config, context)) and keep this.global's keys from config.globals. The run fails rather than pass without it`
}
