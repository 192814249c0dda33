/**
 * The cases of the `expectCollected` benchmark: four ways real code keeps an object it should
 * have let go (each with the holder its failure message must name), and objects that are let go,
 * some in ways that look like holding (a WeakMap, an await, a listener or timer removed). Each
 * case builds its object in a factory, as a test would, so that a fresh process holds only the
 * state of the one it runs.
 */
import { EventEmitter } from 'node:events'
import { collectable, type Collectable } from '../src/assert/collectable.js'

export class Thing {
  constructor(readonly label: string) {}
}

export interface Case {
  name: string
  /** Whether the object stays reachable: the check must fail. */
  retained: boolean
  /** What the failure message must name as the holder. */
  holder?: RegExp
  /** Makes the object and returns what `expectCollected` gets: a factory or a handle. */
  make: () => Promise<(() => unknown) | Collectable>
}

// Module-level holders, as in the code under test.
const registry: Thing[] = []
const cache = new Map<string, Thing>()
const bus = new EventEmitter()
const target = new EventTarget()
const weak = new WeakMap<object, unknown>()

export const CASES: Case[] = [
  {
    name: 'module-level array',
    retained: true,
    holder: /\(module\) registry: Array → \[\d+\]: Thing$/,
    make: async () => () => {
      const thing = new Thing('array')
      registry.push(thing)
      return thing
    },
  },
  {
    name: 'EventEmitter listener never removed',
    retained: true,
    holder: /\(module\) bus: EventEmitter → _events: Object → data: onData\(\) → thing: Thing$/,
    make: async () => () => {
      const thing = new Thing('emitter')
      bus.on('data', function onData() {
        return thing.label
      })
      return thing
    },
  },
  {
    name: 'EventTarget listener never removed',
    retained: true,
    holder: /\(module\) target: EventTarget → .* listener: onPing\(\) → thing: Thing$/,
    make: async () => () => {
      const thing = new Thing('target')
      target.addEventListener('ping', function onPing() {
        return thing.label
      })
      return thing
    },
  },
  {
    name: 'unbounded cache (Map)',
    retained: true,
    holder: /\(module\) cache: Map → entry: Thing$/,
    make: async () => () => {
      const thing = new Thing('cached')
      cache.set('key', thing)
      return thing
    },
  },
  {
    name: 'pending timer holding a closure',
    retained: true,
    holder: /Timeout → _onTimeout: later\(\) → thing: Thing$/,
    make: async () => () => {
      const thing = new Thing('timer')
      setTimeout(function later() {
        return thing.label
      }, 600_000).unref()
      return thing
    },
  },
  { name: 'released object', retained: false, make: async () => () => new Thing('free') },
  {
    name: 'only a WeakMap key',
    retained: false,
    make: async () => () => {
      const thing = new Thing('key')
      weak.set(thing, { payload: new Array(64).fill(1) })
      return thing
    },
  },
  {
    name: 'a WeakMap value whose key is let go',
    retained: false,
    make: async () => () => {
      const thing = new Thing('value')
      weak.set({}, thing)
      return thing
    },
  },
  {
    name: 'let go after an await',
    retained: false,
    make: async () => {
      let thing: Thing | undefined = new Thing('awaited')
      const handle = collectable(thing)
      await new Promise((resolve) => setTimeout(resolve, 1))
      thing.label.toUpperCase()
      thing = undefined
      return handle
    },
  },
  {
    name: 'listener removed',
    retained: false,
    make: async () => () => {
      const thing = new Thing('unsubscribed')
      const onData = () => thing.label
      bus.on('data', onData)
      bus.off('data', onData)
      return thing
    },
  },
  {
    name: 'timer cleared',
    retained: false,
    make: async () => () => {
      const thing = new Thing('cleared')
      clearTimeout(setTimeout(() => thing.label, 600_000))
      return thing
    },
  },
  {
    name: 'cache entry deleted',
    retained: false,
    make: async () => () => {
      const thing = new Thing('evicted')
      cache.set('evicted', thing)
      cache.delete('evicted')
      return thing
    },
  },
]
