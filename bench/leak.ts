/**
 * How well `expectNoLeak` separates leaks from churn: every workload of `leak-workloads.ts`
 * checked with default options in fresh processes (one check per process, as a test file
 * would run it), one after another so that the checks do not compete for the CPU.
 *
 *   npx tsx bench/leak.ts            20 processes per workload
 *   npx tsx bench/leak.ts --runs 5   quicker
 */
import { fileURLToPath } from 'node:url'
import { median } from '../src/analyse/median.js'
import { expectNoLeak } from '../src/assert/leak.js'
import { WORKLOADS } from './leak-workloads.js'
import { countOption } from './count-option.js'
import { inFreshProcesses } from './fresh-processes.js'

interface ChildReport {
  leaked: boolean
  seconds: number
  bytesPerCall: number
  suspects: string[]
}

const args = process.argv.slice(2)
const childIndex = args.indexOf('--child')
if (childIndex >= 0) await child(Number(args[childIndex + 1]))
else parent(countOption(args, '--runs', 20))

async function child(index: number): Promise<void> {
  const workload = WORKLOADS[index]!
  const fn = workload.make()
  const start = performance.now()
  let report: ChildReport
  try {
    const result = await expectNoLeak(fn, { name: workload.name })
    report = { leaked: false, seconds: (performance.now() - start) / 1000, bytesPerCall: result.bytesPerCall, suspects: [] }
  } catch (error) {
    const seconds = (performance.now() - start) / 1000
    const message = (error as Error).message
    if ((error as Error).name !== 'PerfAssertionError') throw error
    const perCall = /kept (-?[\d.]+) B per call/.exec(message)
    const grew = /grew with the calls: (.*)$/m.exec(message)
    report = { leaked: true, seconds, bytesPerCall: Number(perCall?.[1]), suspects: grew ? grew[1]!.split('; ').map((s) => s.split(' (')[0]!) : [] }
  }
  process.stdout.write(`${JSON.stringify(report)}\n`)
}

function parent(runs: number): void {
  const script = fileURLToPath(import.meta.url)
  console.log(`expectNoLeak with default options, ${runs} fresh processes per workload, Node ${process.version}\n`)
  console.log(`${'workload'.padEnd(36)} ${'kind'.padEnd(8)} ${'result'.padEnd(22)} median s/check  max s   suspects named`)
  for (const [index, workload] of WORKLOADS.entries()) {
    const reports = inFreshProcesses<ChildReport>(script, index, runs, workload.name)
    const flagged = reports.filter((r) => r.leaked).length
    const result = workload.leaks ? `caught ${flagged}/${runs}` : `false alarms ${flagged}/${runs}`
    const seconds = reports.map((r) => r.seconds)
    const named = [...new Set(reports.flatMap((r) => r.suspects.slice(0, 2)))].join(', ')
    console.log(
      `${workload.name.padEnd(36)} ${(workload.leaks ? 'leak' : 'no leak').padEnd(8)} ${result.padEnd(22)} ${median(seconds).toFixed(2).padStart(14)}  ${Math.max(...seconds).toFixed(2).padStart(5)}   ${named}`,
    )
  }
}
