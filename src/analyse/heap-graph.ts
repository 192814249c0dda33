import type { HeapSnapshot } from './heap-snapshot.js'

/**
 * A heap snapshot as a graph: node `0` is V8's synthetic root, every other node an object,
 * string, closure or engine-internal thing, and each node's outgoing edges are contiguous. Nodes
 * and edges are numbered from 0 in snapshot order; `firstEdge(n)` to `firstEdge(n + 1)` are the
 * edges of node `n`. Typed arrays keep a snapshot of millions of edges compact.
 */
export class HeapGraph {
  readonly nodeCount: number
  private readonly nodeTypeOf: Uint8Array
  private readonly nodeNameOf: Uint32Array
  private readonly nodeIdOf: Float64Array
  private readonly firstEdgeOf: Uint32Array
  private readonly edgeTypeOf: Uint8Array
  private readonly edgeNameOf: Uint32Array
  private readonly edgeToOf: Uint32Array
  private readonly nodeTypes: string[]
  private readonly edgeTypes: string[]
  private readonly strings: string[]
  private readonly elementCode: number
  private readonly hiddenCode: number
  private readonly stringIndexes = new Map<string, number>()

  constructor(snapshot: HeapSnapshot) {
    const meta = snapshot.snapshot.meta
    const edges = snapshot.edges
    if (!edges || !meta.edge_fields || !meta.edge_types) throw new Error('perfspec: the heap snapshot has no edges (parse it with { edges: true })')
    const nodeWidth = meta.node_fields.length
    const edgeWidth = meta.edge_fields.length
    const at = (fields: string[], name: string) => {
      const i = fields.indexOf(name)
      if (i < 0) throw new Error(`perfspec: the heap snapshot's meta lacks the field "${name}"`)
      return i
    }
    const [typeAt, nameAt, idAt, countAt] = ['type', 'name', 'id', 'edge_count'].map((f) => at(meta.node_fields, f)) as [number, number, number, number]
    const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) => at(meta.edge_fields!, f)) as [number, number, number]
    const { nodes, strings } = snapshot
    const n = nodes.length / nodeWidth
    const m = edges.length / edgeWidth
    this.nodeCount = n
    this.nodeTypes = meta.node_types[0]
    this.edgeTypes = meta.edge_types[0]
    this.strings = strings
    this.elementCode = this.edgeTypes.indexOf('element')
    this.hiddenCode = this.edgeTypes.indexOf('hidden')
    this.nodeTypeOf = new Uint8Array(n)
    this.nodeNameOf = new Uint32Array(n)
    this.nodeIdOf = new Float64Array(n)
    this.firstEdgeOf = new Uint32Array(n + 1)
    for (let i = 0, e = 0; i < n; i++) {
      const base = i * nodeWidth
      this.nodeTypeOf[i] = nodes[base + typeAt]!
      this.nodeNameOf[i] = nodes[base + nameAt]!
      this.nodeIdOf[i] = nodes[base + idAt]!
      this.firstEdgeOf[i] = e
      e += nodes[base + countAt]!
      this.firstEdgeOf[i + 1] = e
    }
    if (this.firstEdgeOf[n] !== m) throw new Error(`perfspec: the heap snapshot's nodes count ${this.firstEdgeOf[n]} edges, but it holds ${m}`)
    this.edgeTypeOf = new Uint8Array(m)
    this.edgeNameOf = new Uint32Array(m)
    this.edgeToOf = new Uint32Array(m)
    for (let e = 0; e < m; e++) {
      const base = e * edgeWidth
      this.edgeTypeOf[e] = edges[base + edgeTypeAt]!
      this.edgeNameOf[e] = edges[base + edgeNameAt]!
      // `to_node` is an offset into the flat node array, not a node number.
      this.edgeToOf[e] = edges[base + toAt]! / nodeWidth
    }
  }

  get edgeCount(): number {
    return this.edgeToOf.length
  }

  /** `object`, `closure`, `string`, `array` (engine arrays), `hidden`, `code`, `synthetic`… */
  nodeType(node: number): string {
    return this.nodeTypes[this.nodeTypeOf[node]!] ?? 'unknown'
  }

  /** Constructor name of an object, function name of a closure, text of a string. */
  nodeName(node: number): string {
    return this.strings[this.nodeNameOf[node]!] ?? ''
  }

  /** V8's id of the object: stable across snapshots of one process. */
  nodeId(node: number): number {
    return this.nodeIdOf[node]!
  }

  firstEdge(node: number): number {
    return this.firstEdgeOf[node]!
  }

  /** `context` (a variable), `element`, `property`, `internal`, `hidden`, `shortcut` or `weak`. */
  edgeType(edge: number): string {
    return this.edgeTypes[this.edgeTypeOf[edge]!] ?? 'unknown'
  }

  /** The edge's kind as a small number, for loops over millions of edges; see {@link edgeKindOf}. */
  edgeKind(edge: number): number {
    return this.edgeTypeOf[edge]!
  }

  /** The number {@link edgeKind} gives edges of this kind (`'weak'`…), or -1 when the snapshot has none. */
  edgeKindOf(type: string): number {
    return this.edgeTypes.indexOf(type)
  }

  /** The property, variable or internal name of the edge, or the index of an element as text. */
  edgeName(edge: number): string {
    const raw = this.edgeNameOf[edge]!
    return this.indexed(edge) ? String(raw) : (this.strings[raw] ?? '')
  }

  /** Whether the edge is named by a number (an element, or V8's hidden and some internal slots). */
  isIndexEdge(edge: number): boolean {
    return this.indexed(edge) || /^\d+$/.test(this.strings[this.edgeNameOf[edge]!] ?? '')
  }

  edgeTo(edge: number): number {
    return this.edgeToOf[edge]!
  }

  /**
   * The node that `from`'s edge of this type and name leads to, if any: `edgeTarget(n,
   * 'property', 'prototype')`.
   */
  edgeTarget(from: number, type: string, name: string): number | undefined {
    const typeCode = this.edgeTypes.indexOf(type)
    const nameIndex = this.stringIndex(name)
    if (typeCode < 0 || nameIndex < 0 || typeCode === this.elementCode || typeCode === this.hiddenCode) return undefined
    for (let e = this.firstEdgeOf[from]!; e < this.firstEdgeOf[from + 1]!; e++) {
      if (this.edgeTypeOf[e] === typeCode && this.edgeNameOf[e] === nameIndex) return this.edgeToOf[e]
    }
    return undefined
  }

  /**
   * The node a property edge of this exact name leads to, from anywhere in the graph: how a
   * probe finds what it marked, under a property name no other object uses.
   */
  propertyTarget(name: string): number | undefined {
    const nameIndex = this.stringIndex(name)
    const property = this.edgeTypes.indexOf('property')
    if (nameIndex < 0) return undefined
    for (let e = 0; e < this.edgeToOf.length; e++) if (this.edgeNameOf[e] === nameIndex && this.edgeTypeOf[e] === property) return this.edgeToOf[e]
    return undefined
  }

  /** Index of a string in the snapshot's table (each string is there once), or -1. */
  private stringIndex(text: string): number {
    let index = this.stringIndexes.get(text)
    if (index === undefined) {
      index = this.strings.indexOf(text)
      this.stringIndexes.set(text, index)
    }
    return index
  }

  private indexed(edge: number): boolean {
    const type = this.edgeTypeOf[edge]
    return type === this.elementCode || type === this.hiddenCode
  }
}
