/**
 * `perfspec/jest/reporter`: the perfspec reporter for Jest.
 *
 * ```js
 * // jest.config.js
 * module.exports = {
 *   setupFilesAfterEnv: ['perfspec/jest/setup'],
 *   reporters: ['default', ['perfspec/jest/reporter', { threshold: '20%' }]],
 * }
 * ```
 * It collects what the tests recorded, then writes `BENCHMARK_RESULTS.md`, its JSON and the
 * baselines, and fails the run on a regression. In watch mode a re-run's results replace those
 * of the files it re-ran.
 */
import { existsSync } from 'node:fs'
import { ID_SEPARATOR, idPart, projectIdPart } from '../model/names.js'
import { createRequire } from 'node:module'
import { relative, resolve } from 'pathe'
import type { RecordEntry } from '../model/entries.js'
import type { UpdateMode } from '../model/gate.js'
import { finishRun } from '../adapters/finish-run.js'
import { isRunnerCommand, keepRunFiles, type KeptFiles } from '../adapters/kept-files.js'
import { abModeSide } from '../run/ab-mode.js'
import { interruptedText, runProblemText } from '../report/status-text.js'
import { jestRunProblems } from '../run/jest-run-end.js'
import { writeStoppedSummary } from '../adapters/stopped-summary.js'
import { afterFreshProcesses, writeFreshRecords } from '../adapters/fresh-process.js'
import { RECHECK_OUT_ENV } from '../run/recheck-env.js'
import { jestBaselinePass, jestFreshRun, type RunnableJestTest } from './fresh-run.js'
import { noteMachineSpeed } from '../run/environment.js'
import { resolvePerfOptions, type PerfOptions, type ResolvedPerfOptions } from '../run/options.js'
import { clashingReportOption, reportPaths } from '../run/root-paths.js'
import { projectBaselineDir } from '../run/baseline-folder.js'
import { encodeWorkerGate, WORKER_GATE_ENV, workerGateConfig } from '../run/worker-config.js'
import type { TestOutline, TestRecord } from '../model/run-report.js'
import { allProjectsRan, declaresProjects, ranProjectNames, giveGlobals, giveProjectName, projectName, type JestTest } from './projects.js'
import { listsPerfspecSetup, runsTests, type JestSetupConfig } from './setup-check.js'
import { recordsLost } from '../run/record-folder.js'
import { collectSetupMarks, collectTests, createRunDir, removeRunDir, ROOT_ENV, RUN_DIR_ENV, setupKey, TIMEOUT_ENV, type ShippedTest } from './transport.js'
import { stampOfFile, type FileStamp } from '../run/test-file-stamp.js'
import { HANDED_ENV_GLOBAL } from '../measure/launch-env.js'
import { sideProblemLine } from '../model/ab-side-problem.js'
import { noteStarted } from '../record/started-files.js'
import { handedVariables, takeFromEnv } from '../run/hand-over-env.js'
import { AB_ENV } from '../model/ab-environment.js'
import { firstLine } from '../model/first-line.js'

/** The fields of Jest's global config the reporter reads (Jest 29 and 30). */
export interface JestGlobalConfig {
  rootDir: string
  /** `'all'` under `jest -u`, `'none'` under `--ci`, `'new'` otherwise. */
  updateSnapshot?: 'all' | 'new' | 'none'
  /** `--ci`, which Jest also turns on by itself on CI machines. */
  ci?: boolean
  testTimeout?: number
  watch?: boolean
  watchAll?: boolean
  /** The projects the config declares (paths or inline configs); several give ids a project part. */
  projects?: unknown[]
  /** `--selectProjects`: the projects the run was limited to. */
  selectProjects?: string[]
  /** `--bail`: how many failing test files end the run (0: none does). */
  bail?: number
  /** `--json`: Jest writes its results as JSON, to `outputFile` when set. */
  json?: boolean
  /** `--outputFile`, relative to Jest's working folder. */
  outputFile?: string
}

