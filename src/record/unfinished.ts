import { getTestContext, type TestContext } from './context.js'
import { callerFrame, userFrames } from './stack-line.js'

/**
 * Matcher chains left unfinished. `expectLatency(r).p95` without `.toBeLessThan(…)`,
 * `toBeWithin('5%')` without `.of(other)`, or `expectNoLeak(fn)` not awaited, is a valid
 * expression that checks nothing (or nothing the test hears of): the user believes something
 * was asserted. Each link of a chain is begun when it is reached and finished
 * when the chain goes on from it; the runner adapters fail a test that ends with one still open.
 */

// The test each open link was begun in, to finish it there (a chain may be finished after
// another test started, in a concurrent run).
const beganIn = new WeakMap<object, TestContext>()

/** Frames kept where a link is begun: enough to reach the test file under perfspec's own. */
const DEPTH = 30

/**
 * Begins a link of a matcher chain: `link` (the matcher object) stays unfinished in the running
 * test until {@link finishLink}. Outside a test there is no end to check at: nothing is kept.
 *
 * @param path - how the link is reached, e.g. `expectLatency(…).p95`
 * @param hint - how to finish it, e.g. `go on with .toBeLessThan(…) or .toBeLessThanOrEqual(…)`
 * @param reported - called once the link is reported unfinished
 */
export function beginLink(link: object, path: string, hint: string, reported?: () => void): void {
  if (beganIn.has(link)) return
  const context = getTestContext()
  if (!context) return
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = DEPTH
  // Only captured here; V8 formats the stack when it is read, at the report, if ever.
  const begun = new Error('perfspec: begun here')
  Error.stackTraceLimit = limit
  ;(context.unfinished ??= new Map()).set(link, { path, hint, begun, ...(reported && { reported }) })
  beganIn.set(link, context)
}

/** Finishes a link: the chain went on from it (a matcher was called, or a property read). */
export function finishLink(link: object): void {
  const context = beganIn.get(link)
  if (!context) return
  beganIn.delete(link)
  context.unfinished?.delete(link)
}

/**
 * The error that fails a test which ended with unfinished expectations, naming each, where it
 * was begun and how to finish it; `undefined` when none is open. Clears them: they are reported once.
 */
export function unfinishedError(context: TestContext | undefined): Error | undefined {
  const open = context?.unfinished
  if (!open || open.size === 0) return undefined
  const lines = [...open.values()].map((u) => {
    const where = callerFrame(u.begun.stack)
    return `  ${u.path}${where ? ` at ${where}` : ''}: ${u.hint}`
  })
  const all = [...open.values()]
  const first = all[0]!
  open.clear()
  for (const u of all) u.reported?.()
  const one = lines.length === 1
  const error = new UnfinishedExpectationError(
    `perfspec: ${one ? 'an expectation was' : `${lines.length} expectations were`} left unfinished, so ${one ? 'it asserts' : 'they assert'} nothing:\n${lines.join('\n')}`,
  )
  // The stack of where the first one began, so that the runner shows that line of the test, not
  // the adapter's hook that found it.
  const frames = userFrames(first.begun.stack)
  if (frames.length > 0) error.stack = [`${error.name}: ${error.message}`, ...frames].join('\n')
  return error
}

/** Fails a test that ended with an expectation left unfinished (see {@link unfinishedError}). */
export class UnfinishedExpectationError extends Error {
  override name = 'UnfinishedExpectationError'
}
