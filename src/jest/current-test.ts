/**
 * Which test is running, read inside a Jest test process.
 *
 * `expect.getState().currentTestName` joins describe blocks and test name with spaces, which
 * cannot be split back. jest-circus (Jest's runner since 27) keeps the running test in its state
 * object on the test realm's global, under a symbol described `JEST_STATE_SYMBOL` (Jest 29 and
 * 30): from it come the exact describe blocks, the test's status so far, and the stack captured
 * where the test was declared (its line). When that state cannot be found (another test
 * runner), the test name alone still gives a stable id.
 */
import { lineInFile } from '../record/stack-line.js'

interface CircusBlock {
  name: string
  parent?: CircusBlock
}

interface CircusTest extends CircusBlock {
  errors?: unknown[]
  asyncError?: { stack?: string }
}

interface CircusState {
  currentlyRunningTest?: CircusTest | null
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
}

// Name of jest-circus's root describe block, which is not a user's describe.
const ROOT_BLOCK = 'ROOT_DESCRIBE_BLOCK'

function circusState(): CircusState | undefined {
  const symbol = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL')
  return symbol ? ((globalThis as Record<symbol, CircusState | undefined>)[symbol] ?? undefined) : undefined
}

/** The running test, from `expect.getState()` and jest-circus; `undefined` outside a test. */
export function currentTest(expectState: { testPath?: string; currentTestName?: string }): CurrentTest | undefined {
  const testPath = expectState.testPath
  if (!testPath) return undefined
  const test = circusState()?.currentlyRunningTest
  if (!test) {
    const name = expectState.currentTestName
    return name ? { testPath, titlePath: [name], failed: false } : undefined
  }
  const titlePath: string[] = []
  for (let block: CircusBlock | undefined = test; block && !(block.name === ROOT_BLOCK && !block.parent); block = block.parent) {
    titlePath.unshift(block.name)
  }
  // The first frame in the test file of the stack Jest kept when `test()` was called.
  const line = lineInFile(test.asyncError?.stack, testPath)
  return { testPath, titlePath, failed: (test.errors?.length ?? 0) > 0, ...(line !== undefined && { line }) }
}
