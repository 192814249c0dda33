import { commonPath, instancesOf } from '../../analyse/heap-instances.js'
import { describePath, retainerTree } from '../../analyse/retainer-path.js'
import { heapGraphWith, uniqueMark } from '../heap-snapshot.js'
import { inspectorQueryCount, v8QueryCount } from './query-objects.js'
import { scopeSlotNames } from './scope-names.js'

/** How live instances were counted. */
export type CountMethod = 'v8.queryObjects' | 'inspector queryObjects' | 'heap snapshot'

/** The live instances of a class, counted after full garbage collections. */
export interface LiveInstances {
  alive: number
  method: CountMethod
  /** When asked for and found: how most of them are held. */
  retainers?: { path: string; held: number }
}

/**
 * Counts the instances of `ctor` alive now, subclasses' instances included, exactly (each way
 * collects garbage first): with `v8.queryObjects` where Node has it and `ctor` belongs to the
 * main realm; else with the inspector's `Runtime.queryObjects`, which counts in any realm; else
 * from a heap snapshot (see `instancesOf`). When `retainers(alive)` says so, also finds how most
 * of them are held, from a heap snapshot (the one the count took, or one taken for the purpose).
 */
export async function liveInstances(ctor: Function, retainers: (alive: number) => boolean): Promise<LiveInstances> {
  const byV8 = v8QueryCount(ctor)
  const queried = byV8 !== undefined ? { alive: byV8, method: 'v8.queryObjects' as const } : await inspectorQueryCount(ctor).then((alive) => (alive === undefined ? undefined : { alive, method: 'inspector queryObjects' as const }))
  if (!queried) return snapshotInstances(ctor, retainers)
  if (!retainers(queried.alive)) return queried
  // Naming the holder is a courtesy: a snapshot that fails must not hide the count.
  const found = await snapshotInstances(ctor, () => true).catch(() => undefined)
  return { ...queried, ...(found?.retainers && { retainers: found.retainers }) }
}

/** {@link liveInstances} by heap snapshot alone (the last resort; exported for tests). */
export async function snapshotInstances(ctor: Function, retainers: (alive: number) => boolean): Promise<LiveInstances> {
  const mark = uniqueMark('constructor')
  const { graph, nodes } = await heapGraphWith({ [mark]: ctor })
  const node = nodes[mark]
  if (node === undefined) throw new Error('perfspec: the constructor was not found in the heap snapshot')
  const instances = instancesOf(graph, node)
  const shared = instances.length > 0 && retainers(instances.length) ? commonPath(graph, retainerTree(graph), instances) : undefined
  if (!shared) return { alive: instances.length, method: 'heap snapshot' }
  const path = describePath(graph, shared.edges, await scopeSlotNames(graph, shared.edges))
  return { alive: instances.length, method: 'heap snapshot', retainers: { path, held: shared.held } }
}
