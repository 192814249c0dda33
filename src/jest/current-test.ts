/**
 * Which test is running, read inside a Jest test process.
 *
 * `expect.getState().currentTestName` joins describe blocks and test name with spaces, which
 * cannot be split back. jest-circus (Jest's runner since 27) keeps the running test in its state
 * object on the test realm's global, under a symbol described `JEST_STATE_SYMBOL` (Jest 29 and
 * 30): from it come the exact describe blocks, the test's status so far, whether it is a
 * `test.failing` test (its `failing` flag), and the stack captured where the test was declared
 * (its line). When that state cannot be found (another test
 * runner), the test name alone still gives a stable id; when it can and no test is running (a
 * `beforeAll`/`afterAll` hook), no test owns what runs.
 */
import { lineInFile } from '../record/stack-line.js'
import type { TestEnd } from '../record/test-ended.js'
import { isA, thrownText } from '../measure/thrown-text.js'

interface CircusBlock {
  name: string
  parent?: CircusBlock
  type?: string
  children?: CircusBlock[]
  /** A describe block's hooks, in the order declared (jest-circus runs a block's afterEach hooks in this order). */
  hooks?: Array<{ type?: string; fn?: unknown }>
}

interface CircusTest extends CircusBlock {
  errors?: unknown[]
  asyncError?: { stack?: string }
  concurrent?: boolean
  invocations?: number
  /** The test's own timeout (`test(name, fn, timeout)`), ms; 0 or absent: the file's. */
  timeout?: number
  /** `test.failing` (Jest 28.1+): the test passes when its body fails. */
  failing?: boolean
}

interface CircusState {
  currentlyRunningTest?: CircusTest | null
  rootDescribeBlock?: CircusBlock
  /** The file's test timeout, ms: the config's `testTimeout`, or `jest.setTimeout()`'s. */
  testTimeout?: number
}

/** What perfspec reads of `expect.getState()`. */
export interface ExpectState {
  testPath?: string
  currentTestName?: string
  /** Jest 29.6+: the full name of the `test.concurrent` test of this async chain. */
  currentConcurrentTestName?: () => string | undefined
  /** Jest 30.5+: the test of this async chain, concurrent or not. */
  currentTestIdentity?: () => unknown
}

/** What the setup file needs to know about the running test. */
export interface CurrentTest {
  /** Absolute path of the test file. */
  testPath: string
  /** Describe blocks then the test name. */
  titlePath: string[]
  /** Line where the test is declared, when the stack tells it. */
  line?: number
  /** Whether the test has failed so far. */
  failed: boolean
  /** Set when one of its failures so far is jest-circus's timeout ("Exceeded timeout of … ms"). */
  timedOut?: true
  /** Set for a `test.failing` test, which passes when its body fails (from jest-circus's record of it). */
  failing?: true
  /** jest-circus's own record of the test and which attempt of it runs (retries), when known: one per test. */
  key?: { test: object; attempt: number }
  /** The test's timeout, ms, as jest-circus applies it, when known. */
  timeout?: number
  /** Whether it is a `test.concurrent`: its body starts with the file's run, before its hooks. */
  concurrent?: boolean
}

// Name of jest-circus's root describe block, which is not a user's describe.
const ROOT_BLOCK = 'ROOT_DESCRIBE_BLOCK'

function circusState(): CircusState | undefined {
  const symbol = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL')
  return symbol ? ((globalThis as Record<symbol, CircusState | undefined>)[symbol] ?? undefined) : undefined
}

function titlesOf(test: CircusBlock): string[] {
  const titles: string[] = []
  for (let block: CircusBlock | undefined = test; block && !(block.name === ROOT_BLOCK && !block.parent); block = block.parent) titles.unshift(block.name)
  return titles
}

function concurrentTests(block: CircusBlock | undefined, out: CircusTest[] = []): CircusTest[] {
  for (const child of block?.children ?? []) {
    if (child.type === 'test' && (child as CircusTest).concurrent) out.push(child as CircusTest)
    else if (child.type === 'describeBlock') concurrentTests(child, out)
  }
  return out
}

/**
 * The test of the calling async chain. Jest 30.5 tells it (`currentTestIdentity`). Jest 29.6 to
 * 30.4 run a `test.concurrent` body in an async chain of its own that knows the test's full name
 * (describe blocks and test joined by spaces), from which the test is found; otherwise, the test
 * circus is running.
 *
 * @throws Error when two concurrent tests share a full name, so that neither can be told apart
 */
