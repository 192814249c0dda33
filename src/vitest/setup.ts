/**
 * Vitest setup file that the perfspec plugin adds to `setupFiles`. It tells perfspec how to find
 * the running test: when a benchmark or check records something, the running task is looked up,
 * and its entries go to the task's `meta`, which Vitest carries from the worker to the reporter.
 * Per test it only notes when the test started (its timeout budgets the measurements perfspec
 * adds) and names the test's async chain; the rest happens when something is recorded.
 */
import * as vitest from 'vitest'
import { testEndedError } from '../record/test-ended.js'
import { unfinishedError } from '../record/unfinished.js'
import { afterEach, beforeAll, beforeEach, inject } from 'vitest'
import { holdForTurn, HOLD_TIMEOUT_MS, markHolds } from '../ab/client.js'
import { abEnvironment } from '../ab/protocol.js'
import { enterTestChain, leaveTestChains, setConcurrentTests, setTestAdapter, setTestContext, setTestContextResolver, type TestContext } from '../record/context.js'
import type { RecordEntry } from '../model/entries.js'
import { lineInFile, stackHere } from '../record/stack-line.js'
import { testClock, testTimeBudget } from '../record/test-time.js'
import { projectTitle } from './projects.js'
import { shipVitestTest, VITEST_RECORDS_ENV } from './record-channel.js'
import { folderOwner, isOwnRunner } from '../record/runner-process.js'
import { readWorkerGate } from '../run/worker-config.js'
import { threadId } from 'node:worker_threads'
import { launchEnv } from '../measure/launch-env.js'
import { HANDED_ENV_KEY, receiveHanded } from './hand-over.js'

interface NamedTask {
  name: string
  suite?: NamedTask
  file?: { name: string; filepath?: string; projectName?: string }
  /** Set on the file task only. */
  filepath?: string
  /** Set on tests that run concurrently with others of their file. */
  concurrent?: boolean
  /** Set on tests expected to fail (`test.fails`). */
  fails?: boolean
  meta: Record<string, unknown>
  /** Where the test is in its file, when Vitest was asked to note it (`includeTaskLocation`). */
  location?: { line: number }
  /** The test's timeout, ms (0: none). */
  timeout?: number
  result?: { state?: string; retryCount?: number; repeatCount?: number }
  /** The test's context (Vitest 3+): `signal` aborts when the test times out or is cancelled. */
  context?: { signal?: AbortSignal; onTestFinished?: (handler: () => void) => void }
}

/** What the reporter reads from a test's `meta`. */
export interface PerfMeta {
  entries: RecordEntry[]
  /** Line in the test file of the test's first perfspec call, when the stack showed it. */
  line?: number
  /**
   * The testbed whose baselines the worker measured against (confirmation, baselines measured
   * several times), `null` when the run named none: a merge of shards' reports
   * (`--merge-reports`) judges by the testbed its shards measured as. Absent outside a perfspec
   * run, and in the blobs of a perfspec that did not record it: unknown, not "none".
   */
  testbed?: string | null
}

function titlePath(task: NamedTask): string[] {
  const names: string[] = []
  for (let t: NamedTask | undefined = task; t; t = t.suite) {
    // Skip the file task, whose name is the path, kept separately. Whether a top-level describe
    // links to it as its `suite` differs between Vitest versions (Vitest 4 does not).
    if (t.filepath === undefined) names.unshift(t.name)
  }
  return names
}


// One context per attempt of a task: a retry or a repeat starts with no entries, as a re-run
// test would.
const contexts = new WeakMap<object, { attempt: string; context: TestContext }>()

function attemptOf(task: NamedTask): string {
  return `${task.result?.retryCount ?? 0}:${task.result?.repeatCount ?? 0}`
}

/** The context of this attempt of the task, if something made one. */
function openContext(task: NamedTask): TestContext | undefined {
  const known = contexts.get(task)
  return known?.attempt === attemptOf(task) ? known.context : undefined
}

function contextOf(task: NamedTask): TestContext {
  const attempt = attemptOf(task)
  const known = openContext(task)
  if (known) return known
  const filepath = task.file?.filepath
  // The innermost frame in the test file is the call into perfspec, in the test's body.
  const line = lineInFile(stackHere(), filepath)
  const gate = readWorkerGate()
  const meta: PerfMeta = { entries: [], ...(line !== undefined && { line }), ...(gate && { testbed: gate.testbed ?? null }) }
  task.meta.perfspec = meta
  const time = testTimeBudget(started.get(task), task.timeout)
  const context: TestContext = {
    file: task.file?.name ?? 'unknown',
    titlePath: [...projectTitle(task.file?.projectName, launchEnv()), ...titlePath(task)],
    entries: meta.entries,
    signal: endOfAttempt(task),
    ...(time && { time }),
    ...(task.fails === true && { expectedToFail: true }),
    ...((task.result?.retryCount ?? 0) > 0 && { retries: task.result!.retryCount }),
  }
  contexts.set(task, { attempt, context })
  return context
}

/**
 * A signal that aborts when this attempt of the test times out (Vitest aborts the test context's
 * `signal` then, with its timeout error) or finishes, so that a benchmark still measuring stops
 * rather than running on in the background. Vitest keeps one context, and so one signal, for
 * every retry of a test: a signal already aborted belongs to an earlier attempt and is ignored.
 */
function endOfAttempt(task: NamedTask): AbortSignal {
  const ended = new AbortController()
  const runner = task.context?.signal
  if (runner && !runner.aborted) runner.addEventListener('abort', () => ended.abort(runner.reason), { once: true })
  try {
    // Vitest has set the test's state by then; a timeout has aborted `runner` already, with its own error.
    task.context?.onTestFinished?.(() => ended.abort(testEndedError(task.result?.state === 'fail' ? 'failed' : 'passed')))
  } catch {
    // Outside a running test (a hook of another kind) there is no end to hear of; the timeout suffices.
  }
  return ended.signal
}

