/**
 * `perfspec/jest/setup`: the Jest setup file (`setupFilesAfterEnv: ['perfspec/jest/setup']`).
 *
 * Before each test it tells perfspec which test is running (file relative to Jest's `rootDir`,
 * describe blocks, test name), so benchmarks get stable ids; after the test it ships what the
 * test recorded to the perfspec reporter (see `transport.ts`) and clears the context.
 * Without the reporter in `reporters` it only names the running test.
 */
import { threadId } from 'node:worker_threads'
import { relative } from 'pathe'
import { setTestContext, type TestContext } from '../record/context.js'
import { currentTest, type CurrentTest } from './current-test.js'
import { ROOT_ENV, RUN_DIR_ENV, shipTest, TIMEOUT_ENV } from './transport.js'

type Hook = (fn: () => void) => void
interface JestGlobals {
  beforeEach?: Hook
  afterEach?: Hook
  expect?: { getState(): { testPath?: string; currentTestName?: string } }
}

const jestGlobals = globalThis as unknown as JestGlobals
const { beforeEach, afterEach, expect } = jestGlobals
if (typeof beforeEach !== 'function' || typeof afterEach !== 'function' || !expect) {
  throw new Error("perfspec/jest/setup must be listed in Jest's setupFilesAfterEnv, with Jest's globals injected (injectGlobals: true, the default)")
}

// Benchmarks take longer than Jest's 5 s default allows. The reporter asks for its `testTimeout`
// option only when the config left Jest's default; `jest.setTimeout()` in a test file still wins,
// and so does an earlier call in another setup file.
const TIMEOUT_SYMBOL = Symbol.for('TEST_TIMEOUT_SYMBOL')
const timeout = Number(process.env[TIMEOUT_ENV])
const realm = globalThis as Record<symbol, unknown>
if (timeout > 0 && realm[TIMEOUT_SYMBOL] === undefined) realm[TIMEOUT_SYMBOL] = timeout

let running: { context: TestContext; test: CurrentTest; ended: AbortController } | undefined

beforeEach(() => {
  const test = currentTest(expect.getState())
  if (!test) return
  const root = process.env[ROOT_ENV] || process.cwd()
  // Jest gives a test no abort signal of its own; its end (after a timeout too, since jest-circus
  // runs afterEach hooks then) is what stops a benchmark still measuring.
  const ended = new AbortController()
  const context: TestContext = { file: relative(root, test.testPath), titlePath: test.titlePath, entries: [], signal: ended.signal }
  running = { context, test, ended }
  setTestContext(context)
})

afterEach(() => {
  setTestContext(undefined)
  const done = running
  running = undefined
  done?.ended.abort(new Error('its test ended (timed out or failed) while it was still measuring'))
  const dir = process.env[RUN_DIR_ENV]
  if (!done || !dir || done.context.entries.length === 0) return
  // Re-read the status: a failure in the test body is known only now.
  const failed = currentTest(expect.getState())?.failed ?? done.test.failed
  shipTest(dir, { ...done.test, file: done.context.file, failed, entries: done.context.entries }, threadId)
})
