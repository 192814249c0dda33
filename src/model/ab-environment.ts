import { AB_SIDES, type AbSide } from './ab.js'

/**
 * How a test process learns that it runs for `perfspec ab`: an environment variable that names
 * the coordinator's socket and the side. In the model, as the reporters (run/) and `bench()` read
 * it and the command (cli/) writes it.
 */

/** Version of the A/B protocol (src/ab/protocol.ts); a worker says it in `hello`, the environment carries it as `v`. */
export const AB_PROTOCOL_VERSION = 1

/** The environment variable whose presence puts perfspec in A/B mode. */
export const AB_ENV = 'PERFSPEC_AB'

/** What {@link AB_ENV} carries: `{"v":1,"socket":"<path>","side":"base"|"head","run":"<id>"}`. */
export interface AbEnvironment {
  v: number
  /** The coordinator's socket (a named pipe path on Windows). */
  socket: string
  side: AbSide
  /** Random id of this `perfspec ab` run. */
  run: string
  /**
   * Set for a process started before its turn (while the file before it is measured): the turn
   * it waits for, a name `perfspec ab` gives each run of a file. Its worker, once started, waits
   * before the file's tests for the coordinator's `go`, sent when that turn comes. Workers that
   * know nothing of it ignore it; `perfspec ab` sets it only for a side whose worker said it can
   * hold.
   */
  hold?: string
}

/**
 * Reads {@link AB_ENV}. Returns `undefined` when it is unset or empty (not in A/B mode).
 *
 * @throws TypeError naming the variable and the field, with an accepted example, when it is set
 *   but not a version-1 A/B environment
 */
export function parseAbEnvironment(value: string | undefined): AbEnvironment | undefined {
  if (value === undefined || value === '') return undefined
  const example = `${AB_ENV}='{"v":1,"socket":"/tmp/perfspec-ab-1.sock","side":"head","run":"1"}'`
  const fail = (what: string) => new TypeError(`perfspec: ${AB_ENV} ${what}; accepted: ${example}`)
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw fail('is not JSON')
  }
  if (!isObject(parsed)) throw fail('is not a JSON object')
  if (parsed.v !== AB_PROTOCOL_VERSION) throw fail(`has "v" ${JSON.stringify(parsed.v)}, and this perfspec speaks version ${AB_PROTOCOL_VERSION}`)
  if (typeof parsed.socket !== 'string' || parsed.socket === '') throw fail('has no "socket" path')
  if (typeof parsed.side !== 'string' || !(AB_SIDES as readonly string[]).includes(parsed.side)) throw fail(`has "side" ${JSON.stringify(parsed.side)}, not "base" or "head"`)
  if (typeof parsed.run !== 'string' || parsed.run === '') throw fail('has no "run" id')
  if (parsed.hold !== undefined && (typeof parsed.hold !== 'string' || parsed.hold === '')) throw fail('has a "hold" that is not the name of a turn')
  return { v: parsed.v, socket: parsed.socket, side: parsed.side as AbSide, run: parsed.run, ...(typeof parsed.hold === 'string' && { hold: parsed.hold }) }
}

/** The environment variable's value for one side. */
export function encodeAbEnvironment(env: AbEnvironment): string {
  return JSON.stringify({ v: env.v, socket: env.socket, side: env.side, run: env.run, ...(env.hold !== undefined && { hold: env.hold }) })
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
