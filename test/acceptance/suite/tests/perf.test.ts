/**
 * perfspec's runner-agnostic acceptance suite: the same file runs under Vitest 4 and 5 (with
 * `globals: true`) and under Jest 29 and 30 (TypeScript through ts-jest, so `import` becomes
 * `require` and the CommonJS build is what runs). `run-matrix.mjs` drives it.
 *
 * `PERFSPEC_ACCEPTANCE_SLOW=1` makes the "spin" benchmark ten times slower, so the second run
 * of each runner must fail the baseline gate. Its limits are loose on purpose: the failure must
 * come from the gate, not from an expectation, on a busy machine too.
 */
import * as perfspec from 'perfspec'
import { bench, expectLatency, expectThroughput } from 'perfspec'
// Named imports: they work with and without esModuleInterop.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// The runner globals the suite uses (Vitest with `globals: true`, and Jest, provide them), typed
// here as far as needed so that `tsc` checks this file without either runner's types.
declare function describe(name: string, fn: () => void): void
declare const test: { (name: string, fn: () => Promise<void>): void; skip(name: string, fn: () => Promise<void>): void }
declare function expect(actual: unknown): { toBeUndefined(): void; toBeGreaterThan(n: number): void }

const slow = process.env.PERFSPEC_ACCEPTANCE_SLOW === '1'
// The gate's runs leave the leak check out: it is checked in the first run, and its heap
// snapshots are slow where the heap is large (ts-jest's TypeScript in every Jest worker).
const gateOnly = process.env.PERFSPEC_ACCEPTANCE_GATE_ONLY === '1'

/** Busy-waits `ms` milliseconds: a latency that does not depend on the CPU's speed. */
function spin(ms: number): number {
  const end = performance.now() + ms
  let n = 0
  while (performance.now() < end) n += 1
  return n
}

describe('acceptance', () => {
  test('JSON round trip', async () => {
    const doc = { id: 7, tags: ['a', 'b', 'c'], text: 'x'.repeat(64) }
    const r = await bench('json roundtrip', () => JSON.parse(JSON.stringify(doc)), { time: '200ms' })
    expect(r.samples).toBeGreaterThan(0)
    expectLatency(r).p95.toBeLessThan('20ms')
    expectLatency(r).p99.toBeLessThan(50)
    expectThroughput(r).toBeGreaterThan('1k/s')
  })

  describe('gated', () => {
    test('spin', async () => {
      const r = await bench('spin', () => spin(slow ? 0.5 : 0.05), { time: '200ms' })
      expectLatency(r).p50.toBeLessThan('100ms')
    })

    test('async call', async () => {
      const r = await bench('await tick', async () => { await Promise.resolve(1) }, { time: '150ms' })
      expectLatency(r).mean.toBeLessThan('20ms')
    })
  })

  // Forced GC without Node flags, as leak checks do it: in Jest's vm realm and Vitest's workers.
  test('forced GC is available', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    let ref: WeakRef<object> | undefined
    ;(() => { ref = new WeakRef({ big: new Array(1000).fill(1) }) })()
    for (let i = 0; i < 3 && ref?.deref(); i++) {
      await new Promise((r) => setImmediate(r))
      gc()
    }
    expect(ref?.deref()).toBeUndefined()
  })

  // The leak check joins as soon as perfspec exports it.
  const expectNoLeak = (perfspec as Record<string, unknown>).expectNoLeak as undefined | ((fn: () => unknown, o?: object) => Promise<unknown>)
  ;(expectNoLeak && !gateOnly ? test : test.skip)('no leak', async () => {
    const cache = new Map<number, number>()
    await expectNoLeak!(() => { cache.set(1, Math.random()) }, { iterations: 2000 })
  })
})
