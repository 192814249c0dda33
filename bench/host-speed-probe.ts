/**
 * Does the host-speed probe (`src/measure/host-speed.ts`) see the slow stretches of the host that
 * slow a benchmark, and by how much? In fresh processes, one after another: three measurements of
 * `JSON.parse` of a 30 KB document (300 ms each, 300 ms apart, as a baseline's), each followed by
 * a probe reading and a reading of an allocation-bound kernel (`JSON.parse` of a 2 KB document,
 * tried as the probe's second kernel on 3 December 2026 and left out: docs/regression-gate.md).
 * Prints how often a measurement was slow (typical call more than 1.2x the fastest of all
 * processes), how often each read slow after it,
 * and, for the slow ones, the ratio of the benchmark's slowdown to the probe's: the gate lets a
 * slow host explain a typical call at most `HOST_EXPLAINS` (1.25) times the probe's slowdown slower.
 *
 *   npx tsx bench/host-speed-probe.ts --runs 40
 */
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { median } from '../src/analyse/median.js'
import { createHostSpeedProbe } from '../src/measure/host-speed.js'
import { FULL_HOST_SPEED, HOST_EXPLAINS } from '../src/compare/host-speed-rule.js'
import { countOption } from './count-option.js'
import { inFreshProcesses } from './fresh-processes.js'

/** One measurement: its typical call (ms), the probe's reading right after it (ns per element), then the allocation-bound kernel's (µs per parse). */
type Reading = [typical: number, probe: number, allocation: number]

const SELF = fileURLToPath(import.meta.url)
const args = process.argv.slice(2)
if (args.includes('--child')) await child()
else parent(countOption(args, '--runs', 40))

async function child(): Promise<void> {
  const doc = { items: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b', 'c'], price: i * 1.25, stock: { warehouse: i % 7, shelf: `s-${i % 13}` } })) }
  const text = JSON.stringify(doc)
  const probe = createHostSpeedProbe()
  let sink = 0
  const measure = (ms: number): number => {
    const end = performance.now() + ms
    const times: number[] = []
    while (performance.now() < end) {
      const start = performance.now()
      sink += (JSON.parse(text) as typeof doc).items.length
      times.push(performance.now() - start)
    }
    return median(times)
  }
  const small = JSON.stringify(doc.items.slice(0, 20))
  const allocation = (): number => {
    const chunks: number[] = []
    for (const end = performance.now() + 4; performance.now() < end; ) {
      const start = performance.now()
      sink += (JSON.parse(small) as unknown[]).length
      chunks.push((performance.now() - start) * 1000)
    }
    return median(chunks)
  }
  measure(100)
  for (let i = 0; i < 10; i++) allocation()
  const readings: Reading[] = []
  for (let i = 0; i < 3; i++) {
    const typical = measure(300)
    readings.push([typical, probe.read(), allocation()])
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  if (sink < 0) console.log('')
  console.log(JSON.stringify(readings))
}

function parent(runs: number): void {
  const all = inFreshProcesses<Reading[]>(SELF, 0, runs, 'JSON.parse 30KB').flat()
  const fastest = Math.min(...all.map((r) => r[0]))
  const bestProbe = Math.min(...all.map((r) => r[1]))
  const slow = all.filter((r) => r[0] / fastest > FULL_HOST_SPEED)
  const seen = slow.filter((r) => r[1] / bestProbe > FULL_HOST_SPEED)
  const falseSlow = all.filter((r) => r[0] / fastest <= FULL_HOST_SPEED && r[1] / bestProbe > FULL_HOST_SPEED)
  const bestAllocation = Math.min(...all.map((r) => r[2]))
  const seenByAllocation = slow.filter((r) => r[2] / bestAllocation > FULL_HOST_SPEED)
  const ratios = seen.map((r) => r[0] / fastest / (r[1] / bestProbe)).sort((a, b) => a - b)
  const fmt = (x: number) => x.toFixed(2)
  console.log(`JSON.parse 30KB, 3 measurements of 300 ms per process, ${runs} fresh processes, Node ${process.version}`)
  console.log(`measurements: ${all.length}; slow (typical call > ${FULL_HOST_SPEED}x the fastest): ${slow.length}; of those, the probe read slow after ${seen.length}`)
  console.log(`measurements at full speed after which the probe read slow: ${falseSlow.length} of ${all.length - slow.length}`)
  const falseByAllocation = all.filter((r) => r[0] / fastest <= FULL_HOST_SPEED && r[2] / bestAllocation > FULL_HOST_SPEED)
  console.log(`JSON.parse 2KB (an allocation-bound kernel) read slow after ${seenByAllocation.length} of the ${slow.length} slow measurements, and after ${falseByAllocation.length} of the ${all.length - slow.length} at full speed`)
  if (ratios.length) console.log(`slow measurements seen by the probe: benchmark slowdown / probe slowdown: min ${fmt(ratios[0]!)}, median ${fmt(median(ratios))}, max ${fmt(ratios[ratios.length - 1]!)} (the gate allows up to ${HOST_EXPLAINS})`)
  const allSlow = new Map<number, number>()
  for (let p = 0; p < runs; p++) {
    const mine = all.slice(p * 3, p * 3 + 3)
    const n = mine.filter((r) => r[0] / fastest > FULL_HOST_SPEED).length
    allSlow.set(n, (allSlow.get(n) ?? 0) + 1)
  }
  console.log(`processes by slow measurements of 3: ${[0, 1, 2, 3].map((n) => `${n}: ${allSlow.get(n) ?? 0}`).join(', ')}`)
}
