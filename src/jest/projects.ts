/**
 * Jest projects (`projects: [...]` in the config): a test file that two projects match runs once
 * in each, and its benchmarks carry the project's name in their ids
 * (`a.test.ts > [node] > t > b`), or the second would take the first's place.
 *
 * Jest tells a setup file nothing of its project. The reporter knows it for each test file it is
 * told of (`onTestFileStart(test)`: `test.context.config`), before Jest hands the file to a
 * worker with that config; so it puts the project's name in the config's `globals` of that test,
 * which the test environment installs as a global, and the setup file reads it there.
 */
import { relative } from 'pathe'

/** The global, in a test file's realm, naming its Jest project (set only when the config declares several). */
export const PROJECT_GLOBAL = '__PERFSPEC_JEST_PROJECT__'

/** The fields of a Jest project config that name it. */
export interface JestProjectConfig {
  rootDir: string
  /** `displayName: 'node'` or `{ name: 'node', color: 'blue' }`. */
  displayName?: string | { name: string; color?: string }
  /** Jest's id of the project: a hash of its folder, its config file and its place in `projects`. */
  id?: string
  globals?: Record<string, unknown>
}

/** What Jest passes to `onTestFileStart` and `onTestResult`. */
export interface JestTest {
  path: string
  context: { config: JestProjectConfig }
}

/** Whether the configuration declares several projects: decided by the config, not by `--selectProjects`, so ids do not change with the selection. */
export function declaresProjects(globalConfig: { projects?: unknown[] }): boolean {
  return Array.isArray(globalConfig.projects) && globalConfig.projects.length > 1
}

/**
 * Whether every project the configuration declares ran in this run: Jest hands its reporters'
 * `onRunComplete` the contexts of the projects it ran tests of (`--selectProjects`,
 * `--ignoreProjects` and a path filter leave some out; Jest 29 and 30 do not put the selection
 * itself in the global config), while the global config lists every project, globs expanded.
 * Fewer contexts than projects: some were left out, and their baseline entries are kept.
 */
export function allProjectsRan(contexts: unknown, globalConfig: { projects?: unknown[] }): boolean {
  return declaresProjects(globalConfig) && contexts instanceof Set && contexts.size >= globalConfig.projects!.length
}

/**
 * The projects a run ran, by the names `--selectProjects` takes (their `displayName`), when it
 * left some out and every one it ran has a name: a fresh process of the run is then limited to
 * them, as the run was (Jest 29 and 30 do not hand the selection itself to reporters).
 * `undefined` otherwise (all ran, or a project without a `displayName` cannot be selected by name).
 */
export function ranProjectNames(contexts: unknown, globalConfig: { projects?: unknown[] }): string[] | undefined {
  if (!declaresProjects(globalConfig) || !(contexts instanceof Set) || allProjectsRan(contexts, globalConfig)) return undefined
  const names = [...contexts].map((c) => {
    const shown = (c as { config?: JestProjectConfig } | undefined)?.config?.displayName
    return typeof shown === 'string' ? shown : shown?.name
  })
  return names.every((n): n is string => typeof n === 'string' && n !== '') ? names : undefined
}

/**
 * The name a project's benchmarks carry: its `displayName`; without one, its folder relative to
 * the root (`packages/api`); for projects in the root folder without one, `project-` and the start
 * of Jest's id of it, which changes when the projects are reordered or the config file moves
 * (`named` says so: `false`).
 */
export function projectName(config: JestProjectConfig, root: string): { name: string; named: boolean } {
  const display = typeof config.displayName === 'string' ? config.displayName : config.displayName?.name
  if (display) return { name: display, named: true }
  const folder = relative(root, config.rootDir)
  if (folder && folder !== '.') return { name: folder, named: true }
  return { name: `project-${(config.id ?? 'unknown').slice(0, 8)}`, named: false }
}

/**
 * Gives the test files of `test`'s project their project's name as the global
 * {@link PROJECT_GLOBAL}: the context Jest keeps for the project (one object for all its files)
 * gets a copy of its config whose `globals` hold the name. Jest freezes configs, and the user's
 * `globals` object may be shared by projects, so neither is changed. False when Jest did not let
 * it (a frozen context); the project's benchmarks then carry no project name.
 */
export function giveProjectName(test: JestTest, name: string): boolean {
  return giveGlobals(test, { [PROJECT_GLOBAL]: name })
}

/**
 * Gives the test files of `test`'s project these globals, as {@link giveProjectName} gives the
 * name (values compared as JSON: one already given is not given again). False when Jest did not
 * let it.
 */
export function giveGlobals(test: JestTest, globals: Record<string, unknown>): boolean {
  const config = test.context.config
  if (Object.entries(globals).every(([key, value]) => JSON.stringify(config.globals?.[key]) === JSON.stringify(value))) return true
  const copy = { ...config, globals: { ...config.globals, ...globals } }
  try {
    test.context.config = copy
  } catch {
    return false
  }
  return test.context.config === copy
}
