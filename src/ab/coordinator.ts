import { lstat, unlink } from 'node:fs/promises'
import { connect, createServer, type Socket } from 'node:net'
import { clearTimeout, setTimeout } from 'node:timers'
import { DEFAULT_AB_GATE, type AbComparison, type AbGate, type AbProgress, type AbSide } from '../model/ab.js'
import { gateMetricList, isGateMetric } from '../model/metrics.js'
import { AB_PROTOCOL_VERSION, encodeMessage, GO_ID, LineSplitter, parseWorkerMessage } from './protocol.js'
import { Turns, type ConnectionId, type Outgoing } from './turns.js'

/** Options of {@link startCoordinator}; times in ms. */
export interface AbCoordinatorOptions {
  /** Where to listen: a Unix socket path, or a named pipe on Windows (see `abSocketPath`). */
  socketPath: string
  /** The A/B gate. Default {@link DEFAULT_AB_GATE}: the typical call, 10 %, 95 % family-wise. */
  gate?: AbGate
  /**
   * Benchmarks expected to be compared in the run, for the correction of the confidence (it grows
   * with the benchmarks actually paired when they are more). Default 1.
   */
  benchmarks?: number
  /**
   * Confidence of the screening interval that makes a comparison a suspect, for a run that
   * measures every suspect again in fresh processes (see `lookAtPairs`). Default: none.
   */
  screen?: number
  /** Time a pair of benchmarks may take turns before it is called inconclusive. Default `60_000`. */
  timeCapMs?: number
  /** How long a side that is ready waits for its partner before it measures alone. Default `30_000`. */
  partnerWaitMs?: number
  /** Length of one block. Default `30`. */
  blockMs?: number
  /** Time now, ms. Default `performance.now`. */
  clock?: () => number
  /** Uniform numbers in [0, 1) that order the two blocks of each pair. Default `Math.random`. */
  random?: () => number
  /** Schedules `fn` after `ms`; returns a cancel function. Default `setTimeout` (unref'd). */
  setTimer?: (fn: () => void, ms: number) => () => void
  /** Told after each pair of blocks and at each verdict. */
  onProgress?: (progress: AbProgress) => void
  /**
   * Told when a worker says hello (its side, pid and perfspec version, and whether it can wait
   * for its turn when started early), to check the base's perfspec.
   */
  onHello?: (hello: { side: AbSide; pid: number; perfspec: string; v: number; holds: boolean }) => void
  /**
   * Told, before a worker's process is sent its first block of a pair, that it takes turns now
   * (`pairing` true), and, once it takes turns in no pair any more (its pairs stopped or broke),
   * that it does not (`false`): `perfspec ab` moves it to the CPU both sides share, and back (see
   * `cpu-pin.ts`). Called synchronously, before the message goes.
   */
  onPairing?: (pid: number, pairing: boolean) => void
  /** Told about a connection that sent what the protocol does not allow (the line is dropped). */
  onProtocolError?: (error: Error) => void
}

/** A running coordinator: pairs the benchmarks of both sides and makes them take turns. */
export interface AbCoordinator {
  /**
   * Tells which test file both sides run now (relative to the folder `perfspec ab` runs in): the
   * waits of the previous one end, the benchmarks from now on are filed under it, and processes
   * started early that wait for `turn` (default: the file's name) are told to go.
   */
  fileStarted(file: string, turn?: string): void
  /** A side's process for the current file exited (or never started): its partner's waits end now. */
  sideEnded(side: AbSide): void
  /** Pairs only the benchmarks with these ids from now on, the others alone at once (`undefined`: all); see `Turns.pairOnly`. */
  pairOnly(ids: ReadonlySet<string> | undefined): void
  /** The comparisons so far, decided ones and alone ones, in the order they ended. */
  results(): AbComparison[]
  /** Ends every wait, stops listening and closes every connection. */
  close(): Promise<void>
}

