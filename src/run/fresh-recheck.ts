import type { BenchEntry } from '../model/entries.js'
import type { BenchResult } from '../model/bench-result.js'
import type { TestRecord } from '../model/run-report.js'
import { readsAsRegression } from '../compare/attempt-plan.js'
import { withFreshAttempts, withoutFreshAttempts, type AttemptReading } from '../compare/fresh-attempts.js'
import { readOnlyStore, type BaselineStore } from './baseline-store.js'
import { endRun, runStore, type SessionInput } from './session.js'
import { entriesOf } from './testbeds.js'

/** Test files measured again in fresh processes at most, per run: each costs a runner's start. */
export const MAX_FRESH_FILES = 4

/**
 * What the runner adapter's fresh process gave for one test file: its records (with the end of
 * what it printed, to say why a suspect has none), or why it gave none. `stopped`: it was ended
 * by a signal that stops a run (Ctrl-C, SIGTERM, SIGHUP), which reached the whole run.
 */
export type FreshOutcome = { ok: true; tests: TestRecord[]; printed?: string } | { ok: false; problem: string; stopped?: NodeJS.Signals }

/** The run's tests after the fresh processes, and the signal that stopped the run meanwhile, if one did. */
export interface Rechecked {
  tests: TestRecord[]
  /** Set when a fresh process was stopped by a signal: the run was stopped, and is reported so. */
  stopped?: NodeJS.Signals
}

/**
 * Runs the named tests of one test file again in a fresh process (the adapter's part: it knows
 * the runner), with perfspec's reporter writing its records to the file `PERFSPEC_RECHECK_OUT` names.
 *
 * @param file - the test file, relative to the project root, as records name it
 * @param tests - the tests, by their records' `test` id
 */
export type FreshRun = (file: string, tests: readonly string[]) => FreshOutcome

/**
 * The run's tests with every benchmark the run would fail as a regression measured again in a
 * fresh process: a regression confirmed within one process can be that process's own (its code
 * and data placed slower in memory, its JIT's choices), which more measurements in the same
 * process repeat; a fresh process does not. A benchmark stays a regression only if the fresh
 * process reads one too (see `withFreshAttempts`). Nothing is written here: the suspects are
 * found with the baselines read only, and the run is then decided as usual. A run with no
 * regression, a stopped run, and a fresh process itself return `input.tests` as they are; so
 * does a run stopped while a fresh process ran (Ctrl-C reaches it too), saying by which signal.
 * What still reads as a regression after a fresh process is measured in another, one process
 * after another, until it has been measured in as many processes as a baseline is
 * (`baselineProcesses`, the run's own counted; at least one fresh process): a baseline keeps the
 * fastest of its processes, so a regression must show in as many.
 */
export function recheckInFreshProcesses(input: SessionInput, run: FreshRun): Rechecked {
  const rounds = Math.max(1, input.options.baselineProcesses - 1)
  let tests = input.tests
  for (let round = 0; round < rounds; round++) {
    const rechecked = recheckOnce({ ...input, tests }, run)
    if (rechecked.stopped) return { tests: input.tests, stopped: rechecked.stopped }
    if (rechecked.tests === tests) break
    tests = rechecked.tests
  }
  return { tests }
}

/** One fresh process per test file with a suspect (see {@link recheckInFreshProcesses}). */
function recheckOnce(input: SessionInput, run: FreshRun): Rechecked {
  if (input.interrupted) return { tests: input.tests }
  const store = runStore(input)
  const decided = endRun({ ...input, store: readOnlyStore(store) })
  // A regression excused by a slow host is measured again too: a fresh process measured at the
  // host's full speed shows whether the host or the code was slow.
  const suspects = decided.report.baselines.filter((c) => c.status === 'regressed' || (c.status === 'warn' && c.reason === 'slow-host'))
  if (suspects.length === 0) return { tests: input.tests }
  const suspected = (file: string, id: string) => suspects.some((c) => c.benchId === id && c.file === file)
  const byFile = testsByFile(input.tests, suspected)
  const outcomes = new Map<string, FreshOutcome>()
  for (const [file, tests] of byFile) {
    const outcome = outcomes.size < MAX_FRESH_FILES ? run(file, [...tests]) : { ok: false as const, problem: `a run measures the suspects of ${MAX_FRESH_FILES} test files again at most` }
    if (!outcome.ok && outcome.stopped) return { tests: input.tests, stopped: outcome.stopped }
    outcomes.set(file, outcome)
  }
  const rechecked = input.tests.map((test) => {
    const outcome = outcomes.get(test.file)
    if (!outcome || !byFile.get(test.file)?.has(test.test)) return test
    const entries = test.entries.map((entry) => {
      if (entry.kind !== 'bench' || !entry.result || !suspected(test.file, entry.id)) return entry
      const read = judgeOf(entry, test.file, input, store)
      const fresh = outcome.ok ? freshReadingOf(outcome.tests, test, entry.id, outcome.printed) : { problem: outcome.problem }
      const result = 'result' in fresh ? withFreshAttempts(entry.result, fresh.result, read) : withoutFreshAttempts(entry.result, fresh.problem, read)
      return { ...entry, result } satisfies BenchEntry
    })
    return { ...test, entries }
  })
  return { tests: rechecked }
}

/** The tests with a benchmark `wanted` names (by its test file and id), by test file: the runner is started again on them. */
export function testsByFile(tests: readonly TestRecord[], wanted: (file: string, id: string) => boolean): Map<string, Set<string>> {
  const byFile = new Map<string, Set<string>>()
  for (const test of tests) {
    if (!test.entries.some((e) => e.kind === 'bench' && wanted(test.file, e.id))) continue
    byFile.set(test.file, (byFile.get(test.file) ?? new Set()).add(test.test))
  }
  return byFile
}

/**
 * A fresh process's reading of benchmark `id` of `test`, or why it has none (`where` names the
 * process: `the fresh process`, or `a further process` of a baseline): its test did not
 * run or finish there (with the end of what the process printed), or it failed there — a failing
 * test is no reference, as in the run itself (a test that needs what the tests before it built
 * may measure other work alone, and then fail on it).
 */
export function freshReadingOf(tests: readonly TestRecord[], test: TestRecord, id: string, printed?: string, where = 'the fresh process'): { result: BenchResult } | { problem: string } {
  const record = tests.find((t) => t.file === test.file && t.test === test.test)
  const result = record?.entries.find((e): e is BenchEntry => e.kind === 'bench' && e.id === id)?.result
  if (record?.state === 'failed') return { problem: `its test failed in ${where}${result ? '' : ' before it was measured'}, and a failing test is no reference` }
  if (!result) return { problem: `${where} recorded no result for it (its test did not run there, or did not finish)${printed ? `; it printed: …${printed}` : ''}` }
  return { result }
}

/** The judge of one benchmark's confirming measurements against its baseline entry, as the worker judged its own. */
function judgeOf(bench: BenchEntry, file: string, input: SessionInput, store: BaselineStore): AttemptReading {
  const read = store.read(file)
  const previous = read.status === 'ok' ? entriesOf(read.data, input.options.testbed).find((e) => e.bench_id === bench.id) : undefined
  const context = {
    ...(bench.baseline !== undefined && { override: bench.baseline }),
    gate: input.options.gate,
    update: 'none' as const,
    fileState: read.status,
    ...(previous && { previous }),
    crossMachine: input.options.crossMachine,
    confirm: 0,
    baselineAttempts: 1,
  }
  // Every measurement of a suspect after its first is a confirmation.
  return (result) => readsAsRegression(result, context, true)
}
