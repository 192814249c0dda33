/** How a test had ended when a benchmark of it was still measuring, as far as its runner tells. */
export type TestEnd = 'passed' | 'failed' | 'timed out'

/**
 * Why a benchmark still measuring when its test ended is stopped: the abort reason, which its
 * failure quotes after `stopped before it finished: `. A test that passed had not awaited it (a
 * test that awaits its bench ends only after it, unless it fails or times out), so the message
 * says how to await it; the others say what the runner said of the test, nothing more.
 */
// What says that a test passed without awaiting its benchmark.
const UNAWAITED = 'without awaiting it'

export function testEndedError(end: TestEnd): Error {
  if (end === 'timed out') return new Error('its test timed out while it was still measuring')
  if (end === 'failed') return new Error('its test failed while it was still measuring')
  return new Error(`its test ended before the bench finished, ${UNAWAITED}: await bench(…) in the test, or return its promise`)
}

/**
 * Whether a benchmark's recorded error says it was stopped because its test passed without
 * awaiting it: no test caught that failure, though the test passed.
 */
export function stoppedUnawaited(error: string): boolean {
  return error.includes(`its test ended before the bench finished, ${UNAWAITED}`)
}
