import { describe, expect, test } from 'vitest'
import { bench, expectLatency } from 'perfspec'

// A document of a realistic size for an API response (~30 KB), so each call is long enough
// to be timed on its own (per call), unlike the sub-microsecond cache benches.
const doc = {
  items: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b', 'c'], price: i * 1.25, stock: { warehouse: i % 7, shelf: `s-${i % 13}` } })),
}
const text = JSON.stringify(doc)

describe('JSON of an API response', () => {
  test('parse stays under 5 ms', async () => {
    const r = await bench('JSON.parse 30KB', () => JSON.parse(text))
    expect(JSON.parse(text).items).toHaveLength(300)
    expectLatency(r).p95.toBeLessThan('5ms')
  })

  test('stringify stays under 5 ms', async () => {
    const r = await bench('JSON.stringify 30KB', () => JSON.stringify(doc))
    expectLatency(r).p95.toBeLessThan('5ms')
  })
})
