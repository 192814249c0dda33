import { describe, expect, test } from 'vitest'
import { benchTogether, expectCpu, expectHeap, expectLatency } from 'perfspec'

// A refactor that must not cost more: parsing a query string, written with split('=') before and
// with indexOf/slice now. The requirement, as the team wrote it down: at most 5 % more CPU per call
// and at most 10 % more memory per call than the old implementation, on whatever machine runs it.

function parseOld(query: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=')
    out[decodeURIComponent(key)] = decodeURIComponent(value)
  }
  return out
}

function parseNew(query: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=')
    out[decodeURIComponent(at < 0 ? pair : pair.slice(0, at))] = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1))
  }
  return out
}

const query = 'q=perf%20spec&page=2&sort=desc&tags=a%2Cb%2Cc&lang=en&debug'

describe('parseQuery()', () => {
  test('the new implementation costs at most 5 % more CPU and 10 % more memory per call than the old one', async () => {
    expect(parseNew(query)).toEqual(parseOld(query))
    // Measured together, in alternating blocks: a slow stretch of the machine falls on both.
    const { next, old } = await benchTogether({ next: () => parseNew(query), old: () => parseOld(query) }, { cpu: true, heap: true })

    expectCpu(next).perOp.toBeWithin('5%').of(old)
    expectHeap(next).bytesPerOp.toBeWithin('10%').of(old)
    expectLatency(next).p50.toBeWithin('5%').of(old)
    expectHeap(next).bytesPerOp.toBeLessThan('2KB')
  })
})