function testOfChain(expectState: ExpectState, state: CircusState | undefined): CircusTest | undefined {
  const identity = expectState.currentTestIdentity?.()
  if (identity && typeof identity === 'object' && typeof (identity as CircusTest).name === 'string') return identity as CircusTest
  const concurrentName = expectState.currentConcurrentTestName?.()
  if (concurrentName !== undefined) {
    const matches = concurrentTests(state?.rootDescribeBlock).filter((t) => titlesOf(t).join(' ') === concurrentName)
    if (matches.length === 1) return matches[0]
    if (matches.length > 1) {
      throw new Error(`perfspec: ${matches.length} concurrent tests are named "${concurrentName}" (describe blocks and test name joined by spaces), so this Jest cannot tell which one recorded a benchmark; rename one, or use Jest 30.5 or later`)
    }
  }
  return state?.currentlyRunningTest ?? undefined
}

/** The running test, from `expect.getState()` and jest-circus; `undefined` outside a test. */
export function currentTest(expectState: ExpectState): CurrentTest | undefined {
  const testPath = expectState.testPath
  if (!testPath) return undefined
  const state = circusState()
  const test = testOfChain(expectState, state)
  if (!test) {
    // jest-circus between tests (a beforeAll or afterAll hook): no test owns what runs there,
    // and `currentTestName` still names the last test that ran (describe blocks and test joined
    // by spaces, which would file a hook's bench under a test that does not exist). Only without
    // circus's state (another runner) does the name stand for the running test.
    if (state) return undefined
    const name = expectState.currentTestName
    return name ? { testPath, titlePath: [name], failed: false } : undefined
  }
  // The first frame in the test file of the stack Jest kept when `test()` was called.
  const line = lineInFile(test.asyncError?.stack, testPath)
  // jest-circus's own rule: the test's timeout, or else the file's.
  const timeout = test.timeout || state?.testTimeout
  return {
    testPath,
    titlePath: titlesOf(test),
    failed: (test.errors?.length ?? 0) > 0,
    ...(timedOut(test.errors) && { timedOut: true as const }),
    key: { test, attempt: test.invocations ?? 0 },
    ...(line !== undefined && { line }),
    ...(timeout !== undefined && { timeout }),
    ...(test.concurrent && { concurrent: true }),
    ...(test.failing === true && { failing: true as const }),
  }
}

/**
 * Whether one of a test's errors is jest-circus's timeout. Circus records each failure as the
 * error, or as the error and the stack of where the test was declared (`[error, asyncError]`);
 * its timeout's message starts `Exceeded timeout of` (Jest 27 to 30).
 */
function timedOut(errors: unknown[] | undefined): boolean {
  return (errors ?? []).some((e) => {
    const error = Array.isArray(e) ? e[0] : e
    const message = isA(error, Error) ? thrownText(error) : typeof error === 'string' ? error : ''
    return message.startsWith('Exceeded timeout of')
  })
}

/** How a test ended, from jest-circus's record of it when there is one: passed, failed, or timed out. */
export function testEnd(test: CurrentTest): TestEnd {
  const errors = (test.key?.test as CircusTest | undefined)?.errors
  if (errors ? timedOut(errors) : test.timedOut) return 'timed out'
  return hasFailed(test) ? 'failed' : 'passed'
}

/** Whether a test has failed by now, from jest-circus's record of it when there is one. */
export function hasFailed(test: CurrentTest): boolean {
  const errors = (test.key?.test as CircusTest | undefined)?.errors
  return errors ? errors.length > 0 : test.failed
}

/**
 * Moves the root describe block's afterEach hook whose function is `fn` to the end of its hooks,
 * so that it runs after every other afterEach of the test file (jest-circus runs inner blocks'
 * afterEach hooks first, then a block's in the order declared, reading them when each test
 * starts). Call it once the test file has declared its hooks (from a `beforeAll`). Without
 * jest-circus's state (another runner) it does nothing. Returns whether the hook was moved.
 */
export function runLastOfRoot(fn: unknown): boolean {
  const hooks = circusState()?.rootDescribeBlock?.hooks
  if (!Array.isArray(hooks)) return false
  const index = hooks.findIndex((h) => h.type === 'afterEach' && h.fn === fn)
  if (index < 0) return false
  hooks.push(...hooks.splice(index, 1))
  return true
}
