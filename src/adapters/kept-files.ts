import { existsSync, writeSync } from 'node:fs'
import { join, relative } from 'pathe'
import { changedFilesVerdictText, overwrittenText } from '../report/status-text.js'
import { changedDuringRunText, committedLostText, committedMissingText, committedOverwrittenText, deletedDuringRunText, lostDuringRunText } from '../report/missing-baseline-text.js'
import { looksLike, type OutputKind } from '../run/own-output.js'
import { readRegularFile } from '../run/regular-file.js'
import { baselineMark, lostBaselines, markedTestFile, type BaselineStore } from '../run/baseline-store.js'
import { runBaselineFolder, runStore, type SessionInput } from '../run/session.js'
import { runMode } from '../run/worker-config.js'
import { changedTrackedFiles, type ChangedTrackedFiles } from '../run/environment.js'
import type { AbSide } from '../model/ab.js'
import type { BaselineId } from '../model/baseline.js'
import { sideFilesChangedLine } from '../model/ab-side-problem.js'
import { checkAfterExitListeners, keepExitFailing } from './after-exit-listeners.js'

/** What a kept file is: a baseline file, or a report or export of that kind. */
type KeptKind = OutputKind | 'baseline'

/** A file as perfspec left it (see `KeptFiles.files`). */
interface Kept {
  text: string | undefined
  wrote: boolean
  kind: KeptKind
  used?: boolean
  /** A baseline file: the test file it is of (its name in the folder). */
  testFile?: string
}

/**
 * The files of perfspec's that a run wrote or read (its reports, exports and baselines), checked
 * as the process exits: a tool of the same run that writes its own output after perfspec's (a
 * third-party reporter such as jest-junit, a coverage reporter's file) would otherwise replace a
 * report perfspec said it wrote, or a baseline, in silence (probe 60). A changed file is told,
 * and fails the run.
 */
export class KeptFiles {
  /**
   * By absolute path: the text perfspec wrote or read (`undefined`: none there), whether it wrote
   * it, and whether the run used it (a baseline read or written, not only noted as the run started).
   */
  private readonly files = new Map<string, Kept>()
  /** The baseline files in the folder now, by test file (see {@link watch}). */
  private listed?: () => Array<{ testFile: string; path: string }>
  /**
   * Told, as the process exits, what {@link check} found (not called when it found nothing): the
   * end of the run rewrites its reports to fail with it, so that none says PASS (probe 64 #1).
   */
  whenChanged?: (said: string[]) => void
  /** Whether a file made in the folder after the run started counts: where a test file's baseline goes. */
  private counts: (testFile: string) => boolean = () => false
  /** Baseline files git tracks that were missing as the run started, by absolute path (see {@link missingAtStart}). */
  private readonly committedMissing = new Set<string>()
  /** The project's path in a shared baseline folder, which its files name (see `BaselineFile.project`). */
  private project?: string
  /** Baseline files git tracks that were written over with another tool's output as the run started (see {@link changedAtStart}). */
  private readonly committedOverwritten = new Set<string>()
  /** Baseline files git tracks that, as the run started, lacked baselines the index holds: by path, those baselines (see {@link changedAtStart}). */
  private readonly committedLost = new Map<string, BaselineId[]>()

  /**
   * @param root - the project root, absolute (files are named from it)
   * @param read - a file's text now (`undefined`: none there, or not a regular file); injectable for tests
   * @param exists - whether anything is at a path (a FIFO read as `undefined` is not gone); injectable for tests
   */
  constructor(
    private readonly root: string,
    private readonly read: (path: string) => string | undefined = textOf,
    private readonly exists: (path: string) => boolean = existsSync,
  ) {}

  /** Notes a file perfspec wrote, with its text. */
  wrote(path: string, text: string, kind: KeptKind): void {
    this.files.set(path, { text, wrote: true, kind })
  }

