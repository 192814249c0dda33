/**
 * `perfspec/jest/setup`: the Jest setup file (`setupFilesAfterEnv: ['perfspec/jest/setup']`).
 *
 * It tells perfspec which test is running (file relative to Jest's `rootDir`, describe blocks,
 * test name) whenever something is recorded, so benchmarks get stable ids, concurrent tests
 * included, and with the test's timeout and start, which budget the measurements perfspec adds;
 * after each test it ships what the test recorded to the perfspec reporter (see `transport.ts`).
 * Without the reporter in `reporters` it only names the running test.
 */
import { threadId } from 'node:worker_threads'
import { holdForTurn, HOLD_TIMEOUT_MS, markHolds } from '../ab/client.js'
import { abEnvironment } from '../ab/protocol.js'
import { relative } from 'pathe'
import { setTestAdapter, setTestContextResolver, type TestContext } from '../record/context.js'
import { projectIdPart } from '../model/names.js'
import { testClock, testTimeBudget } from '../record/test-time.js'
import { testEndedError } from '../record/test-ended.js'
import { unfinishedError, UnfinishedExpectationError } from '../record/unfinished.js'
import { currentTest, hasFailed, runLastOfRoot, testEnd, type CurrentTest, type ExpectState } from './current-test.js'
import { PROJECT_GLOBAL } from './projects.js'
import { markSetup, ROOT_ENV, shipTest, TIMEOUT_ENV } from './transport.js'
import { launchEnv } from '../measure/launch-env.js'
import { handedRunDirOf } from '../record/started-files.js'

type Hook = (fn: () => void | Promise<void>, timeout?: number) => void
interface JestGlobals {
  beforeAll?: Hook
  beforeEach?: Hook
  afterEach?: Hook
  afterAll?: Hook
  expect?: { getState(): ExpectState }
}

const jestGlobals = globalThis as unknown as JestGlobals
const { beforeAll, beforeEach, afterEach, afterAll, expect } = jestGlobals
if (typeof beforeAll !== 'function' || typeof beforeEach !== 'function' || typeof afterEach !== 'function' || typeof afterAll !== 'function' || !expect) {
  throw new Error("perfspec/jest/setup must be listed in Jest's setupFilesAfterEnv, with Jest's globals injected (injectGlobals: true, the default)")
}

// The Jest project this file runs in, put in its config's globals by the perfspec reporter when
// the config declares several: a file two projects match gets ids of its own in each.
const projectGlobal = (globalThis as Record<string, unknown>)[PROJECT_GLOBAL]
const project = typeof projectGlobal === 'string' && projectGlobal ? projectGlobal : undefined

// Benchmarks take longer than Jest's 5 s default allows. The reporter asks for its `testTimeout`
// option only when the config left Jest's default; `jest.setTimeout()` in a test file still wins,
// and so does an earlier call in another setup file.
const TIMEOUT_SYMBOL = Symbol.for('TEST_TIMEOUT_SYMBOL')
const timeout = Number(launchEnv()[TIMEOUT_ENV])
const realm = globalThis as Record<symbol, unknown>
if (timeout > 0 && realm[TIMEOUT_SYMBOL] === undefined) realm[TIMEOUT_SYMBOL] = timeout

interface Open {
  context: TestContext
  test: CurrentTest
  /**
   * Jest gives a test no abort signal of its own; its end (after a timeout too, since jest-circus
   * runs afterEach hooks then) is what stops a benchmark still measuring.
   */
  ended: AbortController
}

// One context per attempt of a test, found from the calling async chain whenever something is
// recorded: `test.concurrent` bodies run at the same time and must each record into their own.
const contexts = new WeakMap<object, { attempt: number; open: Open }>()
// Without jest-circus's record of the test (another runner), the one test before its afterEach.
let plain: Open | undefined
// Contexts not yet shipped: Jest 30.5 runs no afterEach for a concurrent test, so the file's
// afterAll ships what is left.
const unshipped = new Set<Open>()

function running(): Open | undefined {
  const test = currentTest(expect!.getState())
  if (!test) return undefined
  if (!test.key) {
    const same = plain && plain.test.testPath === test.testPath && plain.test.titlePath.join('\0') === test.titlePath.join('\0')
    return same ? plain : (plain = open(test))
  }
  const known = contexts.get(test.key.test)
  if (known?.attempt === test.key.attempt) return known.open
  const fresh = open(test)
  contexts.set(test.key.test, { attempt: test.key.attempt, open: fresh })
  return fresh
}

