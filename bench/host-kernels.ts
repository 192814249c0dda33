/**
 * Which kind of work slows when the host does? In one process, for `--rounds` rounds (about
 * 100 ms each): the typical call (median) of four kernels, each timed in turn for a few ms:
 * - `sum`: a sum over a 32 KB array, in the L1 cache (the host-speed probe's first kernel);
 * - `parse 2KB`: `JSON.parse` of a 2 KB document (tried as the probe's second kernel, left out);
 * - `random 16MB`: dependent reads scattered over 16 MB, beyond most caches;
 * - `JSON.parse 30KB`: the example suite's benchmark (60 ms per round).
 * Prints, per kernel, its slowdown in each tenth of the rounds (median over the rounds of its
 * time over its fastest round), and how each kernel's slowdown follows `JSON.parse 30KB`'s
 * (Pearson correlation over the rounds). A kernel that does not move when the benchmark does
 * cannot tell a slow stretch of the host from slower code.
 *
 *   npx tsx bench/host-kernels.ts --rounds 80
 */
import { performance } from 'node:perf_hooks'
import { median } from '../src/analyse/median.js'
import { countOption } from './count-option.js'

const rounds = countOption(process.argv.slice(2), '--rounds', 80)
const item = (i: number) => ({ id: i, name: `item-${i}`, tags: ['a', 'b', 'c'], price: i * 1.25, stock: { warehouse: i % 7, shelf: `s-${i % 13}` } })
const small = JSON.stringify(Array.from({ length: 20 }, (_, i) => item(i)))
const large = JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => item(i)) })
const l1 = new Float64Array(4096).map((_, i) => i * 0.5)
const SPAN = 4 << 20
const scattered = new Int32Array(SPAN).map((_, i) => ((i * 2654435761) >>> 10) & (SPAN - 1))
let sink = 0

const kernels: Record<string, { run: () => void; ms: number }> = {
  sum: {
    ms: 8,
    run: () => {
      let s = 0
      for (let pass = 0; pass < 4; pass++) for (let i = 0; i < l1.length; i++) s += l1[i]!
      sink += s
    },
  },
  'parse 2KB': { ms: 8, run: () => void (sink += (JSON.parse(small) as unknown[]).length) },
  'random 16MB': {
    ms: 8,
    run: () => {
      let j = 0
      for (let i = 0; i < 20_000; i++) j = scattered[(j + i) & (SPAN - 1)]!
      sink += j
    },
  },
  'JSON.parse 30KB': { ms: 60, run: () => void (sink += (JSON.parse(large) as { items: unknown[] }).items.length) },
}

function typical(run: () => void, ms: number): number {
  const times: number[] = []
  const end = performance.now() + ms
  do {
    const start = performance.now()
    run()
    times.push(performance.now() - start)
  } while (performance.now() < end)
  return median(times)
}

const names = Object.keys(kernels)
for (const name of names) typical(kernels[name]!.run, 200)
const times = names.map(() => [] as number[])
for (let r = 0; r < rounds; r++) names.forEach((name, k) => times[k]!.push(typical(kernels[name]!.run, kernels[name]!.ms)))
if (sink < 0) console.log('')

const slowdowns = times.map((t) => {
  const fastest = Math.min(...t)
  return t.map((x) => x / fastest)
})
const correlation = (a: number[], b: number[]) => {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
  const ma = mean(a)
  const mb = mean(b)
  let ab = 0
  let aa = 0
  let bb = 0
  a.forEach((x, i) => {
    ab += (x - ma) * (b[i]! - mb)
    aa += (x - ma) ** 2
    bb += (b[i]! - mb) ** 2
  })
  return ab / Math.sqrt(aa * bb)
}
const tenth = Math.max(1, Math.floor(rounds / 10))
const benchmark = slowdowns[names.length - 1]!
console.log(`${rounds} rounds, Node ${process.version}; slowdown (time over the kernel's fastest round), median per tenth of the rounds:`)
names.forEach((name, k) => {
  const s = slowdowns[k]!
  const tenths = Array.from({ length: Math.ceil(s.length / tenth) }, (_, i) => median(s.slice(i * tenth, (i + 1) * tenth)).toFixed(2))
  console.log(`  ${name.padEnd(16)} ${tenths.join(' ')}   follows JSON.parse 30KB: ${correlation(s, benchmark).toFixed(2)}`)
})