setTestAdapter('vitest')

// Before anything reads a variable: `PERFSPEC_AB` comes only this way (see `hand-over.ts`).
receiveHanded((inject as (key: string) => unknown)(HANDED_ENV_KEY))

// Started by perfspec ab before its file's turn: the runner and the file are loaded; the tests
// wait for the turn, so that they do not measure beside the file before.
markHolds()
if (abEnvironment()?.hold) beforeAll(() => holdForTurn(), HOLD_TIMEOUT_MS)

// A concurrent test (`test.concurrent`, `describe.concurrent`) names itself in its own async
// chain, so that each records into its own; Vitest's current test is one global that they
// overwrite. The chain outlives its test (into the next hooks), hence the check that it still
// runs. Only concurrent tests pay for it: naming chains slows every await (see leaveTestChains).
let concurrentRunning = 0
// Tests whose hooks have all run: Vitest may mark a test passed before its afterEach hooks ran,
// which still belong to it, so the end is this file's own afterEach, which runs last.
const ended = new WeakSet<object>()
// When each attempt of a test started, at the earliest: this file's beforeEach runs before the
// test's own hooks and its body, whose timeout starts after them. Budgets the extra measurements.
const started = new WeakMap<object, number>()
// The hooks take `({ task })`, destructured, never `(context)`: Vitest reads a hook's first
// parameter to know which `test.extend` fixtures it uses, and refuses a plain name in every test
// of a file that has fixtures (FixtureParseError), perfspec's hooks included.
beforeEach(({ task: runnerTask }) => {
  const task = runnerTask as unknown as NamedTask
  started.set(task, testClock())
  // A retry or a repeat starts with nothing recorded: an earlier attempt's entries left in `meta`
  // would reach the reporter as this attempt's, should this one record nothing (probe 43 #1).
  const earlier = contexts.get(task)
  if (task.meta.perfspec !== undefined && !openContext(task)) {
    delete task.meta.perfspec
    // What the earlier attempt handed over by perfspec's channel is withdrawn there too: a run
    // stopped during this attempt must not report the earlier one's figures (probe 44 #2).
    if (earlier && earlier.context.entries.length > 0) ship(task, earlier.context, 'skipped', [])
  }
  if (!task.concurrent) return
  concurrentRunning += 1
  setConcurrentTests(concurrentRunning)
  ended.delete(task)
  enterTestChain(() => (ended.has(task) ? undefined : contextOf(task)))
})
afterEach(({ task: runnerTask }) => {
  const task = runnerTask as unknown as NamedTask
  if (task.concurrent) {
    ended.add(task)
    concurrentRunning -= 1
    setConcurrentTests(concurrentRunning)
    if (concurrentRunning === 0) leaveTestChains()
  }
  // An expectation left unfinished (`expectLatency(r).p95` alone) checked nothing: that fails a
  // test that passed (one that failed has said enough, one skipped midway (`ctx.skip()`) asked
  // for nothing more, and one expected to fail would pass by it).
  const unfinished = unfinishedError(openContext(task))
  const failsNow = unfinished !== undefined && task.result?.state === 'pass' && task.fails !== true
  handOver(task, failsNow)
  if (failsNow) throw unfinished
})

/**
 * Hands what the test recorded to the reporter by perfspec's own channel too (see
 * `record-channel.ts`): Vitest may still hold the test's result back when the run is stopped.
 * A folder that cannot be written to costs the stopped run's report this test, never the test.
 * Only into the folder of this Vitest run's own reporter: a Vitest started by a test inherits the
 * variable, and its workers must not write into the outer run's folder.
 */
function handOver(task: NamedTask, failsNow: boolean): void {
  const context = openContext(task)
  if (!context || context.entries.length === 0) return
  // Vitest turns a `test.fails` result round after the hooks; the record holds the runner's verdict.
  const bodyFailed = failsNow || task.result?.state === 'fail'
  const state = task.result?.state === 'skip' ? 'skipped' : bodyFailed !== (task.fails === true) ? 'failed' : 'passed'
  ship(task, context, state, context.entries)
}

/** Appends a test's record to perfspec's channel; no `entries`: what the test handed over before is withdrawn. */
function ship(task: NamedTask, context: TestContext, state: 'passed' | 'failed' | 'skipped', entries: TestContext['entries']): void {
  const dir = launchEnv()[VITEST_RECORDS_ENV]
  const moduleId = task.file?.filepath
  if (!dir || !moduleId || !task.file) return
  if (!isOwnRunner(folderOwner(dir))) return
  const line = task.location?.line ?? (task.meta.perfspec as PerfMeta | undefined)?.line
  try {
    shipVitestTest(dir, { moduleId, file: task.file.name, project: task.file.projectName ?? '', titles: context.titlePath, ...(line !== undefined && { line }), state, ...(task.fails === true && { expectedToFail: true }), entries }, threadId)
  } catch {
    // the folder is gone or full: Vitest's own delivery remains
  }
}

const runner = (vitest as { TestRunner?: { getCurrentTest?: () => unknown } }).TestRunner
const getCurrentTest = runner?.getCurrentTest
if (typeof getCurrentTest === 'function') {
  setTestContextResolver(() => {
    const task = getCurrentTest.call(runner) as NamedTask | undefined
    return task ? contextOf(task) : undefined
  })
} else {
  // A Vitest without `TestRunner.getCurrentTest`: name the test before each one instead.
  beforeEach(({ task }) => {
    setTestContext(contextOf(task as unknown as NamedTask))
  })
  afterEach(() => {
    setTestContext(undefined)
  })
}
