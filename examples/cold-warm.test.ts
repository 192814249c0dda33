import { describe, expect, test } from 'vitest'
import { bench, expectLatency } from 'perfspec'

/** A read-through cache in front of a slow backend (about 1 ms away). */
class CachedUsers {
  private readonly cache = new Map<string, { id: string; name: string }>()
  backendCalls = 0

  async get(id: string): Promise<{ id: string; name: string }> {
    const hit = this.cache.get(id)
    if (hit) return hit
    const user = await this.fetchFromBackend(id)
    this.cache.set(id, user)
    return user
  }

  private async fetchFromBackend(id: string) {
    this.backendCalls += 1
    await new Promise((resolve) => setTimeout(resolve, 1))
    return { id, name: `user ${id}` }
  }
}

describe('CachedUsers', () => {
  test('warm reads are faster than cold ones', async () => {
    const users = new CachedUsers()
    // Cold pass: every call asks for a key never seen before, so every call misses.
    let next = 0
    const cold = await bench('get, cold (distinct keys)', () => users.get(`user-${next++}`), { time: '300ms', warmup: '50ms' })
    expect(users.backendCalls).toBe(next)

    // Warm pass over the same keys: all hits now.
    const keys = next
    let i = 0
    // A hit takes a few hundred ns, where a busy machine moves p95 by half from run to run: the
    // comparison with the cold pass below is this bench's check, not a baseline.
    const warm = await bench('get, warm (same keys)', () => users.get(`user-${i++ % keys}`), { time: '300ms', warmup: '50ms', baseline: false })
    expect(users.backendCalls).toBe(keys)

    // Compares the whole distributions, with confidence: not two means that noise can swap.
    expectLatency(warm).toBeFasterThan(cold, { by: '50%' })
    // The harness's own requirement, as written: warm p95 below cold p95.
    expectLatency(warm).p95.toBeLessThan(cold.latency.p95)
  })
})
