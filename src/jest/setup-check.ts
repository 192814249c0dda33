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
