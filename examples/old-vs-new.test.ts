import { describe, expect, test } from 'vitest'
import { bench, expectCpu, expectLatency } from 'perfspec'

// Two implementations of the same function: the old one scans what it has kept so far for
// every input (quadratic), the new one remembers what it has seen in a Set (linear).

function uniqueOld(values: readonly string[]): string[] {
  const out: string[] = []
  for (const v of values) if (!out.includes(v)) out.push(v)
  return out
}

function uniqueNew(values: readonly string[]): string[] {
  return [...new Set(values)]
}

const input = Array.from({ length: 1_000 }, (_, i) => `tag-${(i * 7919) % 600}`)

describe('unique()', () => {
  test('the new implementation is faster and uses less CPU per call', async () => {
    expect(uniqueNew(input)).toEqual(uniqueOld(input))
    const old = await bench('unique, old (includes)', () => uniqueOld(input), { cpu: true })
    const next = await bench('unique, new (Set)', () => uniqueNew(input), { cpu: true })

    expectLatency(next).toBeFasterThan(old, { by: '50%' })
    // CPU per call, measured with process.cpuUsage() over the sampling phase.
    expectCpu(next).perOp.toBeLessThan(old.cpu!.perOp)
  })
})