/** A worker's connection: its side and pid once it said hello. */
interface Connection {
  socket: Socket
  side?: AbSide
  pid?: number
  /** The benchmarks of this process taking turns now: from their first `turn` to their `stop` or `alone`. */
  pairing: Set<string>
}

/**
 * Starts the coordinator of `perfspec ab`: listens on `socketPath` for the test processes of both
 * sides (see `protocol.ts`) and makes the benchmarks with the same id take turns (see `turns.ts`).
 * A stale socket file left at `socketPath` by a killed run is removed; any other file there is an
 * error, not overwritten.
 *
 * @throws TypeError on bad options; an error when it cannot listen
 */
export async function startCoordinator(o: AbCoordinatorOptions): Promise<AbCoordinator> {
  const gate = checkOptions(o)
  const clock = o.clock ?? (() => performance.now())
  const setTimer =
    o.setTimer ??
    ((fn: () => void, ms: number) => {
      const timer = setTimeout(fn, ms)
      timer.unref()
      return () => clearTimeout(timer)
    })
  const turns = new Turns({
    gate,
    benchmarks: o.benchmarks ?? 1,
    timeCapMs: o.timeCapMs ?? 60_000,
    partnerWaitMs: o.partnerWaitMs ?? 30_000,
    blockMs: o.blockMs ?? 30,
    random: o.random ?? Math.random,
    ...(o.screen !== undefined && { screen: o.screen }),
    ...(o.onProgress && { onProgress: o.onProgress }),
  })
  const connections = new Map<ConnectionId, Connection>()
  const protocolError = (error: Error) => o.onProtocolError?.(error)
  let cancelTimer: (() => void) | undefined
  let closed = false
  // Processes started before their turn wait here for it (see `AbEnvironment.hold`).
  let current: string | undefined
  const held = new Map<string, ConnectionId[]>()
  const go = (conn: ConnectionId) => {
    const socket = connections.get(conn)?.socket
    if (socket && !socket.destroyed) socket.write(encodeMessage({ t: 'go', id: GO_ID }))
  }

  // A process is told where it runs as its first pair begins and as its last one ends.
  const placeFor = (connection: Connection, message: Outgoing['message']) => {
    if (!o.onPairing || connection.pid === undefined) return
    const before = connection.pairing.size
    if (message.t === 'turn') connection.pairing.add(message.id)
    else if (message.t === 'stop' || message.t === 'alone') connection.pairing.delete(message.id)
    if ((before === 0) !== (connection.pairing.size === 0)) o.onPairing(connection.pid, connection.pairing.size > 0)
  }

  // Every event ends here: send what the turns decided, then wake up at the next deadline.
  const apply = (out: Outgoing[]) => {
    for (const { conn, message } of out) {
      const connection = connections.get(conn)
      if (connection) placeFor(connection, message)
      const socket = connection?.socket
      if (socket && !socket.destroyed) socket.write(encodeMessage(message))
    }
    cancelTimer?.()
    cancelTimer = undefined
    const next = turns.nextDeadline()
    if (next !== undefined && !closed) cancelTimer = setTimer(() => apply(turns.tick(clock())), Math.max(0, next - clock()))
  }

  let nextId = 0
  const server = createServer((socket) => {
    const conn = ++nextId
    const connection: Connection = { socket, pairing: new Set() }
    connections.set(conn, connection)
    const lines = new LineSplitter()
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      for (const line of lines.push(chunk)) {
        const message = parseWorkerMessage(line)
        if (message instanceof Error) {
          protocolError(message)
          continue
        }
        if (message.t === 'hello') {
          o.onHello?.({ side: message.side, pid: message.pid, perfspec: message.perfspec, v: message.v, holds: message.holds === true })
          if (message.v !== AB_PROTOCOL_VERSION) {
            protocolError(new Error(`a ${message.side} worker (pid ${message.pid}, perfspec ${message.perfspec}) speaks protocol version ${message.v}, not ${AB_PROTOCOL_VERSION}`))
            socket.destroy()
            return
          }
          connection.side = message.side
          connection.pid = message.pid
          continue
        }
        if (!connection.side) {
          protocolError(new Error(`a "${message.t}" message before "hello"`))
          continue
        }
        if (message.t === 'held') {
          if (message.turn === current) go(conn)
          else held.set(message.turn, [...(held.get(message.turn) ?? []), conn])
          continue
        }
        const now = clock()
        if (message.t === 'ready') apply(turns.ready(conn, connection.side, message, now))
        else if (message.t === 'block') apply(turns.block(conn, message, now))
        else apply(turns.end(conn, message, now))
      }
    })
    socket.on('error', () => socket.destroy())
    socket.on('close', () => {
      connections.delete(conn)
      apply(turns.connectionClosed(conn, clock()))
    })
  })

  await removeStaleSocket(o.socketPath)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.socketPath, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.unref()

  return {
    fileStarted: (file, turn = file) => {
      apply(turns.fileStarted(clock(), file))
      current = turn
      for (const conn of held.get(turn) ?? []) go(conn)
      held.delete(turn)
    },
    sideEnded: (side) => apply(turns.sideEnded(side, clock())),
    pairOnly: (ids) => turns.pairOnly(ids),
    results: () => turns.results(),
    close: async () => {
      if (closed) return
      apply(turns.closeAll(clock()))
      closed = true
      cancelTimer?.()
      const done = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const { socket } of connections.values()) socket.end()
      // A worker that does not end its side of the connection must not hold the run.
      const force = setTimer(() => {
        for (const { socket } of connections.values()) socket.destroy()
      }, 1000)
      await done
      force()
    },
  }
}

