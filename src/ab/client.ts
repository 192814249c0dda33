import { connect, type Socket } from 'node:net'
import packageJson from '../../package.json' with { type: 'json' }
import { StoppedError } from '../measure/stop.js'
import { abEnvironment, encodeMessage, GO_ID, LineSplitter, parseCoordinatorMessage, AB_PROTOCOL_VERSION, type AbEnvironment, type CoordinatorMessage, type WorkerMessage } from './protocol.js'

/** What {@link AbClient.next} resolves to when the connection is gone. */
export const CLOSED = 'closed'

/**
 * A worker's connection to the coordinator of `perfspec ab`: says hello, sends messages, and hands
 * each benchmark the coordinator's messages for its id, in order. The socket keeps the process
 * alive only while a benchmark awaits a message.
 */
export class AbClient {
  private readonly queues = new Map<string, CoordinatorMessage[]>()
  private readonly waiters = new Map<string, (message: CoordinatorMessage | typeof CLOSED) => void>()
  private readonly lines = new LineSplitter()
  private gone = false

  private constructor(
    private readonly socket: Socket,
    private readonly onProtocolError: (error: Error) => void,
  ) {
    socket.setEncoding('utf8')
    socket.unref()
    socket.on('data', (chunk: string) => {
      for (const line of this.lines.push(chunk)) {
        const message = parseCoordinatorMessage(line)
        if (message instanceof Error) onProtocolError(message)
        else this.deliver(message)
      }
    })
    socket.on('error', () => socket.destroy())
    socket.on('close', () => {
      this.gone = true
      for (const wake of [...this.waiters.values()]) wake(CLOSED)
      this.socket.unref()
    })
  }

  /**
   * Connects to the coordinator `env` names and says hello as its side.
   *
   * @throws the connection's error when there is no coordinator there
   */
  static connect(env: AbEnvironment, onProtocolError: (error: Error) => void = () => undefined): Promise<AbClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(env.socket)
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.off('error', reject)
        const client = new AbClient(socket, onProtocolError)
        client.send({ t: 'hello', v: AB_PROTOCOL_VERSION, side: env.side, pid: process.pid, perfspec: packageJson.version, holds: holdsWhenAsked() })
        resolve(client)
      })
    })
  }

  /** True once the connection is gone. */
  get closed(): boolean {
    return this.gone
  }

  /** Sends a message; dropped when the connection is gone. */
  send(message: WorkerMessage): void {
    if (!this.gone) this.socket.write(encodeMessage(message))
  }

  /**
   * The coordinator's next message for benchmark `id`, or {@link CLOSED} once the connection is
   * gone. Rejects with a `StoppedError` once `signal` aborts.
   */
  next(id: string, signal?: AbortSignal): Promise<CoordinatorMessage | typeof CLOSED> {
    const queued = this.queues.get(id)?.shift()
    if (queued) return Promise.resolve(queued)
    if (this.gone) return Promise.resolve(CLOSED)
    if (signal?.aborted) return Promise.reject(new StoppedError(signal.reason))
    return new Promise((resolve, reject) => {
      // Whichever comes first, the message or the stop, leaves no waiter behind: a waiter keeps
      // the socket, and with it the process, alive.
      const settle = () => {
        this.waiters.delete(id)
        signal?.removeEventListener('abort', onAbort)
        if (this.waiters.size === 0) this.socket.unref()
      }
      const onAbort = () => {
        settle()
        reject(new StoppedError(signal!.reason))
      }
      this.waiters.set(id, (message) => {
        settle()
        resolve(message)
      })
      signal?.addEventListener('abort', onAbort, { once: true })
      this.socket.ref()
    })
  }

  /** Closes the connection. */
  close(): void {
    this.socket.end()
  }

  private deliver(message: CoordinatorMessage): void {
    const wake = this.waiters.get(message.id)
    if (wake) {
      this.waiters.delete(message.id)
      wake(message)
      return
    }
    const queue = this.queues.get(message.id) ?? []
    queue.push(message)
    this.queues.set(message.id, queue)
  }
}

/** This process's connection per socket, once made; `undefined` when there is no coordinator to reach. */
const shared = new Map<string, Promise<AbClient | undefined>>()

/**
 * The connection of this worker to its coordinator, made on first use (one per process), when
 * `PERFSPEC_AB` is set. When it cannot be made, or is gone, benchmarks measure alone: this
 * warns once and resolves to `undefined`.
 */
export function abClient(): Promise<AbClient | undefined> {
  const env = abEnvironment()
  if (!env) return Promise.resolve(undefined)
  let connection = shared.get(env.socket)
  if (!connection) {
    connection = AbClient.connect(env, (error) => console.warn(`perfspec ab: the coordinator sent ${error.message}`)).catch((error: unknown) => {
      warnAlone(`cannot reach the coordinator at ${env.socket} (${error instanceof Error ? error.message : String(error)})`)
      return undefined
    })
    shared.set(env.socket, connection)
  }
  return connection.then((client) => {
    if (!client?.closed) return client
    warnAlone('the connection to the coordinator is gone')
    return undefined
  })
}

// On the global object: the runner adapter's setup and bench() may load separate copies of this module.
const HOLDS = Symbol.for('perfspec.ab.holds')

/**
 * Called by a runner adapter's setup, which waits for the turn ({@link holdForTurn}) when the
 * environment asks: the hello of this process's connection then says it can be started early.
 * A process without it (bench() used without the adapter) is never started early.
 */
export function markHolds(): void {
  ;(globalThis as Record<symbol, unknown>)[HOLDS] = true
}

function holdsWhenAsked(): boolean {
  return (globalThis as Record<symbol, unknown>)[HOLDS] === true
}

/**
 * How long a runner's hook may wait for {@link holdForTurn}, ms: as long as the files before it may
 * take (each benchmark pair up to its time cap). A day: the coordinator's end (its socket closing)
 * ends the wait anyway.
 */
export const HOLD_TIMEOUT_MS = 86_400_000

/**
 * For a process `perfspec ab` started before its turn (its environment's `hold`): tells the
 * coordinator it is ready to run its file and waits, using no CPU, for the `go` of the file's
 * turn. Resolves at once when there is nothing to wait for, and when the connection is gone (the
 * benchmarks then measure alone, as `abClient` warns). The runner adapters call it before a
 * file's tests.
 */
export async function holdForTurn(): Promise<void> {
  const turn = abEnvironment()?.hold
  if (!turn) return
  const client = await abClient()
  if (!client) return
  client.send({ t: 'held', turn })
  await client.next(GO_ID)
}

let warned = false

/** Warns, once per process, that benchmarks now measure alone. */
export function warnAlone(why: string): void {
  if (warned) return
  warned = true
  console.warn(`perfspec ab: ${why}; benchmarks of this process measure alone and are not compared.`)
}
