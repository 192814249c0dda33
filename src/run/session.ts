import type { MachineSpeed } from '../model/environment.js'
import type { UpdateMode } from '../model/gate.js'
import type { DecidedRun, RunReport, TestOutline, TestRecord } from '../model/run-report.js'
import { ID_SEPARATOR, idPart } from '../model/names.js'
import { projectBaselineDir, sharedFolderProject } from './baseline-folder.js'
import { atRoot } from './root-paths.js'
import { fileBaselineStore, type BaselineStore } from './baseline-store.js'
import { compareWithBaselines } from './compare-with-baselines.js'
import { decideRun, summarize } from './decide.js'
import { machineSpeed, readEnvironment } from './environment.js'
import type { ResolvedPerfOptions } from './options.js'
import { runMode } from './worker-config.js'
import type { FileStamp } from './test-file-stamp.js'

/** What a runner adapter hands over at the end of a run. */
export interface SessionInput {
  /** The tests that recorded something. */
  tests: TestRecord[]
  /**
   * Watch mode: the records of test files this re-run did not run, kept from earlier runs of the
   * session. They are reported as they were measured then, and never write a baseline: they were
   * not measured again, and the files on disk may have changed since (a checkout, a pull).
   * Default: none.
   */
  earlier?: readonly TestRecord[]
  /**
   * Every test the run saw, whatever it recorded (filtered and skipped ones as `skipped`), when
   * the runner lists them: obsolete baselines are found from it, and tests that failed before
   * recording anything are reported as unfinished.
   */
  outline?: TestOutline[]
  /** Project root, absolute. */
  root: string
  /**
   * Folders the test files' names are relative to, absolute, when not `root` alone: Vitest
   * projects with a `root` of their own name their files from it. `false` when the run selected
   * some of the projects (`--project`), whose others' folders it cannot tell: a baseline file
   * whose test file is not found is then not taken for obsolete. Default `[root]`.
   */
  testRoots?: readonly string[] | false
  /**
   * The run left no project out (Vitest without `--project`; Jest with a context for every declared project):
   * then a baseline entry of a project that ran no test of its file is obsolete (the project was
   * renamed, or the file is gone from it). Default `false`: such entries are kept.
   */
  allProjects?: boolean
  runner: { name: string; version: string }
  /** When the run started (ms since epoch). */
  startedAt: number
  options: ResolvedPerfOptions
  /**
   * The update mode the runner's own flag asked for (`vitest -u` and `--update=all` give
   * `'all'`, `--update=new` `'new'`, `--update=none` `'none'`; `jest -u` `'all'`); `undefined`
   * when none was given, and then `PERFSPEC_UPDATE`, the `update` option or CI decide.
   */
  runnerUpdate?: UpdateMode
  /** The runner's own CI flag (`jest --ci`), when it has one; otherwise the environment decides. */
  runnerCi?: boolean
  /**
   * Each test file's stamp (by its absolute path) when the runner was about to load it: a file
   * replaced later in the run, even by a copy that kept its old date, is then seen to have
   * changed before the further processes that write baselines measure it (see
   * `measureBaselinesAgain`). Absent: the files are stamped when those processes start.
   */
  loadedFiles?: ReadonlyMap<string, FileStamp>
  /**
   * What the adapter found wrong with how the run went (no test file ran, a Jest project without
   * perfspec's setup file): each a sentence in the report, and the run fails.
   */
  problems?: readonly string[]
  /**
   * The run was stopped before it ended (Ctrl-C, a signal, the runner closed mid-run): what
   * finished is compared and reported, no baseline is written or pruned (update mode `'none'`),
   * and the tests the runner had listed so far are not used to find obsolete or unfinished ones.
   * The adapter says so in `problems`. Default `false`.
   */
  interrupted?: boolean
  /** Where baselines are read and written. Default: files under the `baselineDir` option. */
  store?: BaselineStore
  /** The time of the run's end. Default: now. */
  now?: () => number
  /** This machine's speed reference. Default: measured once per process. */
  speed?: () => MachineSpeed
}

/**
 * The end of a run, shared by the Vitest and Jest reporters: reads this machine's environment,
 * compares every benchmark with its baseline and writes baselines as the update mode allows,
 * then decides every status and the run's verdict once. Renders nothing.
 */
export function endRun(input: SessionInput): DecidedRun {
  const now = input.now ?? Date.now
  const mode = runMode(input.options, input.runnerUpdate, input.runnerCi)
  const ci = mode.ci
  const update = input.interrupted ? 'none' : mode.update
  const outline = input.interrupted ? undefined : input.outline
  const environment = readEnvironment(`${input.runner.name} ${input.runner.version}`, input.root)
  environment.ci = ci
  environment.speed = input.speed ? input.speed() : machineSpeed()
  const createdAt = new Date(now()).toISOString()
  const { gate } = input.options
  const tests = input.earlier?.length ? [...input.tests, ...input.earlier] : input.tests
  const { checks, errors, obsolete } = compareWithBaselines(tests, {
    store: runStore(input),
    gate,
    update,
    ...(input.interrupted && { incomplete: true }),
    environment,
    timestamp: createdAt,
    ...(input.options.testbed !== undefined && { testbed: input.options.testbed }),
    crossMachine: input.options.crossMachine,
    ...(outline && { tests: outline }),
    ...(input.allProjects && { allProjects: true }),
    ...(input.earlier?.length && { earlier: new Set(input.earlier) }),
  })
  const unfinished = outline ? unfinishedTests(outline, tests) : []
  const problems = [...(input.problems ?? [])]
  const report: RunReport = {
    perfspec: 1,
    createdAt,
    duration: now() - input.startedAt,
    runner: input.runner,
    environment,
    tests,
    baselines: checks,
    baselineErrors: errors,
    ...(obsolete && (obsolete.entries.length > 0 || obsolete.files.length > 0 || obsolete.kept !== undefined) && { obsolete }),
    ...(unfinished.length > 0 && { unfinished }),
    ...(problems.length > 0 && { problems }),
    gate: input.options.gate,
    ...(input.options.testbed !== undefined && { testbed: input.options.testbed }),
    summary: summarize(tests, checks, errors.length, ci, unfinished.length + problems.length),
  }
  return decideRun(report)
}

/** Where the run reads and writes its baselines: `input.store`, or files under the `baselineDir` option. */
export function runStore(input: Pick<SessionInput, 'store' | 'root' | 'options' | 'testRoots'>): BaselineStore {
  if (input.store) return input.store
  const folder = atRoot(input.root, input.options.baselineDir)
  return fileBaselineStore(input.root, runBaselineFolder(input), input.testRoots, sharedFolderProject(input.root, folder))
}

/** The run's baseline folder, absolute (its option `baselineDir` from the project root). */
export function runBaselineFolder(input: Pick<SessionInput, 'root' | 'options'>): string {
  return projectBaselineDir(input.root, input.options.baselineDir, `${input.options.source} option "baselineDir"`)
}

/** Tests that failed without recording anything: what they were to measure did not finish. */
function unfinishedTests(outline: readonly TestOutline[], recorded: readonly TestRecord[]): TestOutline[] {
  const named = new Set(recorded.filter((r) => r.entries.length > 0).map((r) => `${r.file}\0${r.test}`))
  return outline.filter((t) => t.state === 'failed' && !named.has(`${t.file}\0${t.titlePath.map(idPart).join(ID_SEPARATOR)}`))
}
