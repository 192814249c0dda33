import { expect, it } from 'vitest'
import { measureHeap } from '../src/measure/heap.js'

let sink: unknown

it('reads an allocation-free function as under 16 B per call', async () => {
  const { bytesPerOp } = await measureHeap((n) => {
    let s = 0
    for (let i = 0; i < n; i++) s += i & 7
    sink = s
  })
  expect(bytesPerOp).toBeLessThan(16)
}, 60_000)

it('reads a function that builds a 100-element array in the hundreds of bytes per call', async () => {
  const { bytesPerOp } = await measureHeap((n) => {
    for (let i = 0; i < n; i++) {
      const a: number[] = []
      for (let k = 0; k < 100; k++) a.push(k)
      sink = a
    }
  })
  expect(bytesPerOp).toBeGreaterThan(400)
  expect(bytesPerOp).toBeLessThan(4000)
}, 60_000)

it('reports retained growth over the run after full GC', async () => {
  const kept: object[] = []
  const { growth } = await measureHeap((n) => {
    for (let i = 0; i < n; i++) if (kept.length < 20_000) kept.push({ a: i, b: i, c: i })
    // A time budget a busy machine cannot cut short: the count of calls must reach 20,000.
  }, { budget: 30_000 })
  // 20,000 objects of ~48 B plus the array holding them: well over 500 KB.
  expect(growth).toBeGreaterThan(500_000)
}, 60_000)

it('awaits an async run', async () => {
  const { bytesPerOp } = await measureHeap(async (n) => {
    for (let i = 0; i < n; i++) sink = await Promise.resolve([i, i])
  })
  expect(bytesPerOp).toBeGreaterThan(16)
  expect(bytesPerOp).toBeLessThan(4000)
}, 60_000)

it('the first heap measurement of a process subtracts what a reading costs, as the next ones do', async () => {
  // In a fresh process the first readings of the heap cost many times more than later ones, until
  // the reading code is compiled; taken as the readings' own cost, that made the first measurement
  // of a process read low.
  const { execFileSync } = await import('node:child_process')
  const script = `
    import { readingOverhead } from ${JSON.stringify(new URL('../src/measure/heap.ts', import.meta.url).pathname)}
    const reading = new Float64Array(2)
    const run = () => undefined
    const first = await readingOverhead(run, reading)
    const second = await readingOverhead(run, reading)
    console.log(JSON.stringify([first, second]))`
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 })
  const [first, second] = JSON.parse(out.trim().split('\n').pop()!) as [number, number]
  expect(first).toBeLessThanOrEqual(second + 1024)
}, 60_000)
