import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { bench, expectLatency, expectThroughput } from 'perfspec'

const compress = promisify(gzip)

/** Uploads records in batches: each batch is serialised and compressed (on libuv's thread pool) and stored. */
class BlobStore {
  readonly blobs: Buffer[] = []

  async uploadBatch(records: readonly object[]): Promise<number> {
    const blob = await compress(records.map((r) => JSON.stringify(r)).join('\n'))
    this.blobs.push(blob)
    if (this.blobs.length > 100) this.blobs.shift() // keep memory bounded while benchmarking
    return blob.length
  }
}

const BATCH = 200
const records = Array.from({ length: BATCH }, (_, i) => ({ id: i, email: `user${i}@example.com`, plan: i % 3 ? 'free' : 'pro', tags: ['a', 'b'] }))

describe('BlobStore.uploadBatch', () => {
  test('per-item figures beside per-call ones', async () => {
    const store = new BlobStore()
    // Four compressions in flight share libuv's thread pool with whatever else the machine runs:
    // on a shared 2-core runner its p95 moved by 2x to 5x between runs minutes apart, so a
    // committed baseline cannot gate it there. The expectations below still hold it to its budget.
    const r = await bench(`upload a batch of ${BATCH}`, () => store.uploadBatch(records), { items: BATCH, concurrency: 4, time: '500ms', warmup: '100ms', baseline: false })
    // Per call (one batch):
    expectLatency(r).p95.toBeLessThan('100ms')
    expectThroughput(r).toBeGreaterThan('20/s')
    // Per item: the figure a capacity plan needs ("records per second").
    expect(r.perItem!.items).toBe(BATCH)
    expect(r.perItem!.throughput.mean).toBeGreaterThan(4_000)
    expect(r.perItem!.latency.p95).toBeLessThan(0.5) // ms per record
  })
})