/** The gate with its defaults, after checking every option. */
function checkOptions(o: AbCoordinatorOptions): Required<AbGate> {
  const example = "startCoordinator({ socketPath: '/tmp/perfspec-ab-1.sock', gate: { metric: 'typical', threshold: 0.1 } })"
  const fail = (what: string) => new TypeError(`perfspec ab: ${what}; accepted: ${example}`)
  if (typeof o !== 'object' || o === null) throw fail('the options are not an object')
  if (typeof o.socketPath !== 'string' || o.socketPath === '') throw fail('option "socketPath" is not a path')
  const gate = { ...DEFAULT_AB_GATE, ...o.gate }
  if (!(gate.threshold > 0 && gate.threshold < 1)) throw fail(`gate "threshold" ${String(gate.threshold)} is not a fraction in (0, 1)`)
  if (!(gate.confidence > 0 && gate.confidence < 1)) throw fail(`gate "confidence" ${String(gate.confidence)} is not in (0, 1)`)
  if (o.screen !== undefined && !(typeof o.screen === 'number' && o.screen > 0 && o.screen < 1)) throw fail(`option "screen" ${String(o.screen)} is not a confidence in (0, 1)`)
  if (gate.metric !== 'typical' && !isGateMetric(gate.metric)) throw fail(`gate "metric" ${JSON.stringify(gate.metric)} is not 'typical' nor one of ${gateMetricList()}`)
  for (const key of ['benchmarks', 'timeCapMs', 'partnerWaitMs', 'blockMs'] as const) {
    const value = o[key]
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) throw fail(`option "${key}" ${String(value)} is not a number of at least 0`)
  }
  return gate
}

/** Removes a socket file a killed run left behind; refuses one that is listened on, or any other kind of file. */
async function removeStaleSocket(path: string): Promise<void> {
  if (path.startsWith('\\\\.\\pipe\\')) return
  const stat = await lstat(path).catch(() => undefined)
  if (!stat) return
  if (!stat.isSocket()) throw new Error(`perfspec ab: ${path} exists and is not a socket; it is left as it is. Remove it, or choose another socket path.`)
  const live = await new Promise<boolean>((resolve) => {
    const probe = connect(path)
    probe.once('connect', () => (probe.destroy(), resolve(true)))
    probe.once('error', () => resolve(false))
  })
  if (live) throw new Error(`perfspec ab: another process listens on ${path}; is another perfspec ab running?`)
  await unlink(path)
}