  /**
   * Notes every file of `store`'s baseline folder as it is now, once: as the run starts, before a
   * reporter of the same run can write over one during it (probe 63 #1); a run of some test files
   * (a filter, `--shard`, `--project`) reads only theirs, and a tool may write over another's
   * (probe 61 #1, #2).
   */
  watch(store: BaselineStore, early?: ReadonlyMap<string, string>): void {
    if (this.listed || !store.list) return
    // Read before the run's reporters started (see `baselineTexts`) and gone now: another reporter
    // deleted it as it started (probe 72 #1). Only perfspec's own files, which name their test file.
    for (const [path, text] of early ?? []) {
      const testFile = markedTestFile(text)
      if (testFile !== undefined && this.read(path) === undefined && !this.exists(path)) this.files.set(path, { text, wrote: false, kind: 'baseline', testFile })
    }
    const list = store.list.bind(store)
    const exists = store.testFileExists?.bind(store)
    const elsewhere = store.testFileElsewhere?.bind(store)
    // A run of some projects (`--project`) cannot tell every project's root: a test file found in
    // the project is there, so that another tool deleting a baseline of a project left out is
    // named too (probe 73 #2); one not found is not taken for there on a doubt.
    const there = exists ?? ((testFile: string) => Boolean(elsewhere?.(testFile)))
    // A file that is not a baseline file of perfspec's (coverage's, the user's) counts only where
    // the baseline of a test file that exists goes (probe 63 #2).
    const counts = (testFile: string, text: string | undefined) => (text !== undefined && markedTestFile(text) !== undefined) || there(testFile)
    this.listed = () => list().map((testFile) => ({ testFile, path: join(this.root, store.pathOf(testFile)) }))
    for (const { testFile, path } of this.listed()) {
      // As read before the reporters started, when it was (a reporter's onInit may have written over it since, probe 73 #1).
      const text = early?.get(path) ?? this.read(path)
      if (counts(testFile, text)) this.files.set(path, { text, wrote: false, kind: 'baseline', testFile })
    }
    this.counts = there
    this.project = store.project
  }

  /**
   * Notes baseline files that git tracks but that were missing from the working tree as the run
   * started, absolute paths: under CI, where a checkout holds every committed file, something of
   * the job deleted them before the run, or before perfspec could note the folder (Jest runs its
   * globalSetup before any reporter exists, probe 71 #1). Read, each is invalid, not missing: its
   * benchmarks are not taken for new ones, the gate off for them. One the run does not read (a
   * project or file it left out) is named as the process exits (probe 73 #4).
   */
  missingAtStart(paths: readonly string[]): void {
    for (const path of paths) if (!this.files.has(path)) this.committedMissing.add(path)
  }

  /**
   * Notes, under CI, the baseline files git tracks that were missing (see {@link missingAtStart})
   * or written over as the run started, absolute paths: one written over with what is not a
   * baseline file of perfspec's (a global setup's output) and that the run does not read (a
   * project or file it left out) is named as the process exits (probe 74 #1); one the run reads
   * fails it as invalid already. One another perfspec run rewrote is its own, but the baselines it
   * lacks that the index holds are told to the comparison with its read (probe 80 #1: a global
   * setup, which Jest runs before any reporter, wrote a file of perfspec's with no benchmarks,
   * and they read as new): a benchmark of the run among them is not new.
   */
  changedAtStart(changed: ChangedTrackedFiles): void {
    this.missingAtStart(changed.deleted)
    for (const path of changed.modified) {
      const text = this.read(path)
      if (text === undefined) continue
      if (!ownBaseline(text, this.files.get(path)?.testFile, this.project)) this.committedOverwritten.add(path)
      else {
        const lost = lostBaselines(changed.indexed[path], text)
        if (lost.length > 0) this.committedLost.set(path, lost)
      }
    }
  }

  /** `store`, noting each baseline file it reads, writes or removes (see {@link watch}, done here if not yet). */
  store(store: BaselineStore): BaselineStore {
    const at = (testFile: string) => join(this.root, store.pathOf(testFile))
    this.watch(store)
    return {
      ...store,
      read: (testFile) => {
        const read = store.read(testFile)
        const path = at(testFile)
        // Not noted as the run started (see `watch`): not there then, whatever is there now.
        const kept = this.files.get(path) ?? { text: this.listed ? undefined : this.read(path), wrote: false, kind: 'baseline' as const }
        this.files.set(path, { ...kept, used: true, testFile })
        // There as the run started, deleted since by another tool of the run: read as missing, its
        // benchmarks would be new, and a local run would write new baselines over the committed
        // ones in silence (probe 70 #2). Invalid instead: compared with nothing, not written (but by -u).
        const deleted = read.status === 'missing' && !kept.wrote && kept.text !== undefined && !this.exists(path)
        if (deleted) return { status: 'invalid', problem: deletedDuringRunText(store.pathOf(testFile)) }
        // There as the run started, changed since by something other than this run: what it holds
        // now is not the baseline the run started with (probe 79 #1: a reporter's file of perfspec's
        // with no benchmarks made them new, and a regression passed). Not compared, not written.
        if (read.status !== 'missing' && !kept.wrote && kept.text !== undefined && this.read(path) !== kept.text) return { status: 'invalid', problem: changedDuringRunText(store.pathOf(testFile)) }
        if (read.status === 'missing' && this.committedMissing.has(path)) return { status: 'invalid', problem: committedMissingText(store.pathOf(testFile)) }
        // The benchmarks of the run among those are judged by the comparison (an earlier step's
        // -u may have dropped others on purpose: a renamed benchmark, probe 81 #2).
        const lost = this.committedLost.get(path)
        if (read.status === 'ok' && lost && !kept.wrote) return { ...read, lost: { entries: lost, problem: committedLostText(store.pathOf(testFile), lost) } }
        return read
      },
      write: (testFile, data) => {
        store.write(testFile, data)
        const path = at(testFile)
        this.files.set(path, { text: this.read(path), wrote: true, kind: 'baseline', used: true, testFile })
      },
      ...(store.remove && {
        remove: (testFile: string) => {
          store.remove!(testFile)
          this.files.delete(at(testFile))
        },
      }),
    }
  }

