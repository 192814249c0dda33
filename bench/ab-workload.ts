/**
 * How much slower the head of `bench/ab.ts` really is: `JSON.parse` of the example's document with
 * 300, 315 and 330 items (the base, "+5 %" and "+10 %"), measured together in one process with
 * `benchTogether` (interleaved rounds, so the machine's drift falls on all three alike). Prints the
 * median per-round ratio to 300 items, per fresh process.
 *
 *   npm run build && npx tsx bench/ab-workload.ts --processes 3
 */
import { benchTogether } from '../src/index.js'
import { countOption } from './count-option.js'
import { inFreshProcesses } from './fresh-processes.js'

const args = process.argv.slice(2)
if (args.includes('--child')) await child()
else parent(countOption(args, '--processes', 3))

async function child(): Promise<void> {
  const base = Array.from({ length: 300 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b', 'c'], price: i * 1.25, stock: { warehouse: i % 7, shelf: `s-${i % 13}` } }))
  const text = (n: number) => JSON.stringify({ items: Array.from({ length: n }, (_, i) => base[i % 300]) })
  const t300 = text(300)
  const t315 = text(315)
  const t330 = text(330)
  const r = await benchTogether({ n300: () => JSON.parse(t300), n315: () => JSON.parse(t315), n330: () => JSON.parse(t330) }, { time: '3s' })
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
  const ratio = (k: 'n315' | 'n330') => median(r[k].together!.rounds.p50.map((v, i) => v / r.n300.together!.rounds.p50[i]!))
  process.stdout.write(`${JSON.stringify({ r315: ratio('n315'), r330: ratio('n330') })}\n`)
}

function parent(processes: number): void {
  const results = inFreshProcesses<{ r315: number; r330: number }>(import.meta.filename, 0, processes, 'JSON.parse 300/315/330 items')
  for (const [i, r] of results.entries()) console.log(`process ${i + 1}: 315 items ${((r.r315 - 1) * 100).toFixed(1)} % slower than 300, 330 items ${((r.r330 - 1) * 100).toFixed(1)} % slower`)
  console.log(`command: npm run build && npx tsx bench/ab-workload.ts --processes ${processes}`)
}