// When the running test started, at the earliest: this file's beforeEach runs before the test's
// own hooks and its body, whose timeout starts after them. A `test.concurrent` body starts with
// the file's run, before any hook, so its start is when this file loaded. Budgets the extra
// measurements of its benchmarks.
const loadedAt = testClock()
let lastBeforeEach: number | undefined

// Read once, as the file loads: a test may replace `process.env` (see `launch-env.ts`).
const root = launchEnv()[ROOT_ENV] || process.cwd()

function open(test: CurrentTest): Open {
  const ended = new AbortController()
  const titlePath = project ? [projectIdPart(project), ...test.titlePath] : test.titlePath
  const time = testTimeBudget(test.concurrent ? loadedAt : lastBeforeEach, test.timeout)
  const context: TestContext = {
    file: relative(root, test.testPath),
    titlePath,
    entries: [],
    signal: ended.signal,
    ...(time && { time }),
    ...(test.failing && { expectedToFail: true }),
    // jest-circus counts invocations from 1.
    ...(test.key && test.key.attempt > 1 && { retries: test.key.attempt - 1 }),
  }
  const opened = { context, test, ended }
  unshipped.add(opened)
  return opened
}

/**
 * Ships what a test recorded, with `now`, the test as its runner last told of it (its status), and
 * stops its benchmarks still measuring. Returns the error that fails the test for an expectation
 * it left unfinished, if it had not failed already (see `unfinished.ts`).
 */
function ship(done: Open, now: CurrentTest): Error | undefined {
  const unfinished = unfinishedError(done.context)
  const failedBefore = hasFailed(now)
  // A test expected to fail passes when its body fails: an error more would not fail it.
  const failing = unfinished && !failedBefore && !done.test.failing ? unfinished : undefined
  const failed = failedBefore || failing !== undefined
  unshipped.delete(done)
  done.ended.abort(testEndedError(testEnd(now)))
  if (runDir && done.context.entries.length > 0) {
    const { key, ...test } = done.test
    shipTest(runDir, { ...test, file: done.context.file, failed, ...(project && { project }), ...(key && { attempt: key.attempt }), entries: done.context.entries }, threadId)
  }
  return failing
}

setTestAdapter('jest')
setTestContextResolver(() => running()?.context)

const runDir = handedRunDirOf(expect!.getState().testPath)

// Tells the reporter this file loaded the setup: a project whose files never did gets a line
// naming the setting to add, rather than a PASS with its benchmarks silently missing.
if (runDir) {
  try {
    markSetup(runDir, project ?? '', threadId, expect!.getState().testPath)
  } catch {
    // The run's folder is gone (its reporter finished): there is no one to tell.
  }
}

beforeEach(() => {
  lastBeforeEach = testClock()
})

function shipAfterEach(): void {
  const done = running()
  plain = undefined
  // Re-read the status: a failure in the test body, or in an afterEach, is known only now.
  const failing = done && ship(done, currentTest(expect!.getState()) ?? done.test)
  if (failing) throw failing
}
afterEach(shipAfterEach)

// What a test file's own root-level afterEach measures belongs to its test, as under Vitest: this
// file's afterEach was declared first, and jest-circus runs a block's afterEach hooks in
// declaration order, so once the test file has declared its own it is moved to the end.
beforeAll(() => {
  runLastOfRoot(shipAfterEach)
})

// Started by perfspec ab before its file's turn: the runner and the file are loaded; the tests
// wait for the turn, so that they do not measure beside the file before.
markHolds()
if (abEnvironment()?.hold) beforeAll(() => holdForTurn(), HOLD_TIMEOUT_MS)

afterAll(() => {
  const failures = [...unshipped].map((done) => ship(done, done.test)).filter((e) => e !== undefined)
  // Jest fails the test file, not the test, for an afterAll error: where no afterEach ran.
  if (failures.length === 1) throw failures[0]
  if (failures.length > 1) throw new UnfinishedExpectationError(failures.map((e) => e.message).join('\n'))
})
