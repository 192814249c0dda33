import type { HeapGraph } from './heap-graph.js'

/**
 * The cheapest way from V8's root to every live node of a heap graph, over strong edges only:
 * for each node, the edge that reaches it on that way (`-1` for the root and for nodes no
 * strong path reaches). Cheapest rather than shortest: edges a reader can name (a property, a
 * variable, an element) cost 1, and leaving the engine's own structures (compiled code, hidden
 * classes, V8-internal objects) costs more, so that a path through user-visible objects wins over
 * an equally short one through the engine's bookkeeping.
 */
export interface RetainerTree {
  /** Edge by which each node is reached, or -1. */
  via: Int32Array
  /** Node each node is reached from, or -1. */
  from: Int32Array
}

/** What a step out of a node costs, by the node's kind: the engine's own structures cost more. */
const LEAVE_COST: Record<string, number> = { code: 40, 'object shape': 40, hidden: 8 }
/** What an edge costs, by its kind: V8's hidden (unnamed) slots cost more than named edges. */
const EDGE_COST: Record<string, number> = { hidden: 3 }
/** Upper bound of one step's cost (leave cost plus edge cost). */
const MAX_STEP = 43

/**
 * Computes the {@link RetainerTree} of a graph with Dial's algorithm (Dijkstra over small whole
 * costs, one bucket per cost): linear in the size of the graph.
 */
export function retainerTree(graph: HeapGraph): RetainerTree {
  const n = graph.nodeCount
  const via = new Int32Array(n).fill(-1)
  const from = new Int32Array(n).fill(-1)
  const cost = new Float64Array(n).fill(Number.POSITIVE_INFINITY)
  const leave = new Uint8Array(n)
  for (let i = 0; i < n; i++) leave[i] = LEAVE_COST[graph.nodeType(i)] ?? 0
  const edgeCost = new Uint8Array(256)
  for (const [type, extra] of Object.entries(EDGE_COST)) if (graph.edgeKindOf(type) >= 0) edgeCost[graph.edgeKindOf(type)] = extra
  const weak = graph.edgeKindOf('weak')
  const buckets: number[][] = Array.from({ length: MAX_STEP + 1 }, () => [])
  cost[0] = 0
  buckets[0]!.push(0)
  let queued = 1
  for (let current = 0; queued > 0; current++) {
    const bucket = buckets[current % buckets.length]!
    while (bucket.length > 0) {
      const node = bucket.pop()!
      queued--
      if (cost[node] !== current) continue // reached again more cheaply since it was queued
      for (let e = graph.firstEdge(node), end = graph.firstEdge(node + 1); e < end; e++) {
        const kind = graph.edgeKind(e)
        if (kind === weak) continue
        const to = graph.edgeTo(e)
        const next = current + 1 + leave[node]! + edgeCost[kind]!
        if (next >= cost[to]!) continue
        cost[to] = next
        via[to] = e
        from[to] = node
        buckets[next % buckets.length]!.push(to)
        queued++
      }
    }
  }
  return { via, from }
}

/** The edges from the root to `node` along the tree, first edge first; `undefined` when unreachable. */
export function pathTo(tree: RetainerTree, node: number): number[] | undefined {
  if (node !== 0 && tree.via[node] === -1) return undefined
  const edges: number[] = []
  for (let at = node; at !== 0; at = tree.from[at]!) edges.push(tree.via[at]!)
  return edges.reverse()
}

/** At most this many steps are written out; a longer path keeps its head and its tail. */
const MAX_STEPS = 9

/**
 * Names of scope variables that the snapshot leaves unnamed, by the edge that holds their
 * value: found by the caller (see {@link unnamedScopeSlots}), e.g. through the inspector.
 */
export type SlotNames = ReadonlyMap<number, string>

/**
 * Writes a path from the root as the objects a reader knows, joined by ` → `: each step is the
 * property, variable or element that holds the next object, and that object's constructor:
 * `(module) cache: Map → entry: Thing`. The engine's plumbing in between (scopes, a Map's hash
 * table, an array's backing store, V8's root lists) is left out; a variable of a module's top-level
 * scope reads `(module) name`, an element `[3]`, a function `name()`. The path starts at the last
 * variable of a module or property of the global object (what leads there, the module loader or
 * the realm, is Node's), or at a suspended function that holds the object in a variable.
 */
