import { existsSync, readdirSync } from 'node:fs'
import { relative, resolve } from 'pathe'
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from 'vitest/node'
import type { PerfMeta } from './setup.js'
import { resolvePerfOptions, type PerfOptions, type ResolvedPerfOptions } from '../run/options.js'
import { encodeWorkerGate, WORKER_GATE_ENV, workerGateConfig } from '../run/worker-config.js'
import type { TestOutline, TestRecord } from '../model/run-report.js'
import { ID_SEPARATOR, idPart } from '../model/names.js'
import { markProjects, projectTitle } from './projects.js'
import { markRun } from './run-mark.js'
import { vitestUpdateMode } from './update-flag.js'
import { abModeSide } from '../run/ab-mode.js'
import { interruptedText, runProblemText } from '../report/status-text.js'
import { vitestRunProblems } from '../run/vitest-run-end.js'
import { staleMerge, type MeasuredCode } from '../run/merged-code.js'
import { CODE_STAMP_KEY, type CodeStamp } from '../model/code-stamp.js'
import { writeStoppedSummary } from '../adapters/stopped-summary.js'
import { RECHECK_OUT_ENV } from '../run/recheck-env.js'
import { vitestBaselinePass, vitestFreshRun } from './fresh-run.js'
import { poolWorkersEnded } from './pool-workers-ended.js'
import { vitestTestRoots } from './test-roots.js'
import { gitCommit, noteMachineSpeed } from '../run/environment.js'
import { clearRecords, createRecordFolder, removeRecordFolder, takeRecords } from '../run/record-folder.js'
import { moduleKeyOf, setRunPath, undeliveredRecords, VITEST_RECORDS_ENV } from './record-channel.js'
import { stampOfFile, type FileStamp } from '../run/test-file-stamp.js'
import { takeFromEnv } from '../run/hand-over-env.js'
import { handToTestFiles, type Provider } from './hand-over.js'
import { AB_ENV } from '../model/ab-environment.js'
import { firstLine } from '../model/first-line.js'
import { isCancelNote } from './cancel-note.js'
import { readShardGaps } from './shard-mark.js'
import { scheduledFiles } from './scheduled-files.js'
import { missingShardBlobs } from '../run/blob-shards.js'
import { refuseClashingOutputs } from './runner-outputs.js'
import { reportRefusedRun } from './refused-run.js'
import { baselineTexts, keepRunFiles, type KeptFiles } from '../adapters/kept-files.js'
import { checkedAtExit } from './checked-at-exit.js'
import { projectBaselineDir } from '../run/baseline-folder.js'
import { reportPaths } from '../run/root-paths.js'

type FinishRunModule = typeof import('../adapters/finish-run.js')

/** Each perf reporter's options, for the plugin's checks of the run's setup (see `refuseClashingOutputs`): not part of the reporter's API. */
export const perfReporterOptions = new WeakMap<PerfReporter, ResolvedPerfOptions>()

/**
 * The perfspec reporter for Vitest (`--reporter=perf` with the plugin, or
 * `reporters: ['default', new PerfReporter()]`). It collects what tests recorded, then writes
 * `BENCHMARK_RESULTS.md`, its JSON and the baselines, and fails the run on a regression.
 * In watch mode a re-run's results replace those of the files it re-ran.
 */
