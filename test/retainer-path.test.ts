import { describe, expect, it } from 'vitest'
import { HeapGraph } from '../src/analyse/heap-graph.js'
import { commonPath, instancesOf } from '../src/analyse/heap-instances.js'
import { describePath, pathTo, retainerTree } from '../src/analyse/retainer-path.js'
import { SnapshotBuilder } from './support/snapshot-builder.js'

/** The path the walk chooses from the root to `node`, as the failure message writes it. */
function pathText(b: SnapshotBuilder, node: number): string | undefined {
  const graph = new HeapGraph(b.build())
  const edges = pathTo(retainerTree(graph), node)
  return edges && describePath(graph, edges)
}

/** V8's root lists, then a module's top-level scope (its `previous` is the realm's own). */
function moduleScope(b: SnapshotBuilder): number {
  const gcRoots = b.node('synthetic', '(GC roots)')
  const stack = b.node('synthetic', '(Stack roots)')
  const native = b.node('hidden', 'system / NativeContext')
  const scope = b.node('object', 'system / Context')
  b.edge(b.root, 'element', 1, gcRoots).edge(gcRoots, 'element', 7, stack).edge(stack, 'internal', 32, scope).edge(scope, 'internal', 'previous', native)
  return scope
}

describe('retainer paths on a synthetic heap', () => {
  it('names a module-level Map and leaves out its hash table', () => {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const map = b.node('object', 'Map')
    const table = b.node('array', '')
    const thing = b.node('object', 'Thing')
    b.edge(scope, 'context', 'cache', map).edge(map, 'internal', 'table', table).edge(table, 'internal', 6, thing)
    expect(pathText(b, thing)).toBe('(module) cache: Map → entry: Thing')
  })

  it('names an array element and a listener closure and the variable it captured', () => {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const bus = b.node('object', 'EventEmitter')
    const events = b.node('object', 'Object')
    const onData = b.node('closure', 'onData')
    const closureScope = b.node('object', 'system / Context')
    const thing = b.node('object', 'Thing')
    b.edge(scope, 'context', 'bus', bus).edge(bus, 'property', '_events', events).edge(events, 'property', 'data', onData)
    b.edge(onData, 'internal', 'context', closureScope).edge(closureScope, 'internal', 'previous', scope).edge(closureScope, 'context', 'thing', thing)
    expect(pathText(b, thing)).toBe('(module) bus: EventEmitter → _events: Object → data: onData() → thing: Thing')

    const list = b.node('object', 'Array')
    const other = b.node('object', 'Thing')
    b.edge(scope, 'context', 'registry', list).edge(list, 'element', 3, other)
    expect(pathText(b, other)).toBe('(module) registry: Array → [3]: Thing')
  })

  it('skips weak edges: an object held only by a WeakRef or a WeakMap key has no path', () => {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const ref = b.node('object', 'WeakRef')
    const thing = b.node('object', 'Thing')
    b.edge(scope, 'context', 'ref', ref).edge(ref, 'weak', 'target', thing)
    expect(pathText(b, thing)).toBeUndefined()
  })

  it("prefers a longer path through the program's objects to a shorter one through the engine's code", () => {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const cache = b.node('synthetic', '(Compilation cache)')
    const code = b.node('code', 'system / FeedbackVector')
    const holder = b.node('object', 'Holder')
    const list = b.node('object', 'Array')
    const thing = b.node('object', 'Thing')
    b.edge(b.root, 'element', 2, cache).edge(cache, 'internal', 0, code).edge(code, 'internal', 1, thing)
    b.edge(scope, 'context', 'holder', holder).edge(holder, 'property', 'items', list).edge(list, 'element', 0, thing)
    expect(pathText(b, thing)).toBe('(module) holder: Holder → items: Array → [0]: Thing')
  })

  it("names the variables of a block scope (Vitest's module wrapper) from its ScopeInfo", () => {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const info = b.node('code', 'system / ScopeInfo')
    b.edge(scope, 'internal', 'scope_info', info)
    const names = ['limit', 'Thing', 'cache', 'helper'].map((n) => b.node('string', n))
    names.forEach((n, i) => b.edge(info, 'hidden', i, n))
    // `limit` holds a small integer: no edge, so the slots are one fewer than the names; the
    // class and the function named as their variables say which slots are which.
    const thingClass = b.node('closure', 'Thing')
    const map = b.node('object', 'Map')
    const helper = b.node('closure', 'helper')
    b.edge(scope, 'hidden', 0, thingClass).edge(scope, 'hidden', 1, map).edge(scope, 'hidden', 2, helper)
    const table = b.node('array', '')
    const thing = b.node('object', 'Thing')
    b.edge(map, 'internal', 'table', table).edge(table, 'internal', 3, thing)
    expect(pathText(b, thing)).toBe('(module) cache: Map → entry: Thing')
  })

  it('leaves a block-scope slot unnamed when slots and names cannot be matched for certain', () => {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const info = b.node('code', 'system / ScopeInfo')
    b.edge(scope, 'internal', 'scope_info', info)
    // Three names, two slots, no anchor: any of the three may be the small integer.
    const map = b.node('object', 'Map')
    const thing = b.node('object', 'Thing')
    ;['a', 'b', 'c'].forEach((n, i) => b.edge(info, 'hidden', i, b.node('string', n)))
    b.edge(scope, 'hidden', 0, b.node('object', 'Object')).edge(scope, 'hidden', 1, map).edge(map, 'property', 'x', thing)
    expect(pathText(b, thing)).toBe('Map → x: Thing')
  })

  it('starts at the innermost suspended function that holds the object in a variable', () => {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const outer = b.node('object', 'Generator')
    const promise = b.node('object', 'Promise')
    const reaction = b.node('closure', '')
    const inner = b.node('object', 'Generator')
    const fn = b.node('closure', 'handler')
    const registers = b.node('array', '')
    const thing = b.node('object', 'Thing')
    b.edge(scope, 'context', 'pending', outer).edge(outer, 'property', 'awaiting', promise).edge(promise, 'internal', 'reactions_or_result', reaction)
    b.edge(reaction, 'internal', 'extension', inner).edge(inner, 'internal', 'function', fn).edge(inner, 'internal', 'parameters_and_registers', registers).edge(registers, 'internal', 4, thing)
    expect(pathText(b, thing)).toBe('suspended function handler → variable: Thing')
  })

  it('shortens a long path with no anchor to its head and tail', () => {
    const b = new SnapshotBuilder()
    const handles = b.node('synthetic', '(Global handles)')
    b.edge(b.root, 'element', 3, handles)
    let at = b.node('object', 'Node0')
    b.edge(handles, 'internal', 0, at)
    for (let i = 1; i <= 12; i++) {
      const next = b.node('object', `Node${i}`)
      b.edge(at, 'property', `p${i}`, next)
      at = next
    }
    expect(pathText(b, at)).toBe('Node0 → p1: Node1 → … → p7: Node7 → p8: Node8 → p9: Node9 → p10: Node10 → p11: Node11 → p12: Node12')
  })
})

