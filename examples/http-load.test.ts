import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { bench, expectErrors, expectLatency, expectThroughput } from 'perfspec'

// A k6-style load test as an ordinary test: the server under test runs on the loopback
// interface on a free port, and `fetch` loads it. One request in 500 fails on purpose, to show
// that failures under load are counted (and asserted on), not thrown.

let server: Server
let base = ''
let requests = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    if (++requests % 500 === 0) {
      res.writeHead(503).end()
      return
    }
    const items = Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}`, path: req.url }))
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections() // fetch keeps connections alive
  await new Promise((resolve) => server.close(resolve))
})

async function getItems(): Promise<unknown> {
  const response = await fetch(`${base}/items`)
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return response.json()
}

describe('GET /items under load', () => {
  // The limits are generous on purpose: this runs on shared CI machines. A load test's latency
  // measures the machine as much as the server, so it is gated by these limits, not a baseline.
  test('50 concurrent clients (closed model)', async () => {
    const r = await bench('GET /items, 50 concurrent', getItems, { concurrency: 50, time: '1s', warmup: '200ms', baseline: false })
    // 50 clients share the server's one thread, and the machine's cores with whatever else runs:
    // each waits for the 49 others, so the bound scales with the machine, not with one request.
    expectLatency(r).p95.toBeLessThan('1s')
    expectLatency(r).p99.toBeLessThan('2s')
    expectErrors(r).rate.toBeLessThan('1%')
    expectThroughput(r).toBeGreaterThan('100/s')
  })

  test('200 requests per second on schedule (open model)', async () => {
    // Latency runs from each request's scheduled start, so a stall of the server would show in
    // the p99 here even though the closed model above would hide it.
    const r = await bench('GET /items at 200/s', getItems, { rate: '200/s', duration: '1s', warmup: '100ms', maxInFlight: 100, baseline: false })
    expectLatency(r).p95.toBeLessThan('500ms')
    expectLatency(r).p99.toBeLessThan('1s')
    expectErrors(r).rate.toBeLessThan('1%')
  })
})