export class PerfReporter implements Reporter {
  private readonly options: ResolvedPerfOptions
  private vitest?: Vitest
  /**
   * `perfspec ab`'s variable, taken out of the environment (see `takeFromEnv`): the test files get
   * it through Vitest's provided context (see `hand-over.ts`), and a runner a test starts does not join the run.
   */
  private readonly abEnv = takeFromEnv(AB_ENV)
  /** Set when `perfspec ab` runs this process (`PERFSPEC_AB`): no baseline is read or written, no report. */
  private readonly abSide = abModeSide({ [AB_ENV]: this.abEnv })
  private startedAt = Date.now()
  /** Test records by module id, so a watch-mode re-run replaces a file's previous records. */
  private readonly byModule = new Map<string, Map<string, TestRecord>>()
  /**
   * The tests whose results Vitest delivered in this run (by `moduleKey`, then id), whether they
   * recorded anything or not: what perfspec's own channel holds of them is an earlier attempt's,
   * never to be added (see `undelivered`).
   */
  private readonly delivered = new Map<string, Set<string>>()
  /** The modules this run ran (by `moduleKey`): a watch-mode re-run runs some of them. */
  private readonly ranNow = new Set<string>()
  /** Test files a merge replayed more than once (see `RunProblem` `merged-twice`). */
  private readonly mergedTwice = new Set<string>()
  /** Each test file's stamp as this run queued it, by absolute path. */
  private readonly loadedFiles = new Map<string, FileStamp>()
  /** The file of each module recorded (by `moduleKey`): one deleted or renamed while watching leaves the report. */
  private readonly moduleFiles = new Map<string, string>()
  /** Type tests (`--typecheck`) of this run that failed, as ids name them. */
  private typeTestsFailed: string[] = []
  /** Type-checked modules (`--typecheck`) this run ran: with none other, the run still found test files. */
  private typeTests = 0
  /** Every test of the modules this run ran, whatever they recorded. */
  private outline: TestOutline[] = []
  /** Between the start of a run and its report: a stop then rewrites the report with what finished. */
  private running = false
  /** The end of a run, loaded while the run goes: a stop must report synchronously, before the process exits. */
  private finishing?: FinishRunModule
  /**
   * Set in a process started to measure suspects again (see `recheckInFreshProcesses`): the file
   * the run's records go to; no report, no baseline, and the parent's worker config stays.
   */
  private readonly recheckOut = takeFromEnv(RECHECK_OUT_ENV)
  /** Where the workers also hand over their records, for a stopped run (see `record-channel.ts`). */
  private recordFolder?: string
  /** Each recorded test's file, describe blocks, name and project, by its record's file and id: what a fresh process is given to run it alone. */
  private readonly runnable = new Map<string, { moduleId: string; titles: string[]; project: string }>()
  /** The testbeds the workers measured as (`undefined`: none named), for a merge of shards' reports; unknown ones (older blobs) left out. */
  private readonly measuredTestbeds = new Set<string | undefined>()

  constructor(options: PerfOptions = {}) {
    this.options = resolvePerfOptions(options, 'perf reporter')
    perfReporterOptions.set(this, this.options)
  }

  /** This run's files, checked as the process exits (see `keepRunFiles`); none in watch mode or in-process. */
  private kept?: KeptFiles

  /** How many test files this run was to run (Vitest's specifications at its start). */
  private scheduled = 0
  /** Tests of this run that Vitest skipped as it cancelled the run (`--bail`), in files that had started. */
  private cancelled = 0

  async onInit(vitest: Vitest): Promise<void> {
    this.vitest = vitest
    try {
      this.setVariables(vitest)
    } catch (error) {
      await this.refuseRun(vitest, error)
    }
    // Once set, before any worker starts.
    handToTestFiles(vitest.projects, { [AB_ENV]: this.abEnv })
    // As early as a reporter can: one listed after this one may delete a baseline in its own
    // onInit, before the run starts (probe 71 #2).
    this.kept = this.keptFiles()
    if (this.recheckOut || this.abSide) return
    this.reportStops(vitest)
    // The machine's speed now, before the workers start; again at the end (see `noteMachineSpeed`).
    noteMachineSpeed()
  }

  /**
   * The run's files as it starts, checked as the process exits (see `keepRunFiles`): none in a
   * watch session, whose files are the user's to change between runs, nor in a run started
   * in-process, which may go on.
   */
  private keptFiles(): KeptFiles | undefined {
    const vitest = this.vitest
    return vitest && !this.recheckOut && checkedAtExit(vitest.config) ? keepRunFiles({ root: vitest.config.root, options: this.options, testRoots: vitestTestRoots(vitest) }, this.abSide, this.early) : undefined
  }

  /** The baseline files as the `perf()` plugin found them, before any reporter's onInit (see `noteBaselinesEarly`). */
  private early?: Map<string, string>

  /**
   * Reads the baseline folder of the project at `root` now: called by the `perf()` plugin as
   * Vitest is configured, before any reporter's onInit, so that a reporter listed before this one
   * that deletes a baseline there is caught (probe 72 #1). Not in watch mode, nor in-process.
   */
  noteBaselinesEarly(root: string, watch: boolean): void {
    if (!this.recheckOut && checkedAtExit({ watch })) this.early = baselineTexts({ root, options: this.options })
  }