/** The fields of a test file's result the reporter reads. */
interface JestTestFileResult {
  testFilePath: string
  /** The project's `displayName`, when it has one. */
  displayName?: string | { name: string } | null
  /** Set when the file failed to run at all (an import that threw). */
  testExecError?: { message?: string } | null
  testResults: Array<{
    ancestorTitles: string[]
    title: string
    status: string
    location?: { line: number; column: number } | null
    /** The test was declared with `test.failing` (in the Jest versions whose results carry it). */
    failing?: boolean
    /** How many attempts the test had (`jest.retryTimes`): its last is its result. */
    invocations?: number
  }>
}

/** The fields of Jest's aggregated result the reporter reads. */
interface JestAggregatedResult {
  testResults: JestTestFileResult[]
  startTime?: number
  /** Set when Jest stopped the run with an error of its own (a test runner that failed to load). */
  runExecError?: { message?: string }
  /** The test files the run was to run. */
  numTotalTestSuites?: number
}

// Jest's default test timeout: when the config still has it, benchmarks get the reporter's.
const JEST_DEFAULT_TIMEOUT = 5000
/**
 * How long a watch-mode run waits after writing its files. Jest's watcher re-runs on any changed
 * `.json` file under the roots, so the report and the baselines would start the next run, which
 * writes them again, for ever. Jest ignores changes that arrive while a run is in progress, and
 * its watcher reports a change within about 150 ms (100 ms debounce, 30 ms batching): holding
 * the run open for longer lets our own writes be ignored, without asking users for
 * `watchPathIgnorePatterns`.
 */
const WATCH_SETTLE_MS = 1000

/**
 * Records of every test file, by project and absolute path ({@link fileKey}). Module state on
 * purpose: Jest builds new reporter instances for every watch-mode run, and a re-run must replace
 * only the files it ran.
 */
const filesByRoot = new Map<string, Map<string, TestRecord[]>>()

/** Run folders not yet read: removed when the process exits, if a run was cut short. */
const openRunDirs = new Set<string>()
let cleanupHooked = false
function trackRunDir(dir: string): void {
  openRunDirs.add(dir)
  if (cleanupHooked) return
  cleanupHooked = true
  process.once('exit', () => {
    for (const d of openRunDirs) removeRunDir(d)
  })
}

/** The results objects of runs a perfspec reporter started: Jest hands one to each reporter of a run. */
const startedRuns = new WeakSet<object>()

/** The perfspec reporter for Jest; options are those of the Vitest plugin ({@link PerfOptions}). */
export class PerfJestReporter {
  private readonly options: ResolvedPerfOptions
  private readonly globalConfig: JestGlobalConfig
  private readonly root: string
  private readonly runDir: string
  private startedAt = Date.now()
  private failure: Error | undefined
  /** Whether the config declares several projects: ids then carry the project's name. */
  private readonly projects: boolean
  /** The project each test file's result came from, when {@link projects}. */
  private readonly projectOf = new WeakMap<object, string>()
  /** Projects already warned about (by name), so each is named once. */
  private readonly warned = new Set<string>()
  /** The test files this run started (absolute paths), with their project's name and config, by {@link setupKey}. */
  private readonly startedFiles = new Map<string, { path: string; name: string; config: JestSetupConfig }>()
  /**
   * `perfspec ab`'s variable, taken out of the environment (see `takeFromEnv`): the test files get
   * it through their globals, a runner a test starts does not inherit it.
   */
  private readonly abEnv = takeFromEnv(AB_ENV)
  /** Set when `perfspec ab` runs this process (`PERFSPEC_AB`): no baseline is read or written, no report. */
  private readonly abSide = abModeSide({ [AB_ENV]: this.abEnv })
  /** Between the start of a run and its report: a stop then rewrites the report with what finished. */
  private running = false
  /** This run's report is done: a second `onRunComplete` of the run (Jest's --bail) is ignored; the next run's start clears it. */
  private completed = false
  /**
   * Set in a process started to measure suspects again (see `recheckInFreshProcesses`): the file
   * the run's records go to; no report, no baseline, and the parent's worker config stays.
   */
  private readonly recheckOut = takeFromEnv(RECHECK_OUT_ENV)
  /** Each test file's stamp as Jest handed it to a worker in this run, by absolute path. */
  private readonly loadedFiles = new Map<string, FileStamp>()
  /** This run's files, checked as the process exits (see `keepRunFiles`); none in watch mode or in-process. */
  private kept?: KeptFiles
  /** A test file's config could not be given perfspec's variables (see `onTestFileStart`). */
  private notHanded = false