describe('instances of a class in a synthetic heap', () => {
  function classes() {
    const b = new SnapshotBuilder()
    const scope = moduleScope(b)
    const A = b.node('closure', 'A')
    const protoA = b.node('object', 'Object')
    const B = b.node('closure', 'B')
    const protoB = b.node('object', 'A')
    const objectProto = b.node('object', 'Object')
    b.edge(A, 'property', 'prototype', protoA).edge(B, 'property', 'prototype', protoB).edge(protoB, 'property', '__proto__', protoA).edge(protoA, 'property', '__proto__', objectProto)
    b.edge(scope, 'context', 'A', A).edge(scope, 'context', 'B', B)
    const list = b.node('object', 'Array')
    b.edge(scope, 'context', 'sessions', list)
    return { b, scope, A, list, protoA, protoB, objectProto }
  }

  it("counts instances and subclasses' instances, not the subclass's prototype", () => {
    const { b, A, list, protoA, protoB, objectProto } = classes()
    const a1 = b.node('object', 'A')
    const b1 = b.node('object', 'B')
    const plain = b.node('object', 'Object')
    b.edge(a1, 'property', '__proto__', protoA).edge(b1, 'property', '__proto__', protoB).edge(plain, 'property', '__proto__', objectProto)
    b.edge(list, 'element', 0, a1).edge(list, 'element', 1, b1).edge(list, 'element', 2, plain)
    const graph = new HeapGraph(b.build())
    expect(instancesOf(graph, A).sort()).toEqual([a1, b1].sort())
  })

  it('gives the path most instances share, with how many share it', () => {
    const { b, scope, A, list, protoA } = classes()
    const kept = [0, 1, 2].map((i) => {
      const s = b.node('object', 'A')
      b.edge(s, 'property', '__proto__', protoA).edge(list, 'element', i, s)
      return s
    })
    const single = b.node('object', 'A')
    b.edge(single, 'property', '__proto__', protoA).edge(scope, 'context', 'current', single)
    const graph = new HeapGraph(b.build())
    const instances = instancesOf(graph, A)
    expect(instances).toHaveLength(4)
    const shared = commonPath(graph, retainerTree(graph), instances)
    expect(shared?.held).toBe(3)
    expect(describePath(graph, shared!.edges)).toBe(`(module) sessions: Array → [${kept.indexOf(instances.find((n) => kept.includes(n))!)}]: A`)
  })
})