  /**
   * A run refused before any test runs (an update flag that is no mode: `-u t/b` took a file
   * filter for its value): its report is rewritten, failing with the reason, so that the last
   * run's PASS does not stay on disk; then the refusal is thrown.
   */
  private async refuseRun(vitest: Vitest, error: unknown): Promise<never> {
    if (!this.recheckOut && !this.abSide) await reportRefusedRun(vitest, this.options, error)
    throw error
  }

  /** perfspec's variables for this run's test files (see `handToTestFiles`). */
  private setVariables(vitest: Vitest): void {
    // One test file in several projects runs once in each: their benchmarks need ids of their own.
    // Decided by the configuration, not by the projects this run selected (--project), so that ids
    // do not change with the selection.
    const declared = (vitest.config as { projects?: unknown[] }).projects
    // (A perf run with a project Vitest numbered by its place was refused by the plugin already.)
    markProjects(declared, vitest.projects.length)
    markRun(vitest.config.root)
    // Vitest's json reporter writes before perfspec's reads the baselines, and either report file after the other.
    if (!this.recheckOut && !this.abSide) refuseClashingOutputs(vitest.config, projectBaselineDir(vitest.config.root, this.options.baselineDir, `${this.options.source} option "baselineDir"`), reportPaths(vitest.config.root, this.options))
    // perfspec's own channel for the records of a stopped run (see `record-channel.ts`); a fresh
    // process or an A/B side writes no report of a stopped run, and must not write into its parent's.
    delete process.env[VITEST_RECORDS_ENV]
    // Before any worker starts: the workers inherit it, and measure each benchmark against its
    // baseline before recording it (confirmation, baselines measured several times). Not in an
    // A/B run, which judges from its paired blocks alone; a fresh process measuring suspects
    // again keeps the config its parent gave.
    if (this.recheckOut) return
    if (this.abSide) delete process.env[WORKER_GATE_ENV]
    else process.env[WORKER_GATE_ENV] = encodeWorkerGate(workerGateConfig(vitest.config.root, this.options, vitestUpdateMode(vitest.config.update)))
    if (this.abSide) return
    try {
      this.recordFolder = createRecordFolder('vitest')
      process.env[VITEST_RECORDS_ENV] = this.recordFolder
    } catch {
      // No folder (a temp folder that cannot be written): a stopped run reports what Vitest delivered.
    }
  }

  async onTestRunStart(specifications?: readonly unknown[]): Promise<void> {
    this.cancelled = 0
    this.measuredTestbeds.clear()
    // What an earlier run of this process (watch mode) handed over is not this run's.
    if (this.recordFolder) clearRecords(this.recordFolder)
    this.startedAt = Date.now()
    this.outline = []
    this.typeTestsFailed = []
    this.typeTests = 0
    this.ranNow.clear()
    this.mergedTwice.clear()
    this.delivered.clear()
    this.loadedFiles.clear()
    this.running = true
    this.kept ??= this.keptFiles()
    void import('../adapters/finish-run.js').then((m) => {
      this.finishing = m
    })
    // Every file at once; a shard's own share once its sequencer says (see `scheduledFiles`).
    this.scheduled = specifications?.length ?? 0
    this.scheduled = await scheduledFiles(this.vitest, specifications)
  }

