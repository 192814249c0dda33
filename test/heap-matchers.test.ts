import { describe, expect, test } from 'vitest'
import { expectHeap, PerfAssertionError } from '../src/index'
import { getTestContext, setTestContext } from '../src/record/context'
import type { ExpectationEntry, RecordEntry } from '../src/model/entries'
import { fixedResult } from './support/fixed-result'

const withHeap = (bytesPerOp: number, growth: number) => fixedResult(0.05, { heap: { bytesPerOp, growth, readings: 7 } })

/** Runs `fn` inside a test context and returns what it recorded. */
function recorded(fn: () => void): ExpectationEntry[] {
  const previous = getTestContext()
  const entries: RecordEntry[] = []
  setTestContext({ file: 'a.test.ts', titlePath: ['t'], entries })
  try {
    fn()
  } finally {
    setTestContext(previous)
  }
  return entries as ExpectationEntry[]
}

describe('expectHeap', () => {
  test('bytes per call: the failure says what was measured, the limit and the miss', () => {
    expect(() => expectHeap(withHeap(1228.8, 0)).bytesPerOp.toBeLessThan('1KB')).toThrow(
      new PerfAssertionError('heap allocated per call of "cache.get" was 1.20 KB (median of 7 readings), expected < 1.00 KB (20% over)'),
    )
    expect(() => expectHeap(withHeap(512, 0)).bytesPerOp.toBeLessThan('1KB')).not.toThrow()
    expect(() => expectHeap(withHeap(1024, 0)).bytesPerOp.toBeLessThanOrEqual(1024)).not.toThrow()
    expect(() => expectHeap(withHeap(1024, 0)).bytesPerOp.toBeLessThan(1024)).toThrow(/expected < 1.00 KB/)
  })

  test('retained growth', () => {
    expect(() => expectHeap(withHeap(0, 80 * 1024)).growth.toBeLessThan('64KB')).toThrow(
      'retained heap growth of "cache.get" was 80.0 KB (after full collections), expected < 64.0 KB (25% over)',
    )
    expect(() => expectHeap(withHeap(0, -2048)).growth.toBeLessThanOrEqual('64KB')).not.toThrow()
  })

  test('outcomes are recorded as PASS, WARN (under 10 % headroom) and FAIL, in bytes', () => {
    const entries = recorded(() => {
      expectHeap(withHeap(100, 0)).bytesPerOp.toBeLessThan('1KB')
      expectHeap(withHeap(1000, 0)).bytesPerOp.toBeLessThan('1KB')
      expect(() => expectHeap(withHeap(0, 2 * 1024 ** 2)).growth.toBeLessThan('1MB')).toThrow(PerfAssertionError)
    })
    expect(entries.map((e) => [e.subject, e.comparator, e.actual, e.limit, e.unit, e.status])).toEqual([
      ['heap allocated per call', '<', 100, 1024, 'bytes', 'PASS'],
      ['heap allocated per call', '<', 1000, 1024, 'bytes', 'WARN'],
      ['retained heap growth', '<', 2 * 1024 ** 2, 1024 ** 2, 'bytes', 'FAIL'],
    ])
  })

  test('a result without heap figures is a TypeError saying to pass heap: true', () => {
    expect(() => expectHeap(fixedResult(0.05))).toThrow(TypeError)
    expect(() => expectHeap(fixedResult(0.05))).toThrow(`perfspec: expectHeap() needs a bench run with the "heap" option: bench('cache.get', fn, { heap: true })`)
    expect(() => expectHeap(Promise.resolve() as never)).toThrow(/await the bench first/)
  })

  test('bad limits are TypeErrors naming the limit and showing accepted sizes', () => {
    const m = expectHeap(withHeap(100, 0))
    expect(() => m.bytesPerOp.toBeLessThan('lots' as never)).toThrow(`perfspec: expectHeap(…).bytesPerOp.toBeLessThan() limit must be a size such as 64 (bytes), '64B', '16KB' or '50MB'; received "lots"`)
    expect(() => m.bytesPerOp.toBeLessThan(0)).toThrow('perfspec: expectHeap(…).bytesPerOp.toBeLessThan() limit must be above 0, as nothing counted is below 0; for none at all, write toBeLessThanOrEqual(0)')
    expect(() => m.growth.toBeLessThan('-lots' as never)).toThrow(/growth\.toBeLessThan\(\) limit must be a size such as/)
    expect(() => m.bytesPerOp.toBeLessThan(-1)).toThrow(TypeError)
    expect(() => (m as unknown as Record<string, unknown>).perOp).toThrow('perfspec: expectHeap(…) has no property "perOp"; valid properties: bytesPerOp, growth')
  })

  test('allocates nothing: bytesPerOp.toBeLessThanOrEqual(0) is a requirement a call can meet', () => {
    expect(() => expectHeap(withHeap(0, 0)).bytesPerOp.toBeLessThanOrEqual(0)).not.toThrow()
    expect(() => expectHeap(withHeap(16, 0)).bytesPerOp.toBeLessThanOrEqual(0)).toThrow(new PerfAssertionError('heap allocated per call of "cache.get" was 16 B (median of 7 readings), expected <= 0.0 B'))
  })

  test('growth is a difference that may read below 0: limits of 0 and below are accepted, and judged', () => {
    const entries = recorded(() => {
      expectHeap(withHeap(0, 0)).growth.toBeLessThanOrEqual(0)
      expectHeap(withHeap(0, -11_192)).growth.toBeLessThan(0)
      expectHeap(withHeap(0, -4096)).growth.toBeLessThan('-1KB')
      expectHeap(withHeap(0, -1100)).growth.toBeLessThanOrEqual(-1024)
      expect(() => expectHeap(withHeap(0, 10)).growth.toBeLessThanOrEqual(0)).toThrow(new PerfAssertionError('retained heap growth of "cache.get" was 10 B (after full collections), expected <= 0.0 B'))
      expect(() => expectHeap(withHeap(0, -100)).growth.toBeLessThan(-1024)).toThrow(new PerfAssertionError('retained heap growth of "cache.get" was -100 B (after full collections), expected < -1.00 KB'))
    })
    expect(entries.map((e) => [e.limit, e.status])).toEqual([
      [0, 'PASS'],
      [0, 'PASS'],
      [-1024, 'PASS'],
      [-1024, 'WARN'],
      [0, 'FAIL'],
      [-1024, 'FAIL'],
    ])
  })

  test('a figure that could not be measured fails and says why', () => {
    const entries = recorded(() => {
      expect(() => expectHeap(withHeap(Number.NaN, 0)).bytesPerOp.toBeLessThan('1KB')).toThrow(
        'heap allocated per call of "cache.get" could not be measured: a garbage collection ran during every reading, so a call allocates more than a reading can hold; expected < 1.00 KB',
      )
    })
    expect(entries.map((e) => e.status)).toEqual(['FAIL'])
  })
})