  /**
   * What to say of each file that is no longer as perfspec left it (none: nothing changed). It is
   * not written back: the other tool's output may be what a user wants there.
   */
  check(): string[] {
    const said: string[] = []
    const changed = (path: string, kept: Kept) => {
      const now = this.read(path)
      // A baseline deleted: the next run would take its benchmarks for new ones, the gate off for
      // them (probe 65 #2). One this run read or wrote; or one it found as it started (a filtered
      // run's other files, probe 68) whose test file is still there: another perfspec run removes
      // only obsolete baseline files, whose test file is gone (probe 62 #1).
      const ours = kept.used || (kept.testFile !== undefined && this.counts(kept.testFile))
      if (now === undefined && kept.kind === 'baseline' && ours && kept.text !== undefined && !this.exists(path)) {
        said.push(overwrittenText(relative(this.root, path), { wrote: kept.wrote, kind: 'baseline', existed: true, gone: true }))
        return
      }
      // Another perfspec run (two at once in one folder, probe 61 #3) writes files of perfspec's own,
      // and removes obsolete ones, as a user may (probe 62 #1): only what another tool wrote is named.
      // A file of perfspec's that lost baselines it held is another tool's doing (probe 80 #2: a
      // global teardown emptied it); another perfspec run adds baselines, and prunes only with -u.
      const lost = kept.kind === 'baseline' && now !== undefined && now !== kept.text ? lostBaselines(kept.text, now) : []
      if (lost.length > 0) {
        said.push(lostDuringRunText(relative(this.root, path), lost, kept.wrote))
        return
      }
      if (now === undefined || now === kept.text || (kept.kind === 'baseline' ? ownBaseline(now, kept.testFile, this.project) : looksLike(kept.kind, now))) return
      said.push(overwrittenText(relative(this.root, path), { wrote: kept.wrote, kind: kept.kind === 'baseline' ? 'baseline' : 'report', existed: kept.text !== undefined }))
    }
    for (const [path, kept] of this.files) changed(path, kept)
    // A file where no baseline was (or one `-u` removed), made after perfspec was done.
    for (const { testFile, path } of this.listed?.() ?? []) if (!this.files.has(path) && this.counts(testFile)) changed(path, { text: undefined, wrote: false, kind: 'baseline', testFile })
    // One the run read said so in its report already.
    for (const path of this.committedMissing) {
      if (this.files.get(path)?.used || this.read(path) !== undefined || this.exists(path)) continue
      const name = relative(this.root, path)
      said.push(`perfspec: ${name} ${committedMissingText(name)}`)
    }
    for (const path of this.committedOverwritten) {
      const now = this.read(path)
      if (this.files.get(path)?.used || now === undefined || ownBaseline(now, this.files.get(path)?.testFile, this.project)) continue
      const name = relative(this.root, path)
      said.push(`perfspec: ${name} ${committedOverwrittenText(name)}`)
    }
    return said
  }
}

/**
 * Whether `text` is a baseline file of perfspec's, and, for the baseline file of `testFile`, one
 * of that test file's (and in a shared folder, of that `project`): a copy of another test file's
 * baseline written over it (probe 75 #1) is another tool's doing, while another perfspec run in
 * the folder writes each file for its own.
 */
