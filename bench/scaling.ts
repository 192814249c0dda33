/**
 * How well `benchScaling` classifies growth: each reference curve of `scaling-curves.ts`
 * (constant, logarithmic, linear, n log n, quadratic) checked with default options in fresh
 * processes, one check per process, one process at a time so that checks do not compete for
 * the CPU. Per curve: how many processes named the right class, the wall time of a check
 * (`benchScaling` and `expectScaling` together, in a fresh process), and whether
 * `expectScaling(r).toBeAtMost('n')` passed on the linear curve and failed on the quadratic one.
 *
 *   npx tsx bench/scaling.ts                          20 processes per curve
 *   npx tsx bench/scaling.ts --processes 5 --curves linear,quadratic
 */
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { median } from '../src/analyse/median.js'
import { benchScaling } from '../src/bench-scaling.js'
import { expectScaling } from '../src/assert/scaling.js'
import { PerfAssertionError } from '../src/assert/assertion-error.js'
import { formatComplexity, formatExponent } from '../src/units/format.js'
import { CURVES, type ReferenceCurve } from './scaling-curves.js'
import { countOption } from './count-option.js'
import { inFreshProcesses } from './fresh-processes.js'

interface ChildReport {
  best: string
  exponent: number
  interval: [number, number]
  /** Wall time of the check, s. */
  seconds: number
  /** Whether `toBeAtMost('n')` passed. */
  atMostN: boolean
}

const SELF = fileURLToPath(import.meta.url)
const args = process.argv.slice(2)
const childAt = args.indexOf('--child')
if (childAt >= 0) await child(CURVES[Number(args[childAt + 1])]!)
else parent(countOption(args, '--processes', 20), curvesOption())

async function child(curve: ReferenceCurve): Promise<void> {
  const start = performance.now()
  const r = await benchScaling(curve.name, curve.factory, { sizes: curve.sizes })
  let atMostN = true
  try {
    expectScaling(r).toBeAtMost('n')
  } catch (error) {
    if (!(error instanceof PerfAssertionError)) throw error
    atMostN = false
  }
  const seconds = (performance.now() - start) / 1000
  const report: ChildReport = { best: r.fit.best, exponent: r.fit.exponent, interval: r.fit.interval, seconds, atMostN }
  process.stdout.write(`${JSON.stringify(report)}\n`)
}

function parent(processes: number, curves: ReferenceCurve[]): void {
  const load = () => os.loadavg()[0]!.toFixed(2)
  console.log(`benchScaling with default options, ${processes} fresh processes per curve, Node ${process.version}, ${os.cpus().length} cores, load average ${load()}\n`)
  console.log(`${'curve'.padEnd(46)} ${'expected'.padEnd(11)} ${'correct'.padEnd(9)} ${'named instead'.padEnd(22)} ${'exponent (median)'.padEnd(18)} s/check median  max   toBeAtMost('n')`)
  for (const curve of curves) {
    const index = CURVES.indexOf(curve)
    const reports = inFreshProcesses<ChildReport>(SELF, index, processes, curve.name)
    const correct = reports.filter((r) => r.best === curve.expected).length
    const others = new Map<string, number>()
    for (const r of reports) if (r.best !== curve.expected) others.set(r.best, (others.get(r.best) ?? 0) + 1)
    const instead = [...others].map(([cls, count]) => `${formatComplexity(cls as ReferenceCurve['expected'])} ×${count}`).join(', ') || '—'
    const seconds = reports.map((r) => r.seconds)
    const passed = reports.filter((r) => r.atMostN).length
    // The targets: passes on the linear curve every time, fails on the quadratic one every time.
    const atMostN = curve.expected === 'n' ? `passed ${passed}/${processes}` : curve.expected === 'n^2' ? `failed ${processes - passed}/${processes}` : `passed ${passed}/${processes}`
    console.log(
      `${curve.name.padEnd(46)} ${formatComplexity(curve.expected).padEnd(11)} ${`${correct}/${processes}`.padEnd(9)} ${instead.padEnd(22)} ${formatExponent(median(reports.map((r) => r.exponent))).padEnd(18)} ${median(seconds).toFixed(2).padStart(14)}  ${Math.max(...seconds).toFixed(2).padStart(4)}   ${atMostN}`,
    )
  }
  console.log(`\nload average at the end: ${load()}${os.loadavg()[0]! > 1 + os.cpus().length / 4 ? ' (more than this script\'s own process kept the machine busy: rerun on a quiet machine before quoting)' : ''}`)
}

function curvesOption(): ReferenceCurve[] {
  const at = args.indexOf('--curves')
  if (at < 0) return CURVES
  const wanted = (args[at + 1] ?? '').split(',').filter(Boolean)
  const chosen = CURVES.filter((c) => wanted.some((w) => c.name.startsWith(w)))
  if (chosen.length === 0) throw new TypeError(`--curves takes names among ${CURVES.map((c) => c.name.split(':')[0]).join(', ')}, comma-separated; received ${args[at + 1]}`)
  return chosen
}
