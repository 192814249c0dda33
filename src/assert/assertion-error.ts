/**
 * Thrown by a failing perfspec expectation; its message is the whole report of the failure.
 *
 * Deliberately not named `AssertionError`: Jest takes any error of that name for one of
 * `node:assert` and prints its `expected`, `actual` and diff above the message ("Expected value
 * undefined, Received: undefined, Compared values have no visual difference"). Under its own
 * name both runners print `PerfAssertionError: <message>` and the stack, and nothing else: it
 * carries no `expected`, `actual` or `showDiff`, from which Vitest would render a diff.
 */
export class PerfAssertionError extends Error {
  override name = 'PerfAssertionError'
}
