import { refuseExtraArguments } from '../units/extra-arguments.js'
import type { BenchResult } from '../model/bench-result.js'
import { parseDuration, type Duration } from '../units/duration.js'
import { parseFraction, type Fraction, type FractionKind } from '../units/percent.js'
import { checkLimit } from './limit-check.js'
import { benchResultArgument } from './bench-result-argument.js'
import { upperLimits, type UpperLimitMatchers } from './upper-limit.js'
import { startChain } from './strict-matchers.js'
import { withinMatchers, type WithinMatchers } from './within.js'
import { formatDuration, formatPercent } from '../units/format.js'

/** Upper-limit assertions on one CPU figure. */
export type CpuLimitMatchers<L> = UpperLimitMatchers<L>

/** `expectCpu(result)`: CPU per call (durations) and utilization (fraction of one core). */
export interface CpuMatchers {
  /**
   * CPU time per call, user + system: `'20us'`, or ms as a number; and
   * `toBeWithin('5%').of(other)` on results of one `benchTogether(…, { cpu: true })`.
   */
  perOp: CpuLimitMatchers<Duration> & WithinMatchers
  /**
   * CPU time over wall time while sampling, as a fraction of one core: `'50%'` or `0.5`. Several
   * threads can use more than one core, so `'200%'` (two cores) is a limit too; a number of 1 or
   * more (`50`: 50 % or 5000 %?) is a `TypeError`.
   */
  utilization: CpuLimitMatchers<Fraction>
}

/**
 * Assertions on the CPU a benchmark used; the bench must have run with `cpu: true` (or
 * `cpu: { pid }`): `expectCpu(await bench('x', fn, { cpu: true })).perOp.toBeLessThan('20us')`.
 */
export function expectCpu(result: BenchResult): CpuMatchers {
  refuseExtraArguments('expectCpu()', arguments, ['result'])
  const r = benchResultArgument('expectCpu', result)
  const cpu = r.cpu
  if (!cpu) {
    throw new TypeError(`perfspec: expectCpu() needs a bench run with the "cpu" option: bench('${r.name}', fn, { cpu: true })`)
  }
  const uncertainty = `(${r.ops.toLocaleString('en-US')} calls)`
  const perOp = upperLimits('expectCpu(…).perOp', (limit: Duration, comparator, argument) =>
    checkLimit({
      benchId: r.id,
      benchName: r.name,
      subject: 'CPU per call',
      actual: cpu.perOp,
      limit,
      argument,
      parse: parseDuration,
      comparator,
      unit: 'ms',
      format: formatDuration,
      uncertainty,
    }),
    withinMatchers(r, { path: 'expectCpu(…).perOp', subject: 'CPU per call', of: (x) => x.cpu?.perOp ?? Number.NaN, rounds: (x) => x.together?.rounds.cpu, unit: 'ms', format: formatDuration }),
  )
  const utilization = upperLimits('expectCpu(…).utilization', (limit: Fraction, comparator, argument) =>
    checkLimit({
      benchId: r.id,
      benchName: r.name,
      subject: 'CPU utilization',
      actual: cpu.utilization,
      limit,
      argument,
      parse: (given, name) => parseFraction(given, name, UTILIZATION),
      comparator,
      unit: 'fraction',
      format: formatPercent,
      uncertainty,
    }),
  )
  return startChain<CpuMatchers>('expectCpu(…)', { perOp, utilization })
}

/**
 * A utilization limit. No upper bound: CPU time of all threads over wall time exceeds one core
 * when several run (a server measured by `cpu: { pid }`, V8's own helper threads).
 */
const UTILIZATION: FractionKind = { example: '50%' }
