import { AB_SIDES, type AbReason, type AbSide } from '../model/ab.js'
import { AB_PROTOCOL_VERSION } from '../model/ab-environment.js'
import { ID_SEPARATOR } from '../model/names.js'
import { AB_ENV, parseAbEnvironment, type AbEnvironment } from '../model/ab-environment.js'
import { launchEnv } from '../measure/launch-env.js'
import type { GateOverride } from '../model/gate.js'
import { isGateMetric } from '../model/metrics.js'

/**
 * The wire protocol between the test processes of `perfspec ab` (workers, one per side) and its
 * coordinator: newline-delimited JSON over a local socket (a Unix socket; a named pipe on
 * Windows). Times on the wire are in ns (figures) and ms (turn lengths, budgets).
 */

export { AB_ENV, AB_PROTOCOL_VERSION, encodeAbEnvironment, type AbEnvironment } from '../model/ab-environment.js'

/**
 * This test process's A/B environment (see `parseAbEnvironment`), read through `launchEnv`: a
 * test that replaces `process.env` does not take the process out of its `perfspec ab` run.
 *
 * @throws TypeError when the variable is set but not a version-1 A/B environment
 */
export function abEnvironment(): AbEnvironment | undefined {
  return parseAbEnvironment(launchEnv()[AB_ENV])
}

/** Worker → coordinator, once per connection, first. */
export interface HelloMessage {
  t: 'hello'
  v: number
  side: AbSide
  pid: number
  /** perfspec's version on that side. */
  perfspec: string
  /** Whether this worker waits for `go` when its environment asks it to hold (see `AbEnvironment.hold`); absent: it cannot. */
  holds?: boolean
}

/**
 * Worker → coordinator: a process started before its turn (`turn`, from its environment's `hold`)
 * has loaded its file and waits for {@link GoMessage}.
 */
export interface HeldMessage {
  t: 'held'
  turn: string
}

/** Worker → coordinator: a benchmark is warmed up and wants to measure. */
export interface ReadyMessage {
  t: 'ready'
  id: string
  file: string
  /**
   * The test's title path (describe blocks, then the test) as the test file gives it: raw, so
   * that a runner's name filter can match it; empty outside a test. A worker of an older perfspec
   * sends `test`, the path joined with ` > `, read as split there.
   */
  titles: string[]
  name: string
  /**
   * Time this side may still spend measuring it, ms (its test's timeout, less a margin), when the
   * runner gives one: the coordinator ends the comparison before it.
   */
  budgetMs?: number
  /**
   * The benchmark's own gate: `false` when it is not gated (`baseline: false`, a test expected to
   * fail), or its `baseline: { metric, threshold }` (threshold a fraction). Absent: the run's gate.
   * The head side's decides a pair (the working tree's settings are the ones under review).
   */
  gate?: false | GateOverride
  /**
   * How many attempts of its test came before this one (a retried test: Vitest `retry`, Jest
   * `jest.retryTimes`); absent for the first. A retry of a benchmark this side measured already
   * in the file has no partner (see `Turns.ready`).
   */
  retries?: number
}

/** Worker → coordinator: one block measured, after a `turn`. */
export interface BlockMessage {
  t: 'block'
  id: string
  /** Calls made in the block. */
  ops: number
  /** The block's elapsed time, ns. */
  ns: number
  /** The block's median per-call time, ns. */
  typicalNs: number
  /** Further figures of the block's per-call times, ns (mean, p75, …), for a gate on another metric. */
  figures?: Partial<Record<string, number>>
}

/** Worker → coordinator: a benchmark stopped measuring. */
export interface EndMessage {
  t: 'end'
  id: string
  /** Omitted or `'done'` when it finished; `'error'` when its code threw; `'aborted'` when it was stopped. */
  reason?: 'done' | 'error' | 'aborted'
  /** With `alone`: its own median per-call time over the whole measurement, ns. */
  typicalNs?: number
}

/** Any message a worker sends. */
export type WorkerMessage = HelloMessage | HeldMessage | ReadyMessage | BlockMessage | EndMessage

/** Coordinator → worker: measure one block of about `ms` now. */
export interface TurnMessage {
  t: 'turn'
  id: string
  ms: number
}

/** Coordinator → worker: no partner (any more); measure as usual, alone. */
export interface AloneMessage {
  t: 'alone'
  id: string
  reason: AbReason
}

/** Coordinator → worker: the comparison is decided; stop measuring. */
export interface StopMessage {
  t: 'stop'
  id: string
}

/** The id of {@link GoMessage}: no benchmark's (a benchmark's id is never empty). */
export const GO_ID = ''

/** Coordinator → worker that sent {@link HeldMessage}: its turn has come; run the file's tests. */
export interface GoMessage {
  t: 'go'
  id: typeof GO_ID
}

/** Any message the coordinator sends. */
export type CoordinatorMessage = TurnMessage | AloneMessage | StopMessage | GoMessage

/** One message as one line on the wire. */
export function encodeMessage(message: WorkerMessage | CoordinatorMessage): string {
  return `${JSON.stringify(message)}\n`
}

/** The socket path for a run on this platform: a named pipe on Windows, a file in `dir` elsewhere. */
export function abSocketPath(dir: string, run: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? `\\\\.\\pipe\\perfspec-ab-${run}` : `${dir.replace(/[\\/]+$/, '')}/perfspec-ab-${run}.sock`
}

/** Splits a stream's chunks into lines, keeping a partial last line until its end comes. */
export class LineSplitter {
  private rest = ''
  /** The whole lines in `chunk` (with what came before it), without their newlines; empty ones dropped. */
  push(chunk: string): string[] {
    const text = this.rest + chunk
    const lines = text.split('\n')
    this.rest = lines.pop()!
    return lines.map((line) => line.replace(/\r$/, '')).filter((line) => line.length > 0)
  }
}

