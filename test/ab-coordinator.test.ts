import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { normal, seededRandom } from '../src/analyse/random'
import { SampleSet } from '../src/analyse/sample-set'
import { AbClient, CLOSED } from '../src/ab/client'
import { startCoordinator, type AbCoordinator } from '../src/ab/coordinator'
import { abSocketPath, type AbEnvironment } from '../src/ab/protocol'
import { sampleInTurns } from '../src/ab/sample-in-turns'
import { untilElapsed } from '../src/measure/stopping-rule'
import { systemClock } from '../src/measure/clock'
import type { AbSide } from '../src/model/ab'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-ab-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let runs = 0
const socketPath = () => abSocketPath(dir, `t${++runs}`)
const env = (socket: string, side: AbSide): AbEnvironment => ({ v: 1, socket, side, run: 'test' })

/** A fake side over the real socket: ready on each id in turn, answering turns with synthetic blocks (no timing). */
async function fakeSide(client: AbClient, ids: string[], typicalNs: () => number): Promise<string[]> {
  const endings: string[] = []
  for (const id of ids) {
    client.send({ t: 'ready', id, file: 'a.test.ts', titles: ['t'], name: id })
    for (;;) {
      const m = await client.next(id)
      if (m === CLOSED) {
        endings.push('closed')
        break
      }
      if (m.t === 'turn') client.send({ t: 'block', id, ops: 100, ns: 30e6, typicalNs: typicalNs() })
      else {
        endings.push(m.t === 'alone' ? `alone:${m.reason}` : 'stop')
        client.send({ t: 'end', id, typicalNs: typicalNs() })
        break
      }
    }
  }
  return endings
}

