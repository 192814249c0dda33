import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest'
import { bench } from '../src/bench'
import { AbClient, CLOSED } from '../src/ab/client'
import { startCoordinator } from '../src/ab/coordinator'
import { AB_ENV, abSocketPath, encodeAbEnvironment } from '../src/ab/protocol'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-ab-bench-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => {
  delete process.env[AB_ENV]
  vi.restoreAllMocks()
})

describe('bench() under perfspec ab (PERFSPEC_AB set)', () => {
  test('takes turns with the other side through the coordinator, and returns its own measurement; its own gate (baseline option) goes with it', async () => {
    const socket = abSocketPath(dir, 'bench')
    const c = await startCoordinator({ socketPath: socket, blockMs: 2, timeCapMs: 200 })
    c.fileStarted('')
    process.env[AB_ENV] = encodeAbEnvironment({ v: 1, socket, side: 'head', run: 'r' })
    // The base side, played in this process: answers every turn with a block of its own.
    const base = await AbClient.connect({ v: 1, socket, side: 'base', run: 'r' })
    base.send({ t: 'ready', id: 'parse', file: '', titles: [], name: 'parse' })
    const partner = (async () => {
      let blocks = 0
      for (;;) {
        const m = await base.next('parse')
        if (m === CLOSED || m.t !== 'turn') return blocks
        blocks++
        base.send({ t: 'block', id: 'parse', ops: 10, ns: 2e6, typicalNs: 200 })
      }
    })()
    const r = await bench('parse', () => JSON.parse('[1,2,3]'), { time: '50ms', warmup: '10ms', baseline: { threshold: '30%' } })
    expect(r.samples).toBeGreaterThan(0)
    expect(r.ops).toBeGreaterThan(0)
    expect(await partner).toBeGreaterThan(0)
    await vi.waitFor(() => expect(c.results()).toHaveLength(1))
    expect(c.results()[0]).toMatchObject({ id: 'parse', name: 'parse', threshold: 0.3 })
    expect(c.results()[0]!.pairs).toBeGreaterThan(0)
    base.close()
    await c.close()
  })

  test('with no coordinator to reach: warns once, measures alone', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    process.env[AB_ENV] = encodeAbEnvironment({ v: 1, socket: abSocketPath(dir, 'nobody'), side: 'base', run: 'r' })
    const a = await bench('a', () => Math.sqrt(2), { time: '20ms', warmup: false })
    const b = await bench('b', () => Math.sqrt(3), { time: '20ms', warmup: false })
    expect(a.samples).toBeGreaterThan(0)
    expect(b.samples).toBeGreaterThan(0)
    const abWarnings = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith('perfspec ab:'))
    expect(abWarnings).toHaveLength(1)
    expect(abWarnings[0]).toMatch(/cannot reach the coordinator.*measure alone/)
  })

  test('a PERFSPEC_AB that is not an A/B environment is a TypeError naming it', async () => {
    process.env[AB_ENV] = '{"v":1}'
    await expect(bench('c', () => 1, { time: '10ms', warmup: false })).rejects.toThrow(/PERFSPEC_AB has no "socket"/)
  })
})
