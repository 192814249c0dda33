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
    // The slowest calls in a hundred take what the machine gives them: on a shared machine with
    // another job busy, a garbage collection or a descheduled thread lands there. A budget for
    // them is a bound on stalls, far above the typical call.
    expectLatency(r).p99.toBeLessThan('1ms')
    expectThroughput(r).toBeGreaterThan('50k/s')
  })

  test('encode meets its latency budget', async () => {
    const r = await bench('encodeOrder', () => encodeOrder(order))
    expectLatency(r).p95.toBeLessThan('20us')
  })
})