export function describePath(graph: HeapGraph, edges: readonly number[], slotNames: SlotNames = new Map()): string {
  const steps: string[] = []
  let anchor = 0
  let pending: string[] = []
  let slotLabel: string | undefined
  let anchored = false
  edges.forEach((e, i) => {
    const from = i === 0 ? 0 : graph.edgeTo(edges[i - 1]!)
    const to = graph.edgeTo(e)
    if (graph.nodeType(from) === 'synthetic') {
      // V8's root lists ("(GC roots)", "(Stack roots)") say where, not who: the next object does.
      if (!isPlumbing(graph, to)) steps.push(nodeLabel(graph, to))
      return
    }
    const variable = variableName(graph, e, from, slotNames)
    const label = slotLabel ?? (variable !== undefined ? (isModuleScope(graph, from) ? `(module) ${variable}` : variable) : edgeLabel(graph, e))
    slotLabel = slotsLabel(graph, e, from)
    if (pending.length === 0) anchored = variable !== undefined ? isModuleScope(graph, from) : isGlobalProperty(graph, e, from)
    if (label) pending.push(label)
    if (isPlumbing(graph, to)) return
    const suspended = isSuspended(graph, to)
    if (anchored || suspended) anchor = steps.length
    // What leads to a suspended function (a promise's reaction) is the await machinery: unnamed.
    steps.push(pending.length && !suspended ? `${pending.join('.')}: ${nodeLabel(graph, to)}` : nodeLabel(graph, to))
    pending = []
  })
  const shown = steps.slice(anchor)
  if (shown.length > MAX_STEPS) return [...shown.slice(0, 2), '…', ...shown.slice(-(MAX_STEPS - 3))].join(' → ')
  return shown.join(' → ')
}

/** A scope variable the snapshot leaves unnamed, and a function that can see it. */
export interface UnnamedSlot {
  /** The edge (of the path) from the scope to the variable's value. */
  edge: number
  /** A function whose scope chain holds the scope: its closure node. */
  closure: number
  /** The variable's value: its node. */
  value: number
}

/**
 * The variables along a path that the snapshot does not name and that cannot be named from it
 * for certain (see `contextSlotName`), each with the function through which the path reached
 * its scope: that function's scopes, as a debugger lists them, name it.
 */
export function unnamedScopeSlots(graph: HeapGraph, edges: readonly number[]): UnnamedSlot[] {
  const slots: UnnamedSlot[] = []
  edges.forEach((e, i) => {
    if (i === 0 || graph.edgeType(e) !== 'hidden') return
    const scope = graph.edgeTo(edges[i - 1]!)
    if (!isContext(graph, scope) || contextSlotName(graph, scope, e) !== undefined) return
    // Back through the chain of scopes (a function's own, then the ones around it) to the function.
    for (let j = i - 1; j >= 0; j--) {
      const from = j === 0 ? 0 : graph.edgeTo(edges[j - 1]!)
      const name = graph.edgeName(edges[j]!)
      if (graph.edgeType(edges[j]!) !== 'internal' || (name !== 'context' && name !== 'previous')) break
      if (graph.nodeType(from) === 'closure') {
        slots.push({ edge: e, closure: from, value: graph.edgeTo(e) })
        break
      }
    }
  })
  return slots
}

/** A suspended async function or generator: where a chain of awaits ends, the one that holds. */
function isSuspended(graph: HeapGraph, node: number): boolean {
  return graph.nodeType(node) === 'object' && (graph.nodeName(node) === 'Generator' || graph.nodeName(node) === 'AsyncGenerator')
}

/** A property of the global object. */
function isGlobalProperty(graph: HeapGraph, edge: number, from: number): boolean {
  return graph.edgeType(edge) === 'property' && graph.nodeType(from) === 'object' && /^(global|Window|global \/ )/.test(graph.nodeName(from))
}

/** The variable a scope's edge holds: named by the snapshot, by `slotNames`, or from the scope's ScopeInfo. */
function variableName(graph: HeapGraph, edge: number, from: number, slotNames: SlotNames): string | undefined {
  const type = graph.edgeType(edge)
  if (type === 'context') return graph.edgeName(edge)
  if (type !== 'hidden' || !isContext(graph, from)) return undefined
  return slotNames.get(edge) ?? contextSlotName(graph, from, edge)
}

/**
 * The engine's structures between the objects a user knows: scopes (`system / Context`), a
 * Map's table and an object's backing stores (`array`), hidden classes, code and V8's internals.
 */
function isPlumbing(graph: HeapGraph, node: number): boolean {
  const type = graph.nodeType(node)
  if (type === 'object') return graph.nodeName(node).startsWith('system / ')
  return type === 'array' || type === 'hidden' || type === 'code' || type === 'object shape' || type === 'synthetic'
}

/**
 * How to name a slot of the structure `edge` leads into, when its number would mean nothing: a
 * slot of a Map's or Set's hash table is an `entry`; a slot of a suspended function's register
 * file is said already (`variable`). `undefined`: name the next edge as it is.
 */
function slotsLabel(graph: HeapGraph, edge: number, from: number): string | undefined {
  if (graph.edgeType(edge) !== 'internal') return undefined
  const name = graph.edgeName(edge)
  if (name === 'table' && graph.nodeType(from) === 'object' && /^(Map|Set|WeakMap|WeakSet)$/.test(graph.nodeName(from))) return 'entry'
  if (name === 'parameters_and_registers') return ''
  return undefined
}

