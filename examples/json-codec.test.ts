import { describe, expect, test } from 'vitest'
import { bench, expectLatency, expectThroughput } from 'perfspec'
import { decodeOrder, encodeOrder, sampleOrder } from './json-codec'

describe('order codec', () => {
  const order = sampleOrder(42)
  const text = encodeOrder(order)

  test('round trip is lossless', () => {
    expect(decodeOrder(text)).toEqual(order)
  })

  test('decode meets its latency budget', async () => {
    // Return the decoded value: perfspec keeps it, so the work cannot be optimised away.
    const r = await bench('decodeOrder', () => decodeOrder(text))
    expectLatency(r).p50.toBeLessThan('20us')
    expectLatency(r).p99.toBeLessThan('200us')
    expectThroughput(r).toBeGreaterThan('50k/s')
  })

  test('encode meets its latency budget', async () => {
    const r = await bench('encodeOrder', () => encodeOrder(order))
    expectLatency(r).p95.toBeLessThan('20us')
  })
})