const SIDES: readonly string[] = AB_SIDES
const END_REASONS: readonly string[] = ['done', 'error', 'aborted']
const ALONE_REASONS: readonly string[] = ['partner-ended', 'partner-timeout', 'partner-elsewhere', 'partner-failed', 'busy', 'time-cap', 'look-cap']

/** A worker's message from one line, or an error saying what is wrong with it (the line is not trusted). */
export function parseWorkerMessage(line: string): WorkerMessage | Error {
  const m = parseLine(line)
  if (m instanceof Error) return m
  const bad = (field: string) => new Error(`"${String(m.t)}" message with a bad "${field}": ${line.slice(0, 120)}`)
  switch (m.t) {
    case 'hello':
      if (typeof m.v !== 'number') return bad('v')
      if (typeof m.side !== 'string' || !SIDES.includes(m.side)) return bad('side')
      if (!isCount(m.pid)) return bad('pid')
      if (typeof m.perfspec !== 'string') return bad('perfspec')
      return { t: 'hello', v: m.v, side: m.side as AbSide, pid: m.pid, perfspec: m.perfspec, ...(m.holds === true && { holds: true }) }
    case 'held':
      return typeof m.turn === 'string' && m.turn !== '' ? { t: 'held', turn: m.turn } : bad('turn')
    case 'ready': {
      for (const field of ['id', 'file', 'name'] as const) if (typeof m[field] !== 'string') return bad(field)
      const titles = titlesOf(m)
      if (!titles) return bad('titles')
      if (m.budgetMs !== undefined && !isNonNegative(m.budgetMs)) return bad('budgetMs')
      const ready: ReadyMessage = { t: 'ready', id: m.id as string, file: m.file as string, titles, name: m.name as string }
      if (m.budgetMs !== undefined) ready.budgetMs = m.budgetMs as number
      if (m.retries !== undefined) {
        if (!isCount(m.retries)) return bad('retries')
        if (m.retries > 0) ready.retries = m.retries
      }
      if (m.gate === false) ready.gate = false
      else if (m.gate !== undefined) {
        if (!isObject(m.gate)) return bad('gate')
        const { metric, threshold } = m.gate as Record<string, unknown>
        if (metric !== undefined && !isGateMetric(metric)) return bad('gate')
        if (threshold !== undefined && !(typeof threshold === 'number' && threshold > 0 && threshold < 1)) return bad('gate')
        ready.gate = { ...(metric !== undefined && { metric }), ...(threshold !== undefined && { threshold }) }
      }
      return ready
    }
    case 'block': {
      if (typeof m.id !== 'string') return bad('id')
      if (!isCount(m.ops) || m.ops < 1) return bad('ops')
      if (!isNonNegative(m.ns)) return bad('ns')
      if (!isNonNegative(m.typicalNs)) return bad('typicalNs')
      const block: BlockMessage = { t: 'block', id: m.id, ops: m.ops, ns: m.ns, typicalNs: m.typicalNs }
      if (isObject(m.figures)) {
        const figures: Record<string, number> = {}
        for (const [key, value] of Object.entries(m.figures)) if (isNonNegative(value)) figures[key] = value
        block.figures = figures
      }
      return block
    }
    case 'end': {
      if (typeof m.id !== 'string') return bad('id')
      if (m.reason !== undefined && (typeof m.reason !== 'string' || !END_REASONS.includes(m.reason))) return bad('reason')
      const end: EndMessage = { t: 'end', id: m.id }
      if (m.reason !== undefined) end.reason = m.reason as EndMessage['reason']
      if (isNonNegative(m.typicalNs)) end.typicalNs = m.typicalNs
      return end
    }
    default:
      return new Error(`unknown message type ${JSON.stringify(m.t)}`)
  }
}

/** The coordinator's message from one line, or an error saying what is wrong with it. */
export function parseCoordinatorMessage(line: string): CoordinatorMessage | Error {
  const m = parseLine(line)
  if (m instanceof Error) return m
  if (typeof m.id !== 'string') return new Error(`not a message with an "id": ${line.slice(0, 120)}`)
  switch (m.t) {
    case 'turn':
      return isNonNegative(m.ms) ? { t: 'turn', id: m.id, ms: m.ms } : new Error(`"turn" with a bad "ms": ${line.slice(0, 120)}`)
    case 'alone':
      return typeof m.reason === 'string' && ALONE_REASONS.includes(m.reason)
        ? { t: 'alone', id: m.id, reason: m.reason as AbReason }
        : new Error(`"alone" with a bad "reason": ${line.slice(0, 120)}`)
    case 'stop':
      return { t: 'stop', id: m.id }
    case 'go':
      return m.id === GO_ID ? { t: 'go', id: GO_ID } : new Error(`"go" with a bad "id": ${line.slice(0, 120)}`)
    default:
      return new Error(`unknown message type ${JSON.stringify(m.t)}`)
  }
}

/** One line as a JSON object, or an error saying it is not one. */
function parseLine(line: string): Record<string, unknown> | Error {
  let m: unknown
  try {
    m = JSON.parse(line)
  } catch {
    return new Error(`not JSON: ${line.slice(0, 80)}`)
  }
  return isObject(m) ? m : new Error(`not a JSON object: ${line.slice(0, 80)}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0
}

/** A ready message's title path: `titles`, or an older worker's `test` split at ` > ` (`''` outside a test). */
function titlesOf(m: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(m.titles)) return m.titles.every((t) => typeof t === 'string') ? (m.titles as string[]) : undefined
  if (typeof m.test === 'string') return m.test === '' ? [] : m.test.split(ID_SEPARATOR)
  return undefined
}
