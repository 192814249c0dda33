import type { Vitest } from 'vitest/node'
import { runFresh, runnerBin, testNamePattern } from '../adapters/fresh-process.js'
import type { FreshRun } from '../run/fresh-recheck.js'
import type { ResolvedPerfOptions } from '../run/options.js'

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
 * Runs tests of one file again in a fresh Vitest process: `vitest run <file> -t <names>` with
 * the run's config, root, pool and project, perfspec's reporter alone, and no coverage.
 *
 * @param runnable - the recorded tests by `${file}\0${test id}`
 */
export function vitestFreshRun(vitest: Vitest, options: ResolvedPerfOptions, runnable: ReadonlyMap<string, RunnableTest>): FreshRun {
  const root = vitest.config.root
  return (file, tests) => {
    const found = tests.map((t) => runnable.get(`${file}\0${t}`)).filter((t): t is RunnableTest => t !== undefined)
    if (found.length === 0) return { ok: false, problem: 'its test could not be named to Vitest' }
    const configFile = (vitest.vite?.config as { configFile?: string } | undefined)?.configFile
    const projects = [...new Set(found.map((t) => t.project).filter((p) => p !== ''))]
    const args = [
      'run',
      found[0]!.moduleId,
      `--testNamePattern=${testNamePattern(found.map((t) => t.titles))}`,
      '--reporter=perfspec/vitest/reporter',
      `--root=${root}`,
      ...(configFile ? [`--config=${configFile}`] : []),
      ...(typeof vitest.config.pool === 'string' ? [`--pool=${vitest.config.pool}`] : []),
      ...projects.map((p) => `--project=${p}`),
      '--coverage.enabled=false',
    ]
    return runFresh({ runner: 'Vitest', script: runnerBin('vitest', root), args, cwd: process.cwd() }, root, options)
  }
}
