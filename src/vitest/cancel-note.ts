/**
 * Whether a skipped test's note is the one Vitest's runner gives the tests it skips as the run is
 * cancelled (`--bail`), rather than a `skip` of the test's own.
 */
export function isCancelNote(note: unknown): boolean {
  return typeof note === 'string' && note.includes('test run was aborted')
}
