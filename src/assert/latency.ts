import type { BenchResult } from '../model/bench-result.js'
import { LATENCY_STATS, type LatencyStat } from '../model/metrics.js'
import { parseDuration, type Duration } from '../units/duration.js'
import { checkFasterThan, type FasterThanOptions } from './faster-than.js'
import { checkLimit } from './limit-check.js'
import { benchResultArgument, uncertaintyOf } from './bench-result-argument.js'
import { upperLimits, type UpperLimitMatchers } from './upper-limit.js'
import { startChain } from './strict-matchers.js'
import { refuseExtraArguments } from '../units/extra-arguments.js'
import { withinMatchers, type WithinMatchers } from './within.js'
import { formatDuration } from '../units/format.js'

/** Upper-limit assertions on one latency statistic. Limits: ms as numbers, or strings with units (`'5ms'`, `'50us'`). */
export type LatencyLimitMatchers = UpperLimitMatchers<Duration>

/** The latency statistics that `toBeWithin(…).of(…)` compares: the typical call, as each block of `benchTogether()` measures it. */
export const WITHIN_STATS = ['p50', 'mean'] as const satisfies readonly LatencyStat[]

/**
 * `expectLatency(result).<stat>`: one matcher set per statistic of the contract;
 * `p50` and `mean` also take `toBeWithin(margin).of(other)` on results of one `benchTogether()`
 * (a tail percentile of a 10 ms block says little); and `toBeFasterThan` to compare two whole
 * distributions.
 */
export type LatencyMatchers = Record<LatencyStat, LatencyLimitMatchers> & Record<(typeof WITHIN_STATS)[number], LatencyLimitMatchers & WithinMatchers> & {
  /**
   * Passes when this result is faster than `other` (by at least `by`, e.g. `'10%'`) with
   * confidence: the whole 95 % bootstrap interval of the ratio of medians lies below `1 − by`.
   * Differences under 1 % never count. Fails with both medians, the difference and its interval.
   */
  toBeFasterThan(other: BenchResult, options?: FasterThanOptions): void
}


/**
 * Assertions on a benchmark's latency: `expectLatency(r).p95.toBeLessThan('5ms')`.
 * Each outcome is recorded for the report (PASS, WARN under 10 % headroom, FAIL). A name that
 * is not a statistic (`expectLatency(r).p42`) throws a `TypeError` listing the valid ones.
 */
export function expectLatency(result: BenchResult): LatencyMatchers {
  refuseExtraArguments('expectLatency()', arguments, ['result'])
  const r = benchResultArgument('expectLatency', result)
  const stats = {} as Record<LatencyStat, LatencyLimitMatchers>
  for (const stat of LATENCY_STATS) {
    const path = `expectLatency(…).${stat}`
    const within = (WITHIN_STATS as readonly LatencyStat[]).includes(stat)
      ? withinMatchers(r, {
          path,
          subject: `${stat} latency`,
          of: (x) => x.latency[stat],
          rounds: (x) => x.together?.rounds[stat as (typeof WITHIN_STATS)[number]],
          unit: 'ms',
          format: formatDuration,
        })
      : undefined
    stats[stat] = upperLimits(path, (limit: Duration, comparator, argument) =>
      checkLimit({
        benchId: r.id,
        benchName: r.name,
        subject: `${stat} latency`,
        actual: r.latency[stat],
        limit,
        argument,
        parse: parseDuration,
        comparator,
        unit: 'ms',
        format: formatDuration,
        uncertainty: uncertaintyOf(r),
      }),
      within,
    )
  }
  // `stats` has `toBeWithin` on exactly the WITHIN_STATS, built above.
  return startChain<LatencyMatchers>('expectLatency(…)', {
    ...(stats as LatencyMatchers),
    toBeFasterThan(other, options) {
      refuseExtraArguments('expectLatency(…).toBeFasterThan()', arguments, ['other', 'options'])
      checkFasterThan(r, other, options)
    },
  })
}
