import type { AttemptLatency } from '../model/bench-result.js'
import type { BenchEntry } from '../model/entries.js'
import type { TestRecord } from '../model/run-report.js'
import { measurementsOf, withBaselineProcesses } from '../compare/baseline-processes.js'
import { lowestReadings } from '../compare/attempt-plan.js'
import { freshReadingOf, testsByFile, type FreshOutcome, type Rechecked } from './fresh-recheck.js'
import { endRun, runStore, type SessionInput } from './session.js'
import { readOnlyStore } from './baseline-store.js'
import type { TestFileStamp } from './test-file-stamp.js'
import { benchKey, type FastestReadings } from './fastest-readings.js'
import { resolve } from 'pathe'

/**
 * Runs several test files again, whole, in one fresh process (the adapter's part: it knows the
 * runner): every test of them, so that a test that uses what the tests before it built measures
 * the same work there. Its workers measure each benchmark as a baseline is measured (the run's
 * `baselineAttempts`, no confirmation) and its reporter writes its records to the file
 * `PERFSPEC_RECHECK_OUT` names, not baselines.
 *
 * @param tests - the tests whose baselines are written, by their records' `test` id, by test file
 *   (relative to the project root, as records name it): their files are run
 * @param fastest - the lowest readings the processes before it took of each benchmark whose
 *   baseline is written, for its workers (see `readEnough`)
 */
export type BaselinePass = (tests: ReadonlyMap<string, readonly string[]>, fastest: FastestReadings) => FreshOutcome

/** Why a further process's reading is not taken when the test file changed after the run measured it. */
const FILE_CHANGED = 'its test file changed during the run (edited or checked out after the run started), so a further process may have measured other code than the run did'

/**
 * The run's tests with every benchmark whose baseline the run is about to write (a new one
 * locally, or `-u`) measured in `baselineProcesses − 1` more processes, one after another, each
 * running all such tests of the run: the host's slow stretches last up to minutes and a process
 * can run its code slower for its whole life, so a baseline taken in one process may stand for a
 * slow stretch of the host or for that process; the fastest of several processes spread over
 * the run's end is the code at the host's speed, and the gap between them is what a later run may
 * read of unchanged code (see `withBaselineProcesses`). Nothing is written here. A run that writes
 * no baseline, a stopped run, and a run with `baselineProcesses` 1 return `input.tests` as they
 * are; a pass stopped by a signal (Ctrl-C) returns them as they are, saying by which signal. A
 * pass that could not run leaves the benchmarks with the processes that did, each saying why
 * (`attempts.processesShort`). With `stamp`, a test file changed during the run gives no reading
 * from the further processes that may have measured other code, and says so: all of them when it
 * was modified after the run started (it may have been before or after the run measured it) or
 * its content differs from when the runner was about to load it (`loadedFiles`), else those from
 * the pass at whose end its content differs. A baseline of code the run did not
 * measure would fail the next run of the code it did. Only the test file is watched, not the
 * modules it imports.
 */
export function measureBaselinesAgain(input: SessionInput, pass: BaselinePass, stamp?: TestFileStamp): Rechecked {
  const more = input.options.baselineProcesses - 1
  if (input.interrupted || more < 1) return { tests: input.tests }
  const decided = endRun({ ...input, store: readOnlyStore(runStore(input)) })
  const writing = decided.report.baselines.filter((c) => c.status === 'written' || c.status === 'updated')
  if (writing.length === 0) return { tests: input.tests }
  const written = (file: string, id: string) => writing.some((c) => c.benchId === id && c.file === file)
  const byFile = testsByFile(input.tests, written)
  const asked = new Map([...byFile].map(([file, tests]) => [file, [...tests]] as const))
  const passes: Array<{ tests: TestRecord[]; printed?: string }> = []
  let problem: string | undefined
  // A test file changed since the run started (an edit, a checkout) may be other code in the
  // further processes than the run measured, which the baseline must not take: from the first
  // pass, when it changed before them; otherwise from the pass at whose end it had changed.
  // By the file's path from the run's root: Vitest projects with roots of their own may each have a file of one name.
  const pathOf = (test: TestRecord) => test.path ?? test.file
  // As the runner was about to load it, where the adapter stamped it then; else as it is now.
  const loaded = (file: string) => input.loadedFiles?.get(resolve(input.root, file))
  const before = new Map(input.tests.filter((t) => byFile.get(t.file)?.has(t.test)).map((t) => [pathOf(t), loaded(pathOf(t)) ?? stamp?.(pathOf(t))] as const))
  const changedFrom = new Map<string, number>()
  // A modification time ahead of the clock (files unpacked with future dates) is no edit of this run.
  const now = input.now?.() ?? Date.now()
  for (const [file, held] of before) if (held && held.modified > input.startedAt && held.modified <= now) changedFrom.set(file, 0)
  // Other content now than when it was loaded (a copy that kept the file's old date): from the first pass.
  if (stamp) for (const [file, held] of before) if (!changedFrom.has(file) && loaded(file) && stamp(file)?.digest !== held?.digest) changedFrom.set(file, 0)
  // What each further process is told: the lowest readings of the processes before it, of each
  // benchmark whose file did not change (one that did may be other code there: told nothing).
  const fastestSoFar = (): FastestReadings => {
    const fastest = new Map<string, AttemptLatency>()
    for (const test of input.tests) {
      if (!byFile.get(test.file)?.has(test.test) || changedFrom.has(pathOf(test))) continue
      for (const entry of test.entries) {
        if (entry.kind !== 'bench' || !entry.result || !written(test.file, entry.id)) continue
        const taken = passes.flatMap((p) => {
          const f = freshReadingOf(p.tests, test, entry.id)
          return 'result' in f ? [f.result] : []
        })
        fastest.set(benchKey(test.file, entry.id), lowestReadings([entry.result, ...taken].flatMap((r) => measurementsOf(r).latency)))
      }
    }
    return fastest
  }
  for (let i = 0; i < more; i++) {
    const outcome = pass(asked, fastestSoFar())
    if (!outcome.ok && outcome.stopped) return { tests: input.tests, stopped: outcome.stopped }
    if (!outcome.ok) {
      problem = outcome.problem
      break
    }
    passes.push(outcome)
    if (stamp) for (const [file, held] of before) if (!changedFrom.has(file) && stamp(file)?.digest !== held?.digest) changedFrom.set(file, i)
  }
  const tests = input.tests.map((test) => {
    if (!byFile.get(test.file)?.has(test.test)) return test
    const entries = test.entries.map((entry) => {
      if (entry.kind !== 'bench' || !entry.result || !written(test.file, entry.id)) return entry
      const changed = changedFrom.get(pathOf(test))
      const found = passes.map((p, i) => (changed !== undefined && i >= changed ? { problem: FILE_CHANGED } : freshReadingOf(p.tests, test, entry.id, p.printed, 'a further process')))
      const fresh = found.flatMap((f) => ('result' in f ? [f.result] : []))
      const missing = found.find((f): f is { problem: string } => 'problem' in f)
      const why = missing ? missing.problem : problem
      return { ...entry, result: withBaselineProcesses(entry.result, fresh, more + 1, why) } satisfies BenchEntry
    })
    return { ...test, entries }
  })
  return { tests }
}