describe('the coordinator over a real socket', () => {
  let coordinator: AbCoordinator | undefined
  afterAll(() => coordinator?.close())

  test('two in-process fake sides: one benchmark paired to a verdict, one on one side only measured alone', async () => {
    const path = socketPath()
    const hellos: unknown[] = []
    const progress: string[] = []
    const placed: Array<[number, boolean]> = []
    coordinator = await startCoordinator({
      socketPath: path,
      gate: { metric: 'typical', threshold: 0.1 },
      partnerWaitMs: 200,
      random: seededRandom(1),
      onHello: (h) => hellos.push(h),
      onProgress: (p) => progress.push(p.status),
      onPairing: (pid, pairing) => placed.push([pid, pairing]),
    })
    coordinator.fileStarted('a.test.ts')
    const base = await AbClient.connect(env(path, 'base'))
    const head = await AbClient.connect(env(path, 'head'))
    const random = seededRandom(2)
    const [b, h] = await Promise.all([
      fakeSide(base, ['x', 'gone'], () => 1000 * Math.exp(0.03 * normal(random))),
      fakeSide(head, ['x'], () => 1200 * Math.exp(0.03 * normal(random))),
    ])
    expect(b).toEqual(['stop', 'alone:partner-timeout'])
    expect(h).toEqual(['stop'])
    // The last `end` may still be on its way.
    await vi.waitFor(() => expect(coordinator!.results()).toHaveLength(2))
    const [x, gone] = coordinator.results()
    expect(x).toMatchObject({ id: 'x', status: 'slower', file: 'a.test.ts', name: 'x' })
    expect(x!.pairs).toBeGreaterThanOrEqual(16)
    expect(gone).toMatchObject({ id: 'gone', status: 'alone', side: 'base', reason: 'partner-timeout' })
    expect(hellos).toEqual([expect.objectContaining({ side: 'base', v: 1, pid: process.pid }), expect.objectContaining({ side: 'head', v: 1 })])
    expect(progress.at(-1)).toBe('alone')
    expect(progress).toContain('slower')
    // Each side's process to the shared CPU as its turns begin, and back as they end; the benchmark measured alone moves nothing.
    expect(placed).toEqual([[process.pid, true], [process.pid, true], [process.pid, false], [process.pid, false]])
    base.close()
    head.close()
    await coordinator.close()
    coordinator = undefined
    expect(existsSync(path)).toBe(false)
  })

  test('a process started before its turn waits for the go of that turn; one whose turn has come goes at once', async () => {
    const path = socketPath()
    const hellos: boolean[] = []
    const c = await startCoordinator({ socketPath: path, onHello: (h) => hellos.push(h.holds) })
    c.fileStarted('b.test.ts', '1:b.test.ts')
    // The same file's next run (a fresh round) waits while this one runs.
    const early = await AbClient.connect(env(path, 'head'))
    early.send({ t: 'held', turn: '2:b.test.ts' })
    let went = false
    const going = early.next('').then((m) => ((went = true), m))
    await new Promise((r) => setTimeout(r, 50))
    expect(went).toBe(false)
    c.fileStarted('b.test.ts', '2:b.test.ts')
    expect(await going).toEqual({ t: 'go', id: '' })
    const late = await AbClient.connect(env(path, 'base'))
    late.send({ t: 'held', turn: '2:b.test.ts' })
    expect(await late.next('')).toEqual({ t: 'go', id: '' })
    // Only a process whose runner adapter's setup waits for the turn says it can (not this one).
    expect(hellos).toEqual([false, false])
    early.close()
    late.close()
  })

  test('sideEnded ends a wait at once, the partner wait ends the next, close ends the rest', async () => {
    const path = socketPath()
    const c = await startCoordinator({ socketPath: path, partnerWaitMs: 100 })
    const head = await AbClient.connect(env(path, 'head'))
    head.send({ t: 'ready', id: 'x', file: 'a.test.ts', titles: ['t'], name: 'x' })
    await new Promise((r) => setTimeout(r, 20))
    c.sideEnded('base')
    expect(await head.next('x')).toEqual({ t: 'alone', id: 'x', reason: 'partner-ended' })
    c.fileStarted('b.test.ts')
    head.send({ t: 'ready', id: 'y', file: 'b.test.ts', titles: ['t'], name: 'y' })
    expect(await head.next('y')).toEqual({ t: 'alone', id: 'y', reason: 'partner-timeout' })
    head.send({ t: 'ready', id: 'z', file: 'b.test.ts', titles: ['t'], name: 'z' })
    const waiting = head.next('z')
    await c.close()
    // Told to measure alone, or the connection closed before the ready arrived: either way the wait ends.
    const last = await waiting
    expect(last === CLOSED || last.t === 'alone').toBe(true)
    expect(await head.next('later')).toBe(CLOSED)
  })

  test('bench sampling in turns on both sides, real blocks of a real function (no timing asserted)', async () => {
    const path = socketPath()
    const c = await startCoordinator({ socketPath: path, blockMs: 2, timeCapMs: 150, partnerWaitMs: 2000 })
    c.fileStarted('a.test.ts')
    const fn = () => JSON.parse('[1,2,3,{"a":4}]')
    const plan = { warmup: 5, clock: systemClock, stoppingRule: untilElapsed(20) }
    const sides = await Promise.all((['base', 'head'] as const).map(async (side) => {
      const client = await AbClient.connect(env(path, side))
      const samples = new SampleSet()
      const outcome = await sampleInTurns(fn, plan, samples, { id: 'parse', file: 'a.test.ts', titles: ['t'], name: 'parse' }, async () => client)
      return { samples, outcome, client }
    }))
    for (const { samples, outcome } of sides) {
      expect(samples.count).toBeGreaterThan(0)
      expect(outcome.ops).toBeGreaterThan(0)
      expect(outcome.sampleTime).toBeGreaterThan(0)
    }
    await vi.waitFor(() => expect(c.results()).toHaveLength(1))
    const [r] = c.results()
    expect(r!.id).toBe('parse')
    expect(r!.pairs).toBeGreaterThan(0)
    expect(r!.base.n).toBeGreaterThan(0)
    expect(r!.head.n).toBeGreaterThan(0)
    for (const { client } of sides) client.close()
    await c.close()
  })

  test('a worker of another protocol version is told apart and cut off', async () => {
    const path = socketPath()
    const errors: string[] = []
    const c = await startCoordinator({ socketPath: path, onProtocolError: (e) => errors.push(e.message) })
    const client = await AbClient.connect(env(path, 'base'))
    ;(client as unknown as { socket: { write(s: string): void } }).socket.write('{"t":"hello","v":2,"side":"base","pid":1,"perfspec":"9.0.0"}\nnot json\n')
    expect(await client.next('x')).toBe(CLOSED)
    expect(errors.join('\n')).toMatch(/protocol version 2, not 1/)
    await c.close()
  })

  test('a stale socket file is replaced; a live one or any other file at the path is refused, and left', async () => {
    const stale = socketPath()
    const old = createServer()
    await new Promise<void>((r) => old.listen(stale, r))
    await expect(startCoordinator({ socketPath: stale })).rejects.toThrow(/another process listens/)
    await new Promise((r) => old.close(r))
    // A killed run leaves its socket file behind, with no one listening.
    const killed = socketPath()
    spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(killed)}, () => process.kill(process.pid, 'SIGKILL'))`])
    expect(existsSync(killed)).toBe(true)
    const c = await startCoordinator({ socketPath: killed })
    await c.close()
    const path = socketPath()
    writeFileSync(path, 'mine')
    await expect(startCoordinator({ socketPath: path })).rejects.toThrow(/exists and is not a socket; it is left as it is/)
    expect(existsSync(path)).toBe(true)
  })

  test('bad options are TypeErrors naming the option, with an example', async () => {
    await expect(startCoordinator({ socketPath: '' })).rejects.toThrow(/"socketPath".*accepted: startCoordinator/)
    await expect(startCoordinator({ socketPath: socketPath(), gate: { metric: 'p42' as 'p50', threshold: 0.1 } })).rejects.toThrow(TypeError)
    await expect(startCoordinator({ socketPath: socketPath(), gate: { metric: 'typical', threshold: 10 } })).rejects.toThrow(/"threshold" 10/)
    await expect(startCoordinator({ socketPath: socketPath(), screen: 1 })).rejects.toThrow(/option "screen" 1 is not a confidence in \(0, 1\)/)
    await expect(startCoordinator({ socketPath: socketPath(), timeCapMs: -1 })).rejects.toThrow(/"timeCapMs"/)
  })
})

describe('a benchmark stopped while it waits for its turn', () => {
  test('rejects with the stop, tells the coordinator it was aborted, and leaves nothing waiting', async () => {
    const path = socketPath()
    const c = await startCoordinator({ socketPath: path, partnerWaitMs: 60_000 })
    const client = await AbClient.connect(env(path, 'head'))
    const controller = new AbortController()
    const fn = () => Math.sqrt(2)
    const plan = { warmup: 2, clock: systemClock, stoppingRule: untilElapsed(10), signal: controller.signal }
    const measuring = sampleInTurns(fn, plan, new SampleSet(), { id: 'x', file: 'a.test.ts', titles: ['t'], name: 'x' }, async () => client)
    setTimeout(() => controller.abort(new Error('test timed out')), 50)
    await expect(measuring).rejects.toThrow(/stopped before it finished: test timed out/)
    expect((client as unknown as { waiters: Map<string, unknown> }).waiters.size).toBe(0)
    // The coordinator drops it: no comparison, no wait left.
    await new Promise((r) => setTimeout(r, 20))
    expect(c.results()).toEqual([])
    client.close()
    await c.close()
  })
})
