/**
 * The line of the innermost frame of `stack` that is in `filepath`, or `undefined`. Both test
 * runners source-map stacks in the test realm, so for TypeScript this is the line in the source.
 */
export function lineInFile(stack: string | undefined, filepath: string | undefined): number | undefined {
  if (!stack || !filepath) return undefined
  for (const frame of stack.split('\n').slice(1)) {
    const at = frame.lastIndexOf(filepath)
    if (at < 0) continue
    const match = /^:(\d+):\d+/.exec(frame.slice(at + filepath.length))
    if (match) return Number(match[1])
  }
  return undefined
}

/** The current call stack, deeper than the default ten frames: test files sit under runner frames. */
export function stackHere(depth = 50): string | undefined {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = depth
  try {
    return new Error('perfspec: where').stack
  } finally {
    Error.stackTraceLimit = limit
  }
}
