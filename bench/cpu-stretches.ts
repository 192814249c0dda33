/**
 * Does one CPU of this machine run slow while another runs at full speed? One process measures
 * `JSON.parse` of a 30 KB document for 150 ms at a time, its thread moved to each CPU it may run on
 * in turn (as the gate moves it between the measurements that confirm a suspect or write a
 * baseline, `src/measure/thread-cpu.ts`). Prints each round's typical call per CPU, then how many
 * rounds read slow (more than 1.2x the median of all) on one CPU while the next CPU's reading of
 * the same round did not, and the longest such run of rounds. Linux with `taskset` only.
 *
 *   npx tsx bench/cpu-stretches.ts --rounds 80
 */
import { median } from '../src/analyse/median.js'
import { threadCpus } from '../src/measure/thread-cpu.js'
import { bench } from '../src/index.js'
import { countOption } from './count-option.js'

const rounds = countOption(process.argv.slice(2), '--rounds', 80)
const cpus = threadCpus()
if (typeof cpus === 'string') {
  console.error(`bench/cpu-stretches: ${cpus}`)
  process.exit(2)
}
const doc = { items: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b', 'c'], price: i * 1.25, stock: { warehouse: i % 7, shelf: `s-${i % 13}` } })) }
const text = JSON.stringify(doc)
const readings: number[][] = []
try {
  for (let round = 0; round < rounds; round++) {
    const row: number[] = []
    for (const cpu of cpus.allowed) {
      const problem = cpus.moveTo(cpu)
      if (problem) throw new Error(problem)
      const r = await bench('JSON.parse 30KB', () => JSON.parse(text), { time: '150ms', warmup: '20ms' })
      row.push(r.latency.p50 * 1000)
    }
    readings.push(row)
    console.log(`round ${String(round + 1).padStart(3)}: ${row.map((us, i) => `CPU ${cpus.allowed[i]} ${us.toFixed(0).padStart(4)} µs`).join('  ')}`)
  }
} finally {
  cpus.restore()
}
const all = median(readings.flat())
const slow = (us: number) => us > all * 1.2
let alone = 0
let longest = 0
let run = 0
for (const row of readings) {
  const one = row.some(slow) && !row.every(slow)
  if (one) alone += 1
  run = one ? run + 1 : 0
  longest = Math.max(longest, run)
}
console.log('')
console.log(`command: npx tsx bench/cpu-stretches.ts --rounds ${rounds}`)
console.log(`median typical call ${all.toFixed(1)} µs; rounds in which some CPUs read slow (> 1.2x) and others did not: ${alone} of ${rounds}; longest run of such rounds: ${longest} (each round ${cpus.allowed.length} x 150 ms)`)
console.log(`rounds in which every CPU read slow: ${readings.filter((row) => row.every(slow)).length} of ${rounds}`)