  constructor(globalConfig: JestGlobalConfig, options: PerfOptions = {}) {
    this.options = resolvePerfOptions(options, 'Jest reporter')
    this.root = globalConfig.rootDir
    // Jest writes its --json output after the reporters: it would replace the report perfspec said it wrote (probe 53 #1).
    const baselines = projectBaselineDir(this.root, this.options.baselineDir, 'Jest reporter option "baselineDir"')
    const clash = globalConfig.json && globalConfig.outputFile ? clashingReportOption(reportPaths(this.root, this.options), resolve(process.cwd(), globalConfig.outputFile), baselines) : undefined
    if (clash === 'baselineDir') throw new TypeError(`perfspec: Jest's --json --outputFile ${globalConfig.outputFile} is in perfspec's baseline folder (option "baselineDir"), and Jest writes it after perfspec: a baseline would be lost. Give --outputFile a file outside ${relative(this.root, baselines) || baselines}`)
    if (clash) throw new TypeError(`perfspec: Jest's --json --outputFile ${globalConfig.outputFile} is the file perfspec's option "${clash}" writes its report to, and Jest writes it after perfspec: the report would be lost. Give --outputFile another file, or the Jest reporter's option "${clash}" another path`)
    this.globalConfig = globalConfig
    this.projects = declaresProjects(globalConfig)
    // Its files as the run starts, checked as the process exits: noted as early as a reporter can,
    // though Jest runs its globalSetup before it creates any reporter (what that deletes is found
    // under CI, see `keepRunFiles`; probe 71 #1). None in watch mode, whose files are the user's to
    // change between runs, nor in a run started in-process, which may go on.
    const watching = globalConfig.watch || globalConfig.watchAll
    this.kept = !this.recheckOut && !watching && isRunnerCommand('jest') ? keepRunFiles({ root: this.root, options: this.options, ...(globalConfig.ci !== undefined && { runnerCi: globalConfig.ci }) }, this.abSide) : undefined
    // Jest creates reporters before it spawns the run's workers, which copy this environment.
    this.runDir = createRunDir()
    trackRunDir(this.runDir)
    process.env[RUN_DIR_ENV] = this.runDir
    process.env[ROOT_ENV] = this.root
    if ((globalConfig.testTimeout ?? JEST_DEFAULT_TIMEOUT) === JEST_DEFAULT_TIMEOUT) process.env[TIMEOUT_ENV] = String(this.options.testTimeout)
    // A fresh process measuring suspects again keeps the config its parent gave its workers.
    if (this.recheckOut) return
    // Not in an A/B run (`perfspec ab`), which judges from its paired blocks alone.
    if (this.abSide) delete process.env[WORKER_GATE_ENV]
    else {
      process.env[WORKER_GATE_ENV] = encodeWorkerGate(workerGateConfig(this.root, this.options, jestUpdateMode(globalConfig), globalConfig.ci))
      // The machine's speed now, before the workers start; again at the end (see `noteMachineSpeed`).
      noteMachineSpeed()
    }
  }

  onRunStart(results?: object): void {
    // Two of perfspec's reporters in one run: the later one took the run's record folder, so the
    // earlier would report nothing and blame the test environment (probe 53 #2).
    if (results) {
      if (startedRuns.has(results)) throw new TypeError('perfspec: perfspec/jest/reporter is listed more than once in Jest\'s reporters: one run has one perfspec report. List it once; for the report in more formats, use its "exports" option, or `perfspec report` of its JSON')
      startedRuns.add(results)
    }
    this.completed = false
    this.startedFiles.clear()
    this.loadedFiles.clear()
    this.notHanded = false
    this.startedAt = Date.now()
    this.failure = undefined
    this.running = true
    const watching = this.globalConfig.watch || this.globalConfig.watchAll
    if (!this.abSide && !this.recheckOut && !watching) {
      process.on('SIGINT', this.onSignal)
      process.on('SIGTERM', this.onSignal)
      process.on('SIGHUP', this.onSignal)
    }
  }

