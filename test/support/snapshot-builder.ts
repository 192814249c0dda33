import type { HeapSnapshot } from '../../src/analyse/heap-snapshot'

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape']
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']
const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness']

/**
 * Builds a heap snapshot in V8's format by hand: nodes by kind and name, edges by kind and name
 * (or index), in any order. Node 0 is the synthetic root, as in V8's snapshots.
 */
export class SnapshotBuilder {
  private readonly nodes: Array<{ type: string; name: string }> = [{ type: 'synthetic', name: '' }]
  private readonly edges: Array<{ from: number; type: string; name: string | number; to: number }> = []
  readonly root = 0

  node(type: string, name: string): number {
    this.nodes.push({ type, name })
    return this.nodes.length - 1
  }

  edge(from: number, type: string, name: string | number, to: number): this {
    this.edges.push({ from, type, name, to })
    return this
  }

  build(): HeapSnapshot {
    const strings: string[] = []
    const str = (s: string) => {
      const i = strings.indexOf(s)
      if (i >= 0) return i
      strings.push(s)
      return strings.length - 1
    }
    const nodes: number[] = []
    this.nodes.forEach((n, i) => {
      const count = this.edges.filter((e) => e.from === i).length
      nodes.push(NODE_TYPES.indexOf(n.type), str(n.name), i * 2 + 1, 16, count, 0, 0)
    })
    const edges: number[] = []
    for (let i = 0; i < this.nodes.length; i++) {
      for (const e of this.edges.filter((x) => x.from === i)) {
        const indexed = e.type === 'element' || e.type === 'hidden'
        edges.push(EDGE_TYPES.indexOf(e.type), indexed ? Number(e.name) : str(String(e.name)), e.to * NODE_FIELDS.length)
      }
    }
    return {
      snapshot: { meta: { node_fields: NODE_FIELDS, node_types: [NODE_TYPES], edge_fields: ['type', 'name_or_index', 'to_node'], edge_types: [EDGE_TYPES] } },
      nodes,
      edges,
      strings,
    }
  }
}
