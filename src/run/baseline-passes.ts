import type { BenchEntry } from '../model/entries.js'
import type { TestRecord } from '../model/run-report.js'
import { withBaselineProcesses } from '../compare/baseline-processes.js'
import { freshReadingOf, testsByFile, type FreshOutcome, type Rechecked } from './fresh-recheck.js'
import { endRun, runStore, type SessionInput } from './session.js'
import { readOnlyStore } from './baseline-store.js'

/**
 * Runs several test files again, whole, in one fresh process (the adapter's part: it knows the
 * runner): every test of them, so that a test that uses what the tests before it built measures
 * the same work there. Its workers measure each benchmark as a baseline is measured (the run's
 * `baselineAttempts`, no confirmation) and its reporter writes its records to the file
 * `PERFSPEC_RECHECK_OUT` names, not baselines.
 *
 * @param tests - the tests whose baselines are written, by their records' `test` id, by test file
 *   (relative to the project root, as records name it): their files are run
 */
export type BaselinePass = (tests: ReadonlyMap<string, readonly string[]>) => FreshOutcome

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
 * (`attempts.processesShort`).
 */
export function measureBaselinesAgain(input: SessionInput, pass: BaselinePass): Rechecked {
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
  for (let i = 0; i < more; i++) {
    const outcome = pass(asked)
    if (!outcome.ok && outcome.stopped) return { tests: input.tests, stopped: outcome.stopped }
    if (!outcome.ok) {
      problem = outcome.problem
      break
    }
    passes.push(outcome)
  }
  const tests = input.tests.map((test) => {
    if (!byFile.get(test.file)?.has(test.test)) return test
    const entries = test.entries.map((entry) => {
      if (entry.kind !== 'bench' || !entry.result || !written(test.file, entry.id)) return entry
      const found = passes.map((p) => freshReadingOf(p.tests, test, entry.id, p.printed, 'a further process'))
      const fresh = found.flatMap((f) => ('result' in f ? [f.result] : []))
      const missing = found.find((f): f is { problem: string } => 'problem' in f)
      const why = missing ? missing.problem : problem
      return { ...entry, result: withBaselineProcesses(entry.result, fresh, more + 1, why) } satisfies BenchEntry
    })
    return { ...test, entries }
  })
  return { tests }
}