  /**
   * A run stopped by Ctrl-C, SIGTERM or SIGHUP would leave the last run's report on disk, saying PASS: it
   * is rewritten with what the test processes recorded so far, saying the run was stopped. Then
   * the signal ends the process as it would have without perfspec. The listener stays until the
   * report is written: a second signal right after the first (`timeout`, then npm forwarding it)
   * would otherwise find none and kill the process in the middle of the write.
   */
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.running) {
      this.running = false
      const { tests: shipped } = collectTests(this.runDir)
      const outcome = finishRun({
        tests: toRecords(lastAttempts(shipped), undefined),
        root: this.root,
        runner: { name: 'jest', version: jestVersion(this.root) },
        startedAt: this.startedAt,
        options: this.options,
        interrupted: true,
        problems: [interruptedText(signal)],
        ...(this.globalConfig.ci !== undefined && { runnerCi: this.globalConfig.ci }),
      })
      // Synchronously: the process ends right after, and a pipe's pending writes would be lost.
      writeStoppedSummary(outcome)
    }
    process.off('SIGINT', this.onSignal)
    process.off('SIGTERM', this.onSignal)
    process.off('SIGHUP', this.onSignal)
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  }

  /**
   * Jest calls this before it hands a test file to a worker, with the project config it hands
   * over: the place to tell the file its project's name (see `projects.ts`).
   */
  onTestFileStart(test: JestTest): void {
    // Stamped as Jest hands it to a worker (see `SessionInput.loadedFiles`).
    const stamp = stampOfFile(test.path)
    if (stamp && !this.loadedFiles.has(test.path)) this.loadedFiles.set(test.path, stamp)
    // perfspec's variables through the file's globals as well: a setup file that replaces
    // `process.env` before perfspec's loads would take them away (see `launchEnv`).
    // Its record folder comes only that way (see `handedRunDirOf`): a file not handed it ships nothing, so the run fails.
    if (!giveGlobals(test, { [HANDED_ENV_GLOBAL]: handedVariables({ [AB_ENV]: this.abEnv }) })) this.notHanded = true
    try {
      noteStarted(this.runDir, test.path)
    } catch {
      // The folder is gone: the run's end says so (see `recordsLost`).
    }
    const config = test.context.config as JestTest['context']['config'] & JestSetupConfig
    if (!this.projects) {
      this.startedFiles.set(setupKey('', test.path), { path: test.path, name: '', config })
      return
    }
    const { name, named } = projectName(config, this.root)
    this.startedFiles.set(setupKey(name, test.path), { path: test.path, name, config })
    const given = giveProjectName(test, name)
    if (this.warned.has(name) || (given && named)) return
    this.warned.add(name)
    if (!given) process.stderr.write(`perfspec: could not tell the test files of Jest project "${name}" their project; a file that several projects run has clashing benchmark ids there\n`)
    else process.stderr.write(`perfspec: a Jest project in the root folder has no displayName, so its benchmarks are named after Jest's id of it ("${name}"), which changes when the projects are reordered; give each project a displayName\n`)
  }

  /** Notes which project a test file's result belongs to. */
  onTestResult(test: JestTest, testResult: JestTestFileResult): void {
    if (this.projects) this.projectOf.set(testResult, projectName(test.context.config, this.root).name)
  }

  onRunComplete(contexts: unknown, results: JestAggregatedResult): Promise<void> | void {
    // Jest's --bail calls this once as it bails and again at the run's end (probe 34 #2): the
    // first wrote the report and removed the run's folder; a second would overwrite it with nothing.
    if (this.completed) return
    this.completed = true
    const wrote = this.report(results, allProjectsRan(contexts, this.globalConfig), ranProjectNames(contexts, this.globalConfig))
    if (wrote && (this.globalConfig.watch || this.globalConfig.watchAll)) return new Promise((done) => setTimeout(done, WATCH_SETTLE_MS))
  }

  /**
   * Builds and writes the run's report; true when it wrote files.
   *
   * @param allProjects - whether every declared project ran (see `allProjectsRan`)
   * @param ran - the projects the run was limited to, by name, when it left some out (see `ranProjectNames`)
   */
  private report(results: JestAggregatedResult, allProjects: boolean, ran: string[] | undefined): boolean {
    // The signal listeners stay: a signal that comes while a suspect is measured again in a fresh
    // process (a synchronous wait of seconds) is then handled once the report is written, and
    // ends the process as it would have (see `onSignal`); without a listener, its default action
    // would kill the process mid-wait and leave the last run's report on disk.
    this.running = false
    const gone = recordsLost(this.runDir)
    const { tests: shipped, unreadable, missing } = collectTests(this.runDir)
    // Records removed while the count of them stayed: lost all the same (probe 49 #3).
    const lost = gone || missing > 0
    const setupRan = collectSetupMarks(this.runDir)
    removeRunDir(this.runDir)
    openRunDirs.delete(this.runDir)
    if (process.env[RUN_DIR_ENV] === this.runDir) delete process.env[RUN_DIR_ENV]

    // Only a watch-mode run adds to what earlier runs in this process recorded (Jest started
    // programmatically twice in one process runs afresh each time).
    const watching = Boolean(this.globalConfig.watch || this.globalConfig.watchAll)
    const files = (watching && filesByRoot.get(this.root)) || new Map<string, TestRecord[]>()
    filesByRoot.set(this.root, files)
    const byFile = new Map<string, ShippedTest[]>()
    for (const t of lastAttempts(shipped)) byFile.set(fileKey(t.project, t.testPath), [...(byFile.get(fileKey(t.project, t.testPath)) ?? []), t])
    // Every file that ran replaces what an earlier watch-mode run recorded for it, even with nothing.
    // A file that ran twice under one key (two projects of one name) adds to what this run kept.
    const ranNow = new Map<string, number>()
    for (const fileResult of results.testResults) {
      const key = fileKey(this.projectOfResult(fileResult), fileResult.testFilePath)
      const records = toRecords(byFile.get(key) ?? [], fileResult)
      byFile.delete(key)
      const runs = (ranNow.get(key) ?? 0) + 1
      ranNow.set(key, runs)
      files.set(key, runs > 1 ? [...(files.get(key) ?? []), ...records] : records)
    }
    // Records no file result claims (a project name the test process and Jest disagree on) are kept too.
    for (const [key, list] of byFile) files.set(key, toRecords(list, undefined))
    // What earlier watch-mode runs recorded of files this run did not run is reported, never
    // written as a baseline (see `SessionInput.earlier`); a file deleted or renamed since leaves.
    const tests: TestRecord[] = []
    const earlier: TestRecord[] = []
    for (const [key, records] of files) {
      if (ranNow.has(key) || byFile.has(key)) tests.push(...records)
      else if (existsSync(key.slice(key.indexOf('\0') + 1))) earlier.push(...records)
      else files.delete(key)
    }
    // Lost records took the setup marks with them: the setup may well have run.
    const reportedIn = new Set([...setupRan.files, ...shipped.map((t) => setupKey(t.project ?? '', t.testPath))])
    // Files with no result did not run (handed to a worker as --bail stopped the run: probe 35 #2),
    // and files that failed to run at all fail the run with their own error: neither is checked.
    const checked = new Set(results.testResults.filter((r) => !r.testExecError).map((r) => r.testFilePath))
    const end = jestRunProblems({
      ...(lost && { recordsLost: this.runDir }),
      ...(results.runExecError && { runError: firstLine(results.runExecError.message) ?? 'no message' }),
      ran: results.testResults.length,
      ...(results.numTotalTestSuites !== undefined && { total: results.numTotalTestSuites }),
      bail: (this.globalConfig.bail ?? 0) > 0,
      started: [...this.startedFiles.values()].map(({ path, name, config }) => ({
        file: relative(this.root, path),
        ...(this.projects && { project: name }),
        ...(config.testEnvironment && { environment: config.testEnvironment }),
        reported: reportedIn.has(setupKey(name, path)),
        checked: checked.has(path),
        runsTests: runsTests(config),
        listsSetup: listsPerfspecSetup(config),
        setupNoted: setupRan.projects.has(name),
      })),
      globalsRefused: this.notHanded,
      sharedNames: [...ranNow].filter(([, runs]) => runs > 1).map(([key]) => {
        const [project = '', testPath = ''] = key.split('\0')
        return { project, file: relative(this.root, testPath) }
      }),
    })
    const problems = end.problems.map(runProblemText)

    if (unreadable > 0) process.stderr.write(`perfspec: ${unreadable} test record(s) from Jest workers could not be read and are missing from the report\n`)
    // A run that recorded nothing still rewrites the report, so that the last run's PASS does not
    // stay on disk (a run that found no test file and passes, `--passWithNoTests`, too); a
    // watch-mode run that ran no test file has nothing to say.
    if (tests.length === 0 && earlier.length === 0 && results.testResults.length === 0 && watching) return false
    // `perfspec ab` writes the report of both sides; this side's baselines and files stay as they are.
    // A problem (a project whose files were not handed perfspec's variables, so measured alone)
    // fails this side's runner, which perfspec ab reports with its output.
    if (this.abSide) {
      for (const problem of problems) process.stderr.write(sideProblemLine(problem))
      if (problems.length > 0) this.failure = new Error(`perfspec: ${problems[0]}`)
      return false
    }
    if (this.recheckOut) {
      writeFreshRecords(this.recheckOut, tests)
      return false
    }
    if (tests.length > 0) noteMachineSpeed()
    const input = {
      tests,
      ...(earlier.length > 0 && { earlier }),
      outline: results.testResults.flatMap((f) => outlineOf(f, this.root, this.projectOfResult(f))),
      root: this.root,
      runner: { name: 'jest', version: jestVersion(this.root) },
      startedAt: results.startTime ?? this.startedAt,
      options: this.options,
      problems,
      runnerUpdate: jestUpdateMode(this.globalConfig),
      loadedFiles: this.loadedFiles,
      ...(this.globalConfig.ci !== undefined && { runnerCi: this.globalConfig.ci }),
      ...(allProjects && { allProjects: true }),
      // What is left is not all the run measured: nothing may be written or pruned from it.
      ...(end.interrupted && { interrupted: true }),
    }
    // Off with the options (`freshProcess`, `confirm: 0`, `baselineProcesses: 1`); watch mode re-runs on the next change anyway.
    const runnable = new Map<string, RunnableJestTest>(lastAttempts(shipped).map((t) => [`${t.file}\0${testIdOf(t)}`, { testPath: t.testPath, titlePath: t.titlePath }]))
    const selected = this.globalConfig.selectProjects ?? ran
    const settings = { testTimeout: this.globalConfig.testTimeout, ...(selected && { selectProjects: selected }) }
    const fresh = this.options.freshProcess && !watching ? jestFreshRun(this.root, this.options, runnable, settings) : undefined
    const pass = this.options.baselineProcesses > 1 && !watching ? jestBaselinePass(this.root, this.options, runnable, settings) : undefined
    const outcome = finishRun(fresh || pass ? afterFreshProcesses(input, fresh, pass) : input, process.env, this.kept)
    process.stdout.write(`${outcome.console}\n`)
    for (const line of outcome.annotations) process.stdout.write(`${line}\n`)
    if (outcome.failed) {
      const { regressions } = outcome.run.report.summary
      const what = regressions > 0 ? `${regressions} performance regression(s)` : 'the problems listed above'
      this.failure = new Error(`perfspec: ${what}; see ${this.options.output || 'the summary above'}`)
    }
    return true
  }

  /** The project a test file's result came from, when the config declares several. */
  private projectOfResult(fileResult: JestTestFileResult): string | undefined {
    if (!this.projects) return undefined
    const display = fileResult.displayName
    return this.projectOf.get(fileResult) ?? ((typeof display === 'string' ? display : display?.name) || undefined)
  }

  /** Jest fails the run (non-zero exit) when a reporter returns an error here after the run. */
  getLastError(): Error | undefined {
    return this.failure
  }
}

