import { describePath, pathTo, retainerTree } from '../../analyse/retainer-path.js'
import { heapGraphWith, uniqueMark } from '../heap-snapshot.js'
import { nextMacrotask } from '../clock.js'
import { scopeSlotNames } from './scope-names.js'
import { isCollected } from './collection.js'

/** What a heap snapshot shows about an object that outlived its garbage collections. */
export interface RetainerFinding {
  /** Whether the snapshot's own collection took it after all. */
  collected: boolean
  /** How the object is held, from a GC root: `(module) cache: Map → entry: Thing`. */
  path?: string
}

/**
 * Finds how `ref`'s target is still held: a heap snapshot, in which the `WeakRef` is found by a
 * unique mark and its target by the weak `target` edge V8 records for it, then the cheapest
 * path of strong edges from a GC root to that node (see `retainerTree`). The target itself is
 * never held strongly here, so the snapshot sees only what the program holds.
 */
export async function findRetainers(ref: WeakRef<object>): Promise<RetainerFinding> {
  // A `deref()` keeps its target until the current task's microtasks are done: the last check
  // of the target must not show up as its retainer.
  await nextMacrotask()
  const mark = uniqueMark('WeakRef')
  const { graph, nodes } = await heapGraphWith({ [mark]: ref })
  const weakRef = nodes[mark]
  const target = weakRef === undefined ? undefined : graph.edgeTarget(weakRef, 'weak', 'target')
  if (target === undefined) return { collected: isCollected(ref) }
  const edges = pathTo(retainerTree(graph), target)
  if (!edges) return { collected: false }
  return { collected: false, path: describePath(graph, edges, await scopeSlotNames(graph, edges)) }
}
