import v8 from 'node:v8'
import { describe, expect, it } from 'vitest'
import { parseSnapshot } from '../src/analyse/heap-snapshot.js'
import { minAdded } from '../src/measure/leak/snapshot-diff.js'

describe('heap snapshot parsing', () => {
  it('reads meta, nodes and strings of a real snapshot as JSON.parse does', async () => {
    const chunks: Buffer[] = []
    for await (const chunk of v8.getHeapSnapshot()) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString()
    const whole = JSON.parse(text) as ReturnType<typeof parseSnapshot>
    const parts = parseSnapshot(text)
    expect(parts.snapshot.meta).toEqual(whole.snapshot.meta)
    expect(parts.nodes).toEqual(whole.nodes)
    expect(parts.strings).toEqual(whole.strings)
    expect(parts.edges).toBeUndefined()
    expect(parseSnapshot(text, { edges: true }).edges).toEqual((whole as { edges?: number[] }).edges)
  })

  it('falls back to parsing the whole text when the layout is unexpected', () => {
    const odd = { strings: ['a'], nodes: [1, 2], snapshot: { meta: { node_fields: ['type'], node_types: [['object']] } } }
    expect(parseSnapshot(JSON.stringify(odd))).toEqual(odd)
  })

  it('names a kind only past 16 instances and one per 200 calls; strings past 64', () => {
    expect(minAdded(1000, 'Object')).toBe(16)
    expect(minAdded(10_000, 'Object')).toBe(50)
    expect(minAdded(1000, '(string)')).toBe(64)
  })
})
