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

const FRAME_PLACE = /\(?([^()\s]+):(\d+):(\d+)\)?\s*$/

/**
 * The frames of `stack` from the first one outside perfspec's own files on: where a user's code
 * called perfspec, and what called it. The stack must have been taken in perfspec's code (its
 * first frame tells where perfspec's files are: its src/ or dist/ folder).
 */
export function userFrames(stack: string | undefined): string[] {
  const frames = (stack ?? '').split('\n').slice(1)
  const own = FRAME_PLACE.exec(frames[0] ?? '')?.[1]
  const home = own?.replace(/[/\\](src|dist)[/\\].*$/, '')
  const first = frames.findIndex((frame, i) => {
    const place = FRAME_PLACE.exec(frame)
    if (i === 0 || !place) return false
    const file = place[1]!
    return !(file.startsWith('node:') || (home && /^[/\\](src|dist)[/\\]/.test(file.slice(home.length)) && file.startsWith(home)))
  })
  return first < 0 ? [] : frames.slice(first)
}

/** The first of {@link userFrames}, as `file:line:column`. */
export function callerFrame(stack: string | undefined): string | undefined {
  const place = FRAME_PLACE.exec(userFrames(stack)[0] ?? '')
  return place ? `${place[1]}:${place[2]}:${place[3]}` : undefined
}
