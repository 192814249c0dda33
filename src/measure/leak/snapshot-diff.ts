import { Session } from 'node:inspector'
import type { CallRunner } from './calls.js'

/** A kind of heap object whose live instances grew in step with the calls. */
export interface Suspect {
  /** Constructor name, `closure <function name>`, or a V8 kind such as `(string)`. */
  name: string
  /** Live instances added per call (averaged over the calls between the snapshots). */
  perCall: number
  /** Bytes (shallow sizes) added per call by these instances. */
  bytesPerCall: number
}

/** Live instance count and shallow bytes per kind of object, from one heap snapshot. */
type Census = Map<string, { count: number; bytes: number }>

/**
 * Names what grows: takes a heap snapshot, makes `calls` calls and takes another. A kind of
 * object is a suspect when at least `MIN_ADDED` more of its instances are alive, which keeps
 * one-off allocations and this function's own bookkeeping out (the check has already shown
 * that the heap grows in step with the calls). Sorted by bytes added, largest first; at most
 * `limit`. Snapshots block and cost about 0.3 s each on a small heap, more on a large one.
 */
export async function findSuspects(run: CallRunner, calls: number, limit = 5): Promise<Suspect[]> {
  const session = new Session()
  session.connect()
  try {
    // The first census is kept off the heap while the second is taken: kept as a map of
    // objects, it would itself show up as growth.
    // The first use of the protocol leaves a few strings and closures behind for good: spend it
    // on a cheap command, so that they are in both snapshots.
    await post(session, 'HeapProfiler.enable')
    await post(session, 'HeapProfiler.collectGarbage')
    const before = await census(session)
    await run(calls)
    const after = decode(await census(session))
    const first = decode(before)
    const suspects: Suspect[] = []
    for (const [name, now] of after) {
      const then = first.get(name) ?? { count: 0, bytes: 0 }
      if (now.count - then.count < MIN_ADDED) continue
      suspects.push({ name, perCall: (now.count - then.count) / calls, bytesPerCall: (now.bytes - then.bytes) / calls })
    }
    return suspects.sort((a, b) => b.bytesPerCall - a.bytesPerCall).slice(0, limit)
  } finally {
    session.disconnect()
  }
}

/**
 * Fewest instances added for a kind of object to be named. The first snapshot of a process
 * leaves about a dozen strings behind, which must not be named.
 */
const MIN_ADDED = 16

/** Node kinds worth naming; V8's internal kinds (code, hidden, arrays' backing stores) are not. */
const NAMED_KINDS = new Set(['object', 'closure', 'regexp', 'string', 'concatenated string', 'sliced string', 'number', 'bigint', 'symbol'])

async function census(session: Session): Promise<Buffer> {
  const chunks: string[] = []
  const onChunk = (message: { params: { chunk: string } }) => chunks.push(message.params.chunk)
  session.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await post(session, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    session.removeListener('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  return encode(tally(JSON.parse(chunks.join('')) as HeapSnapshot))
}

function post(session: Session, method: string, params: object = {}): Promise<void> {
  return new Promise((resolve, reject) => session.post(method, params, (error) => (error ? reject(error) : resolve())))
}

/** One off-heap buffer: a string built by `+=` would be thousands of heap strings. */
function encode(census: Census): Buffer {
  const lines: string[] = []
  for (const [name, { count, bytes }] of census) lines.push(`${name}\t${count}\t${bytes}`)
  return Buffer.from(lines.join('\n'))
}

function decode(encoded: Buffer): Census {
  const census: Census = new Map()
  for (const line of encoded.toString().split('\n')) {
    const [name, count, bytes] = line.split('\t')
    if (name !== undefined && count !== undefined) census.set(name, { count: Number(count), bytes: Number(bytes) })
  }
  return census
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
  strings: string[]
}

/** Counts live nodes per kind from V8's heap snapshot format (a flat array of node fields). */
export function tally(snapshot: HeapSnapshot): Census {
  const fields = snapshot.snapshot.meta.node_fields
  const kinds = snapshot.snapshot.meta.node_types[0]
  const width = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const result: Census = new Map()
  const { nodes, strings } = snapshot
  for (let i = 0; i < nodes.length; i += width) {
    const kind = kinds[nodes[i + typeAt]!]!
    if (!NAMED_KINDS.has(kind)) continue
    const key = label(kind, strings[nodes[i + nameAt]!]!)
    const entry = result.get(key)
    const bytes = nodes[i + sizeAt]!
    if (entry) {
      entry.count += 1
      entry.bytes += bytes
    } else result.set(key, { count: 1, bytes })
  }
  return result
}

function label(kind: string, rawName: string): string {
  const name = rawName.replace(/[\t\n]/g, ' ')
  if (kind === 'object') return name
  if (kind === 'closure') return `closure ${name || '(anonymous)'}`
  if (kind.endsWith('string')) return '(string)'
  return `(${kind})`
}
