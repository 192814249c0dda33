/** A small LRU cache: the code under test in `cache.test.ts`. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>()

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key)
    if (value === undefined) return undefined
    // Re-insert so the key becomes the most recently used.
    this.map.delete(key)
    this.map.set(key, value)
    return value
  }

  set(key: K, value: V): void {
    if (this.map.has(key)) this.map.delete(key)
    else if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value as K)
    this.map.set(key, value)
  }

  get size(): number {
    return this.map.size
  }
}
