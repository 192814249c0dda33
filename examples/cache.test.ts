import { describe, expect, test } from 'vitest'
import { bench, expectLatency, expectThroughput } from 'perfspec'
import { LruCache } from './cache'

describe('LruCache', () => {
  const cache = new LruCache<string, number>(1_000)
  for (let i = 0; i < 1_000; i++) cache.set(`key-${i}`, i)

  test('get is fast', async () => {
    const r = await bench('cache.get hit', () => cache.get('key-500'))
    expect(cache.get('key-500')).toBe(500)
    expectLatency(r).p95.toBeLessThan('50us') // strings carry units
    expectLatency(r).p99.toBeLessThan(0.2) // plain numbers are milliseconds
    expectThroughput(r).toBeGreaterThan('100k/s')
  })

  test('set with eviction stays fast', async () => {
    let n = 0
    const r = await bench('cache.set evicting', () => cache.set(`new-${n++}`, n))
    expect(cache.size).toBe(1_000)
    expectLatency(r).mean.toBeLessThan('20us')
  })
})
