import type { HeapSnapshot } from '../../analyse/heap-snapshot.js'
import { heapCensusSnapshot } from '../heap-snapshot.js'
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

/** What two heap snapshots around a number of calls show. */
export interface SnapshotDiff {
  /** Kinds of objects whose live instances grew with the calls, most bytes first. */
  suspects: Suspect[]
}

/**
 * Takes a heap snapshot, makes `calls` calls (then `after`, a cleanup, if given) and takes
 * another. A kind of object is a suspect when at least {@link minAdded} more of its instances
 * are alive, which keeps one-off allocations and this function's own bookkeeping out. At most
 * `limit` suspects. Snapshots block and collect garbage first, so they cost time that grows with
 * the heap (docs/leak-detection.md gives measured figures).
 */
export async function snapshotDiff(run: CallRunner, calls: number, after?: () => unknown, limit = 5): Promise<SnapshotDiff> {
  // The first census is kept off the heap while the second is taken: kept as a map of
  // objects, it would itself show up as growth.
  const before = await census()
  await run(calls)
  if (after) await after()
  const now = decode(await census())
  const then = decode(before)
  const suspects: Suspect[] = []
  for (const [name, { count, bytes }] of now) {
    const old = then.get(name) ?? { count: 0, bytes: 0 }
    if (count - old.count < minAdded(calls, name)) continue
    suspects.push({ name, perCall: (count - old.count) / calls, bytesPerCall: (bytes - old.bytes) / calls })
  }
  suspects.sort((a, b) => b.bytesPerCall - a.bytesPerCall)
  return { suspects: suspects.slice(0, limit) }
}

/** {@link snapshotDiff}'s suspects alone. */
export async function findSuspects(run: CallRunner, calls: number, limit = 5): Promise<Suspect[]> {
  return (await snapshotDiff(run, calls, undefined, limit)).suspects
}

/**
 * Fewest instances added for a kind of object to be named: 16, and one per 200 calls, so that a
 * leak of one object per 100 calls is named twice over. Strings need 64: the first heap snapshot
 * of a process leaves a few dozen behind for good.
 */
export function minAdded(calls: number, name: string): number {
  return Math.max(name === '(string)' ? 64 : 16, Math.ceil(calls / 200))
}

/** Node kinds worth naming; V8's internal kinds (code, hidden, arrays' backing stores) are not. */
const NAMED_KINDS = new Set(['object', 'closure', 'regexp', 'string', 'concatenated string', 'sliced string', 'number', 'bigint', 'symbol'])

/** One heap snapshot, tallied. */
async function census(): Promise<Buffer> {
  return encode(tally(await heapCensusSnapshot()))
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
