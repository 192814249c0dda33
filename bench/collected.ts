/**
 * How well `expectCollected` tells retained objects from released ones, and what a check costs:
 * every case of `collected-cases.ts` checked with default options in fresh processes (one check
 * per process, as a test file would run it), one after another so that the checks do not compete
 * for the CPU. A retained object counts as caught when the check fails and its message names the
 * holder; a released one is flagged when the check fails. Times are of the whole check, in a
 * plain Node process (a test runner's worker has a larger heap, which a failing check's heap
 * snapshot takes longer to read).
 *
 *   npx tsx bench/collected.ts            20 processes per case
 *   npx tsx bench/collected.ts --runs 5   quicker
 */
import { fileURLToPath } from 'node:url'
import { median } from '../src/analyse/median.js'
import { expectCollected } from '../src/assert/collected.js'
import { CASES } from './collected-cases.js'
import { countOption } from './count-option.js'
import { inFreshProcesses } from './fresh-processes.js'

interface ChildReport {
  failed: boolean
  seconds: number
  holder?: string
}

const args = process.argv.slice(2)
const childIndex = args.indexOf('--child')
if (childIndex >= 0) await child(Number(args[childIndex + 1]))
else parent(countOption(args, '--runs', 20))

async function child(index: number): Promise<void> {
  const target = await CASES[index]!.make()
  const start = performance.now()
  let report: ChildReport
  try {
    await expectCollected(target)
    report = { failed: false, seconds: (performance.now() - start) / 1000 }
  } catch (error) {
    const seconds = (performance.now() - start) / 1000
    if ((error as Error).name !== 'PerfAssertionError') throw error
    const holder = /held by: (.*)$/m.exec((error as Error).message)?.[1]
    report = { failed: true, seconds, ...(holder && { holder }) }
  }
  process.stdout.write(`${JSON.stringify(report)}\n`)
  process.exit(0) // the cases' timers and listeners would keep the process alive
}

function parent(runs: number): void {
  const script = fileURLToPath(import.meta.url)
  console.log(`expectCollected with default options, ${runs} fresh processes per case, Node ${process.version}\n`)
  console.log(`${'case'.padEnd(38)} ${'kind'.padEnd(9)} ${'result'.padEnd(20)} ${'holder named'.padEnd(13)} median s/check  max s`)
  for (const [index, c] of CASES.entries()) {
    const reports = inFreshProcesses<ChildReport>(script, index, runs, c.name)
    const failed = reports.filter((r) => r.failed).length
    const result = c.retained ? `caught ${failed}/${runs}` : `flagged ${failed}/${runs}`
    const named = c.retained ? `${reports.filter((r) => r.holder && c.holder!.test(r.holder)).length}/${runs}` : '—'
    const seconds = reports.map((r) => r.seconds)
    console.log(`${c.name.padEnd(38)} ${(c.retained ? 'retained' : 'released').padEnd(9)} ${result.padEnd(20)} ${named.padEnd(13)} ${median(seconds).toFixed(3).padStart(14)}  ${Math.max(...seconds).toFixed(3).padStart(5)}`)
    const wrong = reports.find((r) => c.retained && r.holder && !c.holder!.test(r.holder))
    if (wrong) console.log(`${''.padEnd(38)} holder named as: ${wrong.holder}`)
  }
}
