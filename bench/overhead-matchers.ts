/**
 * How often the overhead matchers (`toBeWithin(margin).of(other)`) fail: the same function
 * measured against itself (A/A: should never fail), and a function that does 20 % more work per
 * call (parses 24 JSON documents where the other parses 20: 20 % more CPU and allocation, no
 * sleep; should always fail). Each run is one `benchTogether({ next, old }, { cpu: true, heap: true })`
 * with default options in a fresh process, checked on p50 latency, CPU per call and heap per
 * call; the runs go one after another so that they do not compete for the CPU.
 *
 *   npx tsx bench/overhead-matchers.ts                       20 processes per case, margin 5 %
 *   npx tsx bench/overhead-matchers.ts --runs 5 --margin 10%  quicker, another margin
 */
import { fileURLToPath } from 'node:url'
import { countOption } from './count-option.js'
import { inFreshProcesses } from './fresh-processes.js'
import { median } from '../src/analyse/median.js'
import { benchTogether } from '../src/bench-together.js'
import { expectCpu } from '../src/assert/cpu.js'
import { expectHeap } from '../src/assert/heap.js'
import { expectLatency } from '../src/assert/latency.js'
import type { ExpectationEntry } from '../src/model/entries.js'
import { setTestContext, type TestContext } from '../src/record/context.js'
import { formatChange } from '../src/units/format.js'
import { parseFraction } from '../src/units/percent.js'

const METRICS = ['p50 latency', 'CPU per call', 'heap per call'] as const
type Metric = (typeof METRICS)[number]

/** The two cases: `old` parses 20 documents per call; `next` the same 20, or 24 (20 % more work). */
const CASES = [
  { name: 'A/A (the same function twice)', documents: 20, shouldFail: false },
  { name: '+20 % work (24 documents vs 20)', documents: 24, shouldFail: true },
] as const

interface ChildReport {
  seconds: number
  checks: Record<Metric, { status: string; change: number }>
}

const DOCUMENT = '{"id":1234,"name":"Ada","tags":["a","b","c"],"address":{"city":"London","zip":"N1"},"active":true}'

/** Parses `documents` JSON documents: work that costs CPU and allocation in proportion to their number. */
function parser(documents: number): () => number {
  return () => {
    let fields = 0
    for (let i = 0; i < documents; i++) fields += Object.keys(JSON.parse(DOCUMENT) as object).length
    return fields
  }
}

const args = process.argv.slice(2)
const childIndex = args.indexOf('--child')
if (childIndex >= 0) await child(Number(args[childIndex + 1]), option('--margin', '5%'))
else parent(countOption(args, '--runs', 20), option('--margin', '5%'))

async function child(index: number, margin: string): Promise<void> {
  const old = parser(20)
  // A/A: the very same function object twice.
  const next = CASES[index]!.documents === 20 ? old : parser(CASES[index]!.documents)
  const context: TestContext = { file: 'bench/overhead-matchers.ts', titlePath: [CASES[index]!.name], entries: [] }
  setTestContext(context)
  const start = performance.now()
  const r = await benchTogether({ next, old }, { cpu: true, heap: true })
  const seconds = (performance.now() - start) / 1000
  const checks = [
    () => expectLatency(r.next).p50.toBeWithin(margin).of(r.old),
    () => expectCpu(r.next).perOp.toBeWithin(margin).of(r.old),
    () => expectHeap(r.next).bytesPerOp.toBeWithin(margin).of(r.old),
  ]
  for (const check of checks) {
    try {
      check()
    } catch (error) {
      if ((error as Error).name !== 'PerfAssertionError') throw error
    }
  }
  setTestContext(undefined)
  const recorded = context.entries.filter((e): e is ExpectationEntry => e.kind === 'expectation')
  const report: ChildReport = {
    seconds,
    checks: Object.fromEntries(METRICS.map((metric, i) => [metric, { status: recorded[i]!.status, change: recorded[i]!.actual }])) as ChildReport['checks'],
  }
  process.stdout.write(`${JSON.stringify(report)}\n`)
}

function parent(runs: number, margin: string): void {
  const script = fileURLToPath(import.meta.url)
  console.log(`toBeWithin('${margin}').of(old) after benchTogether({ next, old }, { cpu: true, heap: true }), ${runs} fresh processes per case, Node ${process.version}\n`)
  console.log(`${'case'.padEnd(34)} ${'figure'.padEnd(14)} ${'FAIL'.padStart(7)} ${'WARN'.padStart(7)} ${'PASS'.padStart(7)}   target     median change (range)`)
  for (const [index, c] of CASES.entries()) {
    const reports = inFreshProcesses<ChildReport>(script, index, runs, c.name, ['--margin', margin])
    for (const metric of METRICS) {
      const statuses = reports.map((r) => r.checks[metric].status)
      const count = (s: string) => `${statuses.filter((x) => x === s).length}/${runs}`
      const changes = reports.map((r) => r.checks[metric].change)
      const target = c.shouldFail ? `FAIL ${runs}/${runs}` : `FAIL 0/${runs}`
      console.log(
        `${c.name.padEnd(34)} ${metric.padEnd(14)} ${count('FAIL').padStart(7)} ${count('WARN').padStart(7)} ${count('PASS').padStart(7)}   ${target.padEnd(10)} ${formatChange(median(changes))} (${formatChange(Math.min(...changes))} … ${formatChange(Math.max(...changes))})`,
      )
    }
    console.log(`${''.padEnd(34)} median ${median(reports.map((r) => r.seconds)).toFixed(2)} s per benchTogether()\n`)
  }
}

function option(name: string, fallback: string): string {
  const at = args.indexOf(name)
  if (at < 0) return fallback
  const value = args[at + 1]!
  parseFraction(value, name)
  return value
}
