/**
 * Thrown by a failing perfspec expectation. Named `AssertionError` so that Vitest and Jest show
 * it as a test failure, not as an unexpected crash.
 */
export class PerfAssertionError extends Error {
  override name = 'AssertionError'
}