/**
 * The update mode Jest's own flag asks for: `'all'` under `jest -u`. Jest has no flag for writing
 * only missing snapshots; its `'new'` and `'none'` follow `--ci`, which perfspec reads as CI
 * (`runnerCi`), so they are no request of their own.
 */
function jestUpdateMode(globalConfig: JestGlobalConfig): UpdateMode | undefined {
  return globalConfig.updateSnapshot === 'all' ? 'all' : undefined
}

/**
 * Test records of one file: Jest's own status and location of each test where its titles match,
 * the test process's view otherwise.
 */
function toRecords(shipped: ShippedTest[], fileResult: JestTestFileResult | undefined): TestRecord[] {
  const results = [...(fileResult?.testResults ?? [])]
  return shipped.flatMap((t) => {
    const index = results.findIndex((r) => sameTitles([...r.ancestorTitles, r.title], t.titlePath))
    const result = index >= 0 ? results.splice(index, 1)[0] : undefined
    // Recorded by an earlier attempt of a retried test whose last attempt recorded nothing: the
    // last attempt is the test's result, and it measured nothing (probe 43 #1). Attempts count
    // from 1; a record of attempt 0 was made before Jest counted the test's start (Jest 29 runs
    // a `test.concurrent` body before it), and is the test's own.
    if (result?.invocations !== undefined && t.attempt !== undefined && t.attempt > 0 && t.attempt < result.invocations) return []
    const state: TestRecord['state'] = result
      ? result.status === 'passed'
        ? 'passed'
        : result.status === 'failed'
          ? 'failed'
          : 'skipped'
      : t.failed
        ? 'failed'
        : 'passed'
    const line = result?.location?.line ?? t.line
    const record: TestRecord = { file: t.file, test: testIdOf(t), state, entries: t.entries as RecordEntry[] }
    if (line !== undefined) record.line = line
    // `test.failing`: Jest reports it passed when its body failed. The test process read it from
    // jest-circus; Jest's own result says it too where it carries the flag.
    if (t.failing || result?.failing) record.expectedToFail = true
    return [record]
  })
}