function ownBaseline(text: string, testFile: string | undefined, project: string | undefined): boolean {
  const mark = baselineMark(text)
  if (mark === undefined || (testFile !== undefined && mark.file !== testFile)) return false
  // In a shared folder, another project's file of the same test path (probe 76 #1). perfspec now
  // writes the project in every file there, so a file changed into one that names none is a copy
  // of an older file, not another perfspec run's (probe 77 #2).
  return project === undefined || mark.project === project
}

/**
 * Writes to standard error at once, past `process.stderr`: as the process exits, Jest's
 * `--forceExit` (through the `exit-x` package) has replaced the stream's `write` with one that
 * drops everything, which hid the exit check's message under `perfspec ab` (probe 69 #1).
 */
function writeStderrNow(text: string): void {
  try {
    writeSync(2, text)
  } catch {
    // A closed or non-blocking descriptor: the stream may still take it.
    process.stderr.write(text)
  }
}

/**
 * The file's text, or `undefined` when it is not a regular file that can be read: a FIFO or a
 * device in the baseline folder must not block or fill the process as it exits.
 */
function textOf(path: string): string | undefined {
  const file = readRegularFile(path)
  return file.ok ? file.text : undefined
}

/**
 * Whether this process is the runner's own command line (`vitest`, `jest`), whose process ends
 * with the run: only there is the exit the end of the run. A program that starts a run in-process
 * (`startVitest`, `runCLI`, a test of perfspec's reporters) may go on to change the files itself.
 */
export function isRunnerCommand(runner: 'vitest' | 'jest', script: string | undefined = process.argv[1]): boolean {
  const path = (script ?? '').replaceAll('\\', '/')
  return runner === 'vitest' ? /(^|\/)vitest(\.mjs|\.js)?$/.test(path) : /(^|\/)jest(\.js)?$/.test(path) || /\/jest-cli\/bin\/jest/.test(path)
}

/**
 * The files of this run, checked as the process exits (replacing an earlier run's): for a run that
 * ends with its process (see {@link isRunnerCommand}), not a watch session's, whose files the user
 * may change between runs.
 */
export function keepFilesUntilExit(root: string): KeptFiles {
  const kept = new KeptFiles(root)
  checkAfterExitListeners(() => {
    const said = kept.check()
    if (said.length === 0) return
    writeStderrNow(`\n${said.join('\n')}\n\n${changedFilesVerdictText(said.length)}\n`)
    keepExitFailing()
    try {
      kept.whenChanged?.(said)
    } catch {
      // The console and the exit code have said it.
    }
  })
  return kept
}

/**
 * The files of a run that starts now, to be checked as the process exits (see {@link keepFilesUntilExit}):
 * its baseline folder noted as it is before any test runs. Under `perfspec ab` (`abSide`) only the
 * head's, the working tree's (the base's checkout is reset after the run): each file another tool
 * changed is also told to the A/B run, which is then not decided (probe 65 #1).
 */
export function keepRunFiles(input: Pick<SessionInput, 'root' | 'options' | 'testRoots' | 'runnerCi'>, abSide?: AbSide, early?: ReadonlyMap<string, string>): KeptFiles | undefined {
  if (abSide === 'base') return undefined
  const kept = keepFilesUntilExit(input.root)
  kept.watch(runStore(input), early)
  // Only under CI: on a machine of one's own, deleting a baseline file to measure it anew is a
  // snapshot habit (a test runner rewrites a deleted snapshot file too).
  if (!abSide && runMode(input.options, undefined, input.runnerCi).ci) kept.changedAtStart(changedTrackedFiles(input.root, runBaselineFolder(input)))
  if (abSide === 'head') kept.whenChanged = (said) => writeStderrNow(said.map(sideFilesChangedLine).join(''))
  return kept
}

/**
 * The baseline files of the run's folder and their texts, by absolute path: read before the
 * run's reporters start (Vitest's `configureVitest`), for {@link keepRunFiles}; asked only by a
 * run whose files are checked as it exits. `undefined` when the folder cannot be read (a bad
 * option: the run says so as it starts).
 */
export function baselineTexts(input: Pick<SessionInput, 'root' | 'options'>): Map<string, string> | undefined {
  try {
    return readBaselineTexts(input)
  } catch {
    return undefined
  }
}

function readBaselineTexts(input: Pick<SessionInput, 'root' | 'options'>): Map<string, string> {
  const store = runStore(input)
  const texts = new Map<string, string>()
  for (const testFile of store.list?.() ?? []) {
    const path = join(input.root, store.pathOf(testFile))
    const text = textOf(path)
    if (text !== undefined) texts.set(path, text)
  }
  return texts
}
