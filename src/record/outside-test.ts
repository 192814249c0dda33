import { testAdapter } from './context.js'
import { callerFrame, stackHere } from './stack-line.js'

/**
 * When a runner adapter is loaded but no test is running (a call at module level, or in
 * `beforeAll`/`afterAll`), what was measured reaches no report: the warning to give, naming the
 * call and where it was made; `undefined` inside a test or in a plain script.
 *
 * @param call - e.g. `bench("parse")`
 */
export function outsideTestWarning(call: string): string | undefined {
  const adapter = testAdapter()
  if (!adapter) return undefined
  const where = callerFrame(stackHere(30))
  return `${call} ran outside a test${where ? ` (at ${where})` : ''}: at module level or in beforeAll/afterAll, ${adapter} names no running test, so its result is not in the report and has no baseline; call it inside test()`
}
