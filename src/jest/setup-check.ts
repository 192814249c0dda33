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
 * The line for a project that lists perfspec's setup file but none of whose test files said the
 * setup ran with the run's record folder: the reporter hands each file that folder through the
 * config's `globals`, which a test environment of the user's may not install (one that builds its
 * own global, or passes Jest a config without them). Nothing the files measured reached the report,
 * and the run fails rather than pass without it.
 */
export function notHandedSetupText(project: string | undefined, environment: string | undefined): string {
  const where = project === undefined ? "the Jest config's test files" : `the test files of Jest project "${project}"`
  const env = environment ? ` (testEnvironment ${JSON.stringify(environment)})` : ''
  return `${where} load perfspec's setup file, but none of them received the run's record folder, which perfspec's reporter hands each file through the config's globals: their test environment${env} does not install the config's globals into the test's global (a custom environment that builds its own, or drops config.globals). Nothing they measured reached the report: pass the project config on unchanged (super(config, context)) and keep this.global's keys from config.globals. The run fails rather than pass without it`
}