/** Internal edges that only lead into plumbing: a function's scope, an object's backing stores. */
const SILENT_INTERNAL = new Set(['context', 'elements', 'properties', 'table', 'map'])

/** The label of an edge that is no variable. */
function edgeLabel(graph: HeapGraph, edge: number): string {
  const name = graph.edgeName(edge)
  switch (graph.edgeType(edge)) {
    case 'element':
      return `[${name}]`
    case 'property':
    case 'shortcut':
      return name
    case 'internal':
      if (SILENT_INTERNAL.has(name)) return ''
      // A suspended async function (or generator) keeps its live variables and temporaries in
      // one register file, unnamed: the slot number would mean nothing to a reader.
      if (name === 'parameters_and_registers') return 'variable'
      return graph.isIndexEdge(edge) ? `[${name}]` : name
    default:
      return ''
  }
}

/**
 * Whether a scope is the top-level scope of a module or script: an ES module's scope has the
 * module as its extension, and the scope of a CommonJS module's wrapper function (or the block
 * in which Vitest runs a module's code) has the realm's own scope right above it.
 */
function isModuleScope(graph: HeapGraph, context: number): boolean {
  const extension = graph.edgeTarget(context, 'internal', 'extension')
  if (extension !== undefined && graph.nodeName(extension).includes('Module')) return true
  const previous = graph.edgeTarget(context, 'internal', 'previous')
  return previous !== undefined && /NativeContext|ScriptContext/.test(graph.nodeName(previous))
}

function isContext(graph: HeapGraph, node: number): boolean {
  return graph.nodeName(node) === 'system / Context'
}

/**
 * The name of the variable a scope's unnamed slot holds, when the snapshot alone says it for
 * certain. V8 names the variables of function and module scopes in a snapshot, but not those of
 * a block scope, and Vitest runs every module's code inside a block (`async (…) => {{ code }}`):
 * each top-level variable of a test file, or of the code under test, is an unnamed slot. The
 * names are in the scope's `ScopeInfo`, in order, as its first strings. V8 numbers the unnamed
 * edges of the scope by the slots that hold heap objects (`true`, `undefined` and the like count,
 * though they get no edge); a slot holding a small integer is no heap object and is skipped. So
 * the slot numbered `k` is variable `k + s`, where `s` is how many small integers come before it:
 * at least what an earlier anchor (a function or class named as its variable) shows, at most what
 * a later one shows (or the names left over after the last slot). Named only when both agree.
 */
function contextSlotName(graph: HeapGraph, context: number, edge: number): string | undefined {
  const scopeInfo = graph.edgeTarget(context, 'internal', 'scope_info')
  if (scopeInfo === undefined) return undefined
  const names: string[] = []
  for (let e = graph.firstEdge(scopeInfo), end = graph.firstEdge(scopeInfo + 1); e < end; e++) {
    if (graph.edgeType(e) !== 'hidden') continue
    const to = graph.edgeTo(e)
    if (graph.nodeType(to) !== 'string' || graph.edgeName(e) !== String(names.length)) break
    names.push(graph.nodeName(to))
  }
  const k = Number(graph.edgeName(edge))
  let last = -1
  for (let e = graph.firstEdge(context), end = graph.firstEdge(context + 1); e < end; e++) if (graph.edgeType(e) === 'hidden') last = Math.max(last, Number(graph.edgeName(e)))
  let least = 0
  let most = names.length - 1 - last
  for (let e = graph.firstEdge(context), end = graph.firstEdge(context + 1); e < end; e++) {
    const value = graph.edgeTo(e)
    if (graph.edgeType(e) !== 'hidden' || graph.nodeType(value) !== 'closure') continue
    const slot = Number(graph.edgeName(e))
    const variable = names.indexOf(graph.nodeName(value), slot)
    if (variable < 0) continue
    if (slot === k) return names[variable]
    if (slot < k) least = Math.max(least, variable - slot)
    else most = Math.min(most, variable - slot)
  }
  return least === most && k + least < names.length ? names[k + least] : undefined
}

function nodeLabel(graph: HeapGraph, node: number): string {
  const name = graph.nodeName(node)
  switch (graph.nodeType(node)) {
    case 'closure':
      return name ? `${name}()` : '(anonymous function)'
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return JSON.stringify(name.length > 30 ? `${name.slice(0, 30)}…` : name)
    case 'object': {
      // A suspended async function or generator: name its function.
      const fn = name === 'Generator' || name === 'AsyncGenerator' ? graph.edgeTarget(node, 'internal', 'function') : undefined
      if (fn !== undefined) return graph.nodeName(fn) ? `suspended function ${graph.nodeName(fn)}` : 'suspended anonymous function'
      return name || '(object)'
    }
    case 'native':
      return name || '(object)'
    default:
      return name ? `(${name})` : `(${graph.nodeType(node)})`
  }
}
