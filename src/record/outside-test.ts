import { testAdapter } from './context.js'
import { stackHere } from './stack-line.js'

const FRAME_PLACE = /\(?([^()\s]+):(\d+):(\d+)\)?\s*$/

/** The first frame of the current stack outside perfspec's own files, as `file:line:column`. */
function callerFrame(): string | undefined {
  const frames = (stackHere(30) ?? '').split('\n').slice(1)
  // This function's own file tells where perfspec's files are: its src/ or dist/ folder.
  const own = FRAME_PLACE.exec(frames[0] ?? '')?.[1]
  const home = own?.replace(/[/\\](src|dist)[/\\].*$/, '')
  for (const frame of frames.slice(1)) {
    const place = FRAME_PLACE.exec(frame)
    if (!place) continue
    const file = place[1]!
    if (file.startsWith('node:') || (home && /^[/\\](src|dist)[/\\]/.test(file.slice(home.length)) && file.startsWith(home))) continue
    return `${file}:${place[2]}:${place[3]}`
  }
  return undefined
}

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
  const where = callerFrame()
  return `${call} ran outside a test${where ? ` (at ${where})` : ''}: at module level or in beforeAll/afterAll, ${adapter} names no running test, so its result is not in the report and has no baseline; call it inside test()`
}
