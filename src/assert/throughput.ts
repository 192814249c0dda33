import type { BenchResult } from '../model/bench-result.js'
import { parseRate, type Rate } from '../units/rate.js'
import { checkLimit } from './limit-check.js'
import { benchResultArgument, uncertaintyOf } from './bench-result-argument.js'
import { formatRate } from '../units/format.js'
import { startChain } from './strict-matchers.js'
import { refuseExtraArguments } from '../units/extra-arguments.js'

/** Lower-limit assertions on a benchmark's throughput (calls per second). */
export interface ThroughputMatchers {
  /** Passes when calls per second exceed `rate` (`500`, `'500/s'`, `'100k/s'`). */
  toBeGreaterThan(rate: Rate): void
  /** Passes when calls per second are at least `rate`. */
  toBeGreaterThanOrEqual(rate: Rate): void
}

/**
 * Assertions on a benchmark's throughput: `expectThroughput(r).toBeGreaterThan('100k/s')`.
 * Each outcome is recorded for the report.
 */
export function expectThroughput(result: BenchResult): ThroughputMatchers {
  refuseExtraArguments('expectThroughput()', arguments, ['result'])
  const r = benchResultArgument('expectThroughput', result)
  const check = (rate: Rate, comparator: '>' | '>=', matcher: string) =>
    checkLimit({
      benchId: r.id,
      benchName: r.name,
      subject: 'throughput',
      actual: r.throughput.mean,
      limit: rate,
      argument: `expectThroughput(…).${matcher}() rate`,
      parse: parseRate,
      comparator,
      unit: '/s',
      format: formatRate,
      uncertainty: uncertaintyOf(r),
    })
  return startChain<ThroughputMatchers>('expectThroughput(…)', {
    toBeGreaterThan(rate) {
      refuseExtraArguments('expectThroughput(…).toBeGreaterThan()', arguments, ['rate'])
      check(rate, '>', 'toBeGreaterThan')
    },
    toBeGreaterThanOrEqual(rate) {
      refuseExtraArguments('expectThroughput(…).toBeGreaterThanOrEqual()', arguments, ['rate'])
      check(rate, '>=', 'toBeGreaterThanOrEqual')
    },
  })
}
