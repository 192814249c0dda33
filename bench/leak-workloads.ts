/**
 * The workloads of the leak-detection benchmark: five that retain memory on every call (or
 * every 10th or 100th) and five that only churn. Each is a factory, so a fresh process builds
 * only the state of the one it runs.
 */
export interface Workload {
  name: string
  leaks: boolean
  make: () => () => unknown
}

/** Keeps a 3-field object every `every` calls, forever. */
function keepObjectEvery(every: number): () => () => unknown {
  return () => {
    const kept: Array<{ a: number; b: number; c: number }> = []
    let n = 0
    return () => {
      n += 1
      if (n % every === 0) kept.push({ a: n, b: n + 1, c: n + 2 })
    }
  }
}

const listeners: Array<() => number> = []

class Point {
  #x: number
  #y: number
  constructor(x: number, y: number) {
    this.#x = x
    this.#y = y
  }
  norm(): number {
    return Math.hypot(this.#x, this.#y)
  }
}

/** A least-recently-used cache on a `Map`'s insertion order, holding at most `limit` keys. */
class LruCache<V> {
  private readonly map = new Map<string, V>()
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key)
    if (value !== undefined) {
      this.map.delete(key)
      this.map.set(key, value)
    }
    return value
  }
  set(key: string, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!)
  }
}

export const WORKLOADS: Workload[] = [
  { name: '3-field object kept per call', leaks: true, make: keepObjectEvery(1) },
  { name: '3-field object kept per 10 calls', leaks: true, make: keepObjectEvery(10) },
  { name: '3-field object kept per 100 calls', leaks: true, make: keepObjectEvery(100) },
  {
    name: 'closure pushed on a module array',
    leaks: true,
    make: () => {
      let n = 0
      return () => {
        const id = n++
        listeners.push(() => id)
      }
    },
  },
  {
    name: 'async results kept in an array',
    leaks: true,
    make: () => {
      const results: number[][] = []
      return async () => {
        const value = await Promise.resolve([results.length])
        results.push(value)
      }
    },
  },
  {
    name: 'JSON round trip',
    leaks: false,
    make: () => {
      const doc = { id: 1, tags: ['a', 'b'], nested: { ok: true, n: 3.5 } }
      return () => JSON.parse(JSON.stringify(doc))
    },
  },
  {
    name: 'LRU cache bounded at 1,000',
    leaks: false,
    make: () => {
      const cache = new LruCache<{ n: number }>(1000)
      let n = 0
      return () => {
        n += 1
        const key = `k${n % 5000}`
        if (!cache.get(key)) cache.set(key, { n })
      }
    },
  },
  {
    name: 'await setTimeout(0)',
    leaks: false,
    make: () => () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  },
  {
    name: 'Float64Array churn',
    leaks: false,
    make: () => () => {
      const a = new Float64Array(256)
      for (let i = 0; i < a.length; i++) a[i] = i * 0.5
      return a[255]
    },
  },
  {
    name: 'class instances with private fields',
    leaks: false,
    make: () => {
      let n = 0
      return () => new Point(n++, 1).norm()
    },
  },
]
