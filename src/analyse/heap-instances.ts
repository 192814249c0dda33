import type { HeapGraph } from './heap-graph.js'
import { describePath, pathTo, type RetainerTree } from './retainer-path.js'

/**
 * The instances of a class in a heap graph, given the node of its constructor: the objects whose
 * prototype chain (V8 records it as `__proto__` edges) reaches the constructor's `prototype`,
 * as `instanceof` sees them. Instances of subclasses count; the subclasses' own prototype
 * objects, which have the class's prototype in their chain too, do not.
 */
export function instancesOf(graph: HeapGraph, constructor: number): number[] {
  const prototype = graph.edgeTarget(constructor, 'property', 'prototype')
  if (prototype === undefined) return []
  const n = graph.nodeCount
  // 0: not known yet, 1: reaches the prototype, 2: does not.
  const reaches = new Uint8Array(n)
  reaches[prototype] = 1
  const isPrototype = new Uint8Array(n)
  for (let node = 0; node < n; node++) {
    if (graph.nodeType(node) !== 'closure') continue
    const own = graph.edgeTarget(node, 'property', 'prototype')
    if (own !== undefined) isPrototype[own] = 1
  }
  const found: number[] = []
  const chain: number[] = []
  for (let node = 0; node < n; node++) {
    const type = graph.nodeType(node)
    if (type !== 'object' && type !== 'closure') continue
    // Walk up until a node whose answer is known (or the chain ends), then answer for the walk.
    chain.length = 0
    let at: number | undefined = graph.edgeTarget(node, 'property', '__proto__')
    while (at !== undefined && reaches[at] === 0 && !chain.includes(at)) {
      chain.push(at)
      at = graph.edgeTarget(at, 'property', '__proto__')
    }
    const answer = at !== undefined && reaches[at] === 1 ? 1 : 2
    for (const link of chain) reaches[link] = answer
    if (answer === 1 && node !== prototype && !isPrototype[node]) found.push(node)
  }
  return found
}

/** How most of a set of objects are held: one example path, and how many share its shape. */
export interface SharedPath {
  /** The path of one of them: edges from the root, for {@link describePath}. */
  edges: number[]
  /** How many of the objects are held along a path of the same shape (indices aside). */
  held: number
}

/** Most objects whose paths are written out: enough to see the pattern, cheap on any heap. */
const MAX_PATHS = 2000

/**
 * The most common way a set of objects is held: their paths from the root, grouped by shape
 * (`sessions: Array → [3]: Session` and `… → [7]: Session` are one shape), the largest group's
 * first path. `undefined` when none is reachable.
 */
export function commonPath(graph: HeapGraph, tree: RetainerTree, nodes: readonly number[]): SharedPath | undefined {
  const groups = new Map<string, SharedPath>()
  let best: SharedPath | undefined
  for (const node of nodes.slice(0, MAX_PATHS)) {
    const edges = pathTo(tree, node)
    if (!edges) continue
    const shape = describePath(graph, edges).replace(/\[\d+\]/g, '[i]')
    const group = groups.get(shape) ?? { edges, held: 0 }
    group.held += 1
    groups.set(shape, group)
    if (!best || group.held > best.held) best = group
  }
  return best
}