/** The id of a shipped test's record: its project, describe blocks and name. */
function testIdOf(t: ShippedTest): string {
  return [...projectTitles(t.project), ...t.titlePath].map(idPart).join(ID_SEPARATOR)
}

/** Where the records of a test file are kept: one file run by two projects is two files. */
function fileKey(project: string | undefined, testPath: string): string {
  return `${project ?? ''}\0${testPath}`
}

/** The id part naming the project, as the setup file puts it in ids; none outside projects. */
function projectTitles(project: string | undefined): string[] {
  return project ? [projectIdPart(project)] : []
}

/**
 * The shipped tests without the earlier attempts of retried ones (`jest.retryTimes`): of the
 * records of one name, those of the highest attempt. Two tests of the same name both ran once
 * and are both kept (their ids then clash, which the report says).
 */
function lastAttempts(shipped: readonly ShippedTest[]): ShippedTest[] {
  const key = (t: ShippedTest) => `${fileKey(t.project, t.testPath)}\0${t.titlePath.join('\0')}`
  const latest = new Map<string, number>()
  for (const t of shipped) latest.set(key(t), Math.max(latest.get(key(t)) ?? 0, t.attempt ?? 0))
  return shipped.filter((t) => (t.attempt ?? 0) === latest.get(key(t)))
}

/** Every test of a file as Jest reported it, whatever it recorded. */
function outlineOf(fileResult: JestTestFileResult, root: string, project: string | undefined): TestOutline[] {
  const file = relative(root, fileResult.testFilePath)
  const before = projectTitles(project)
  const tests: TestOutline[] = fileResult.testResults.map((r) => ({ file, titlePath: [...before, ...r.ancestorTitles, r.title], state: r.status === 'passed' ? 'passed' : r.status === 'failed' ? 'failed' : 'skipped' }))
  // A file that failed to run: what it was to measure did not finish.
  if (!fileResult.testExecError) return tests
  const error = firstLine(fileResult.testExecError.message)
  return [...tests, { file, titlePath: before, state: 'failed', ...(error !== undefined && { error }) }]
}

function sameTitles(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** The Jest version the project resolves (the one running it), else the one beside perfspec. */
function jestVersion(root: string): string {
  for (const from of [resolve(root, 'package.json'), import.meta.url]) {
    try {
      return (createRequire(from)('jest/package.json') as { version: string }).version
    } catch {
      // try the next place, then give up
    }
  }
  return 'unknown'
}

export type { PerfOptions } from '../run/options.js'
export default PerfJestReporter