  /**
   * A run stopped before it ends (Ctrl-C, SIGTERM, SIGHUP, or Vitest closed mid-run in watch mode) would
   * leave the last run's report on disk, saying PASS: it is rewritten with what finished, saying
   * it was stopped. Vitest itself exits on these signals; should nothing else end the process, the
   * signal is raised again once perfspec has written its report. The listener stays until then:
   * a second signal right after the first (`timeout`, then npm forwarding it) would otherwise find
   * no listener and kill the process in the middle of the write.
   */
  private reportStops(vitest: Vitest): void {
    let stopping = false
    const off = () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      process.off('SIGHUP', onSignal)
    }
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return
      stopping = true
      this.reportStopped(signal)
      setTimeout(() => {
        off()
        process.kill(process.pid, signal)
      }, 200).unref()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    process.on('SIGHUP', onSignal)
    vitest.onClose(() => {
      if (!stopping) off()
      this.reportStopped('Vitest was closed')
      if (this.recordFolder) removeRecordFolder(this.recordFolder)
    })
  }

  /** Writes the report of a run stopped mid-way: synchronous, since the process is about to exit. */
  private reportStopped(how: string): void {
    if (!this.running || !this.finishing) return
    this.running = false
    const root = this.vitest?.config.root ?? process.cwd()
    // What earlier runs of a watch session measured is not what this run had reported.
    const outcome = this.finishing.finishRun({
      tests: [...this.records().now, ...this.undelivered(root, true)],
      root,
      runner: { name: 'vitest', version: this.vitest?.version ?? 'unknown' },
      startedAt: this.startedAt,
      options: this.options,
      interrupted: true,
      problems: [interruptedText(how)],
    })
    // Synchronously: the process ends right after, and a pipe's pending writes would be lost.
    writeStoppedSummary(outcome)
  }

  /**
   * The tests that recorded something in a worker but whose results Vitest did not deliver before
   * the stop (see `record-channel.ts`).
   */
  private undelivered(root: string, remove: boolean): TestRecord[] {
    if (!this.recordFolder) return []
    const delivered = (project: string, moduleId: string, test: string) => this.delivered.get(moduleKeyOf(project, moduleId))?.has(test) === true
    const { records } = takeRecords(this.recordFolder)
    // Read: the process may end by the signal right after, which runs no close hook.
    if (remove) removeRecordFolder(this.recordFolder)
    return undeliveredRecords(records, delivered, root)
  }

  /** Stamps the test file as Vitest is about to run it (see `SessionInput.loadedFiles`). */
  onTestModuleQueued(module: TestModule): void {
    const stamp = stampOfFile(module.moduleId)
    if (stamp && !this.loadedFiles.has(module.moduleId)) this.loadedFiles.set(module.moduleId, stamp)
  }

  onTestModuleStart(module: TestModule): void {
    const key = moduleKey(module)
    // A merge that replays a test file twice (two labels' blobs, stale blobs): its second replay
    // would replace what the first recorded (probe 48 #1).
    if (this.ranNow.has(key) && mergeFolder(this.vitest) !== undefined) {
      this.mergedTwice.add(moduleName(module))
      return
    }
    this.byModule.set(key, new Map())
    this.delivered.set(key, new Set())
    this.ranNow.add(key)
    this.moduleFiles.set(key, module.moduleId)
  }

  /**
   * The records of the modules this run ran, and, in watch mode, those kept from earlier runs of
   * the session (`earlier`): reported, never written as baselines. A module whose file is gone
   * (deleted or renamed while watching) is dropped: its test file no longer exists.
   */
  private records(): { now: TestRecord[]; earlier: TestRecord[] } {
    if (!this.vitest?.config.watch) return { now: [...this.byModule.values()].flatMap((m) => [...m.values()]), earlier: [] }
    const now: TestRecord[] = []
    const earlier: TestRecord[] = []
    for (const [key, records] of this.byModule) {
      if (this.ranNow.has(key)) now.push(...records.values())
      else if (existsSync(this.moduleFiles.get(key) ?? '')) earlier.push(...records.values())
      else this.byModule.delete(key)
    }
    return { now, earlier }
  }

  onTestModuleEnd(module: TestModule): void {
    const file = module.relativeModuleId
    // Type tests measure nothing: not "failed before recording a result"; said apart, as Vitest fails the run on them.
    if (isTypecheck(module)) {
      this.typeTests += 1
      for (const testCase of module.children.allTests()) if (testCase.result().state === 'failed') this.typeTestsFailed.push([file, ...titlesOf(testCase)].map(idPart).join(ID_SEPARATOR))
      return
    }
    for (const testCase of module.children.allTests()) {
      const result = testCase.result()
      const state = result.state
      if (state === 'skipped' && isCancelNote((result as { note?: unknown }).note)) this.cancelled++
      this.outline.push({ file, titlePath: titlesOf(testCase), state: state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped' })
    }
    // A file that failed to load, or a describe whose beforeAll threw, leaves its tests skipped:
    // the file or the describe is what failed, and what it was to measure did not finish.
    const project = projectTitle(module.project.name)
    const failed = (titlePath: string[], errors: ReadonlyArray<{ message?: unknown }>) => {
      if (errors.length === 0) return
      const error = firstLine(errors[0]?.message)
      this.outline.push({ file, titlePath, state: 'failed', ...(error !== undefined && { error }) })
    }
    failed(project, module.errors())
    for (const suite of module.children.allSuites()) failed([...project, ...suiteTitles(suite)], suite.errors())
  }

  onTestCaseResult(testCase: TestCase): void {
    const id = titlesOf(testCase).map(idPart).join(ID_SEPARATOR)
    const key = moduleKey(testCase.module)
    this.delivered.set(key, (this.delivered.get(key) ?? new Set<string>()).add(id))
    const meta = testCase.meta() as { perfspec?: PerfMeta }
    const entries = meta.perfspec?.entries
    if (!entries?.length) return
    const testbed = meta.perfspec?.testbed
    if (testbed !== undefined) this.measuredTestbeds.add(testbed ?? undefined)
    const root = this.vitest?.config.root ?? process.cwd()
    const state = testCase.result().state
    const record: TestRecord = {
      file: testCase.module.relativeModuleId,
      test: id,
      state: state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped',
      entries,
    }
    const line = testCase.location?.line ?? meta.perfspec?.line
    if (line !== undefined) record.line = line
    setRunPath(record, root, localPath(testCase.module))
    // `test.fails`: Vitest reports it passed when its body failed.
    if (testCase.options?.fails === true) record.expectedToFail = true
    this.runnable.set(`${record.file}\0${record.test}`, { moduleId: testCase.module.moduleId, titles: [...suiteTitles(testCase.parent), testCase.name], project: testCase.project.name })
    const records = this.byModule.get(key) ?? new Map<string, TestRecord>()
    records.set(testCase.id, record)
    this.byModule.set(key, records)
    this.ranNow.add(key)
    this.moduleFiles.set(key, testCase.module.moduleId)
  }

  async onTestRunEnd(modules?: readonly unknown[], unhandledErrors?: ReadonlyArray<{ message?: unknown }>, reason?: string): Promise<void> {
    this.running = false
    const vitest = this.vitest
    const root = vitest?.config.root ?? process.cwd()
    // Vitest delivers a test's result with some delay: a worker that died (a crash, process.exit,
    // a signal) takes its last finished tests' results with it, whether or not Vitest reported the
    // error (its config may filter or ignore it). perfspec's own channel has them.
    const lost = this.undelivered(root, false)
    if (this.recordFolder) clearRecords(this.recordFolder)
    const { now: delivered, earlier } = this.records()
    const tests = [...delivered, ...lost]
    // A run that recorded nothing still rewrites the report, so that the last run's PASS does not
    // stay on disk; so does a run that found no test file (an `include` that matches nothing),
    // saying so. A watch-mode re-run of nothing has nothing to say.
    const none = tests.length === 0 && this.outline.length === 0 && this.typeTests === 0
    if (none && vitest === undefined) return
    const testModules = (modules ?? []) as readonly TestModule[]
    // Off with the option (or `confirm: 0`); watch mode re-runs on the next
    // change anyway; merged shards (`--merge-reports`) were measured on other machines, maybe.
    const merged = mergeFolder(vitest) !== undefined
    // A merge judges by the testbed its shards measured as: taken from them when it names none.
    const shards = [...this.measuredTestbeds]
    const mergeTestbed = merged && shards.length === 1 && this.options.testbed === undefined ? shards[0] : this.options.testbed
    const config = vitest?.config as { dangerouslyIgnoreUnhandledErrors?: boolean; passWithNoTests?: boolean; watch?: boolean; bail?: number } | undefined
    // Blob runs' marks (see `BlobRunMarker`): read by a merge; in the blob run itself, what its own report says.
    const { gaps, others: errors } = readShardGaps(unhandledErrors ?? [])
    const missing = merged ? missingShards(vitest) : undefined
    if (merged) for (const file of testsTwice(this.byModule)) this.mergedTwice.add(file)
    const stale = merged ? staleMerge(measuredCode(testModules, root), gitCommit(root), (file) => stampOfFile(resolve(root, file))?.digest) : undefined
    const end = vitestRunProblems({
      none,
      watch: config?.watch === true,
      passWithNoTests: config?.passWithNoTests === true,
      scheduled: this.scheduled,
      reported: testModules.length,
      started: this.ranNow.size,
      // A file that several projects run is named with its project (probe 43 #2).
      // A merge replays every module's start, including those the blob holds still queued, with no result (probe 47 #1).
      unfinished: testModules.filter((m) => isUnfinished(m)).map((m) => ({ file: moduleName(m), started: merged ? startedInBlob(m) : this.ranNow.has(moduleKey(m)) })),
      cancelled: this.cancelled,
      ...(this.typeTestsFailed.length > 0 && { typeTestsFailed: this.typeTestsFailed }),
      ...(reason !== undefined && { reason }),
      errors: errors.map((e) => firstLine(e?.message) ?? 'an error without a message: see the errors Vitest printed'),
      ignoreErrors: config?.dangerouslyIgnoreUnhandledErrors === true,
      bail: Number(config?.bail ?? 0) > 0,
      mergedOnce: merged && this.options.baselineAttempts > 1 && vitestUpdateMode(vitest?.config.update) === 'all' ? tests.flatMap((t) => t.entries).filter((e) => e.kind === 'bench' && e.result && e.baseline !== false && e.result.attempts?.purpose !== 'baseline').length : 0,
      ...(merged && gaps.length > 0 && { shardGaps: gaps }),
      ...(missing && { missingShards: missing }),
      ...(this.mergedTwice.size > 0 && { mergedTwice: [...this.mergedTwice] }),
      ...(stale && { stale }),
      ...(merged && shards.length > 0 && (shards.length > 1 || shards[0] !== mergeTestbed) && { testbeds: { shards, merge: this.options.testbed } }),
    })
    if (!end.report) return
    // `perfspec ab` writes the report of both sides; this side's baselines and files stay as they are.
    if (this.abSide) return
    if (this.recheckOut) {
      const { writeFreshRecords } = await import('../adapters/fresh-process.js')
      writeFreshRecords(this.recheckOut, tests)
      return
    }
    // Loaded only when there is something to report: a suite without benchmarks never pays for
    // the statistics, the histogram codec or the schema validator.
    const { finishRun } = await import('../adapters/finish-run.js')
    const { afterFreshProcesses } = await import('../adapters/fresh-process.js')
    if (tests.length > 0) noteMachineSpeed()
    // The folders test files are named from; `false` when --project left some projects out.
    const testRoots = vitest && vitestTestRoots(vitest)
    const problems = end.problems.map(runProblemText)
    const input = {
      tests,
      ...(earlier.length > 0 && { earlier }),
      outline: this.outline,
      root,
      ...(testRoots !== undefined && { testRoots, allProjects: testRoots !== false }),
      runner: { name: 'vitest', version: vitest?.version ?? 'unknown' },
      startedAt: this.startedAt,
      options: mergeTestbed === this.options.testbed ? this.options : { ...this.options, testbed: mergeTestbed },
      runnerUpdate: vitestUpdateMode(vitest?.config.update),
      loadedFiles: this.loadedFiles,
      ...(problems.length > 0 && { problems }),
      ...(end.interrupted && { interrupted: true }),
    }
    const fresh = vitest && this.options.freshProcess && !vitest.config.watch && !merged ? vitestFreshRun(vitest, this.options, this.runnable) : undefined
    const pass = vitest && this.options.baselineProcesses > 1 && !vitest.config.watch && !merged ? vitestBaselinePass(vitest, this.options, this.runnable) : undefined
    // The fresh processes block the event loop: the pool's workers must be seen to end first.
    if (fresh || pass) await poolWorkersEnded()
    const outcome = finishRun(fresh || pass ? afterFreshProcesses(input, fresh, pass) : input, process.env, this.kept)
    const write = (text: string) => (vitest ? vitest.logger.log(text) : process.stdout.write(`${text}\n`))
    write(outcome.console)
    for (const line of outcome.annotations) process.stdout.write(`${line}\n`)
    if (outcome.failed) process.exitCode = 1
  }
}

/**
 * Whether a merged test file (`--merge-reports`) had started in its blob run: one a cancel left
 * queued has neither a result nor tests there (its task, which Vitest's own blob reporter reads).
 */
function startedInBlob(module: TestModule): boolean {
  return (module as unknown as { task?: { result?: unknown } }).task?.result !== undefined && module.state() !== 'queued'
}

/**
 * Whether a test file Vitest reported at the run's end never finished: still queued, or started
 * and never ended (its worker died).
 */
function isUnfinished(module: TestModule): boolean {
  const state = module.state()
  return state === 'queued' || state === 'pending'
}

/**
 * Records of a test file in one project: a file run by two projects is two modules, and so is a
 * file that `--typecheck` also checks (`typecheck.include`), whose type-checked module must not
 * replace what the file measured when it ran (probe 44 #1).
 */
function moduleKey(module: TestModule): string {
  const key = moduleKeyOf(module.project.name, module.moduleId)
  return isTypecheck(module) ? `${key}\0typecheck` : key
}

/** Whether the module is `--typecheck`'s reading of a file: its tests are type tests, which never run and measure nothing. */
function isTypecheck(module: TestModule): boolean {
  return (module as { meta?: () => { typecheck?: unknown } }).meta?.().typecheck === true
}

/** The project, when there are several, then describe blocks, then the test's name: as the worker names them. */
function titlesOf(testCase: TestCase): string[] {
  return [...projectTitle(testCase.project.name), ...suiteTitles(testCase.parent), testCase.name]
}

/** The names of a describe block and the blocks around it; none for the file itself. */
function suiteTitles(suite: TestSuite | TestModule): string[] {
  const titles: string[] = []
  for (let p: TestSuite | TestModule = suite; p.type === 'suite'; p = p.parent) titles.unshift(p.name)
  return titles
}

export default PerfReporter

/**
 * The path of a test module's file in this checkout: a merge's blobs may come from checkouts at
 * other paths (probe 53 #5), whose module ids name files outside this one.
 */
function localPath(module: TestModule): string {
  return resolve(module.project.config.root, module.relativeModuleId)
}

/**
 * What a merge's blobs say of the code they measured, from the stamps their runs put on their
 * test files (see `BlobRunMarker`); a stamp that does not read as one (another perfspec's blob)
 * says nothing. Files are named from the run's root.
 */
function measuredCode(modules: readonly TestModule[], root: string): MeasuredCode {
  const commits = new Set<string>()
  const changes: Array<Record<string, string>> = []
  const sources = new Map<string, string>()
  for (const module of modules) {
    const stamp = (module.meta() as Record<string, unknown>)[CODE_STAMP_KEY] as Partial<Record<keyof CodeStamp, unknown>> | undefined
    if (typeof stamp !== 'object' || stamp === null) continue
    if (typeof stamp.commit === 'string') commits.add(stamp.commit)
    const changed = stamp.changes
    if (typeof changed === 'object' && changed !== null && Object.values(changed).every((d) => typeof d === 'string')) changes.push(changed as Record<string, string>)
    const file = relative(root, localPath(module))
    if (typeof stamp.source === 'string' && !sources.has(file)) sources.set(file, stamp.source)
  }
  return { commits, changes, sources }
}

/**
 * Test files whose tests came from two modules of a merge: blobs of two checkouts at other paths
 * (two labels' runners) give one file two module ids, and its tests the same names (probe 49 #1).
 */
function testsTwice(byModule: ReadonlyMap<string, ReadonlyMap<string, TestRecord>>): string[] {
  const owner = new Map<string, string>()
  const twice = new Set<string>()
  for (const [key, records] of byModule) {
    for (const record of records.values()) {
      const test = `${record.file}\0${record.test}`
      const first = owner.get(test)
      if (first === undefined) owner.set(test, key)
      else if (first !== key) twice.add(record.file)
    }
  }
  return [...twice]
}

/**
 * The shards whose blob a merge's folder (`--merge-reports <folder>`) lacks, by the blobs' names
 * (see `missingShardBlobs`), with the folder as the user named it; `undefined`: none, or a folder that cannot be read.
 */
function missingShards(vitest: Vitest | undefined): { shards: string[]; folder: string } | undefined {
  const folder = mergeFolder(vitest)
  if (folder === undefined) return undefined
  try {
    // Where Vitest read the blobs from: --merge-reports is a command-line option, relative to where it ran.
    const shards = missingShardBlobs(readdirSync(resolve(process.cwd(), folder)))
    return shards.length > 0 ? { shards, folder } : undefined
  } catch {
    return undefined
  }
}

/** The blob folder of a merge of shards' reports (`--merge-reports`), or `undefined` for a run that is not one. */
function mergeFolder(vitest: Vitest | undefined): string | undefined {
  const folder = (vitest?.config as { mergeReports?: unknown } | undefined)?.mergeReports
  return typeof folder === 'string' && folder !== '' ? folder : undefined
}

/** A test file as the report names it: with its project when several run it (probe 43 #2). */
function moduleName(module: TestModule): string {
  return module.project.name ? `${module.relativeModuleId} (project ${module.project.name})` : module.relativeModuleId
}
