import { refuseExtraArguments } from '../units/extra-arguments.js'
import type { BenchResult } from '../model/bench-result.js'
import { parseFraction, type Fraction, type FractionKind } from '../units/percent.js'
import { argumentError } from '../units/argument-error.js'
import { checkLimit, type LimitCheck } from './limit-check.js'
import { benchResultArgument } from './bench-result-argument.js'
import { upperLimits, type UpperLimitMatchers } from './upper-limit.js'
import { startChain } from './strict-matchers.js'
import { formatCount, formatPercent } from '../units/format.js'

/** Upper-limit assertions on a load run's errors. */
export type ErrorLimitMatchers<L> = UpperLimitMatchers<L>

/** `expectErrors(result)`: the failed calls of a load run. */
export interface ErrorMatchers {
  /**
   * Failed calls as a fraction of the calls that settled: `'1%'` or `0.01`. A number of 1 or
   * more (`5`: 5 % or 500 %?) and a limit above `'100%'` are `TypeError`s.
   */
  rate: ErrorLimitMatchers<Fraction>
  /** Failed calls, a count: `expectErrors(r).count.toBeLessThanOrEqual(0)`. */
  count: ErrorLimitMatchers<number>
}

/**
 * Assertions on the calls that threw or rejected during a load run (`concurrency`, or `rate` +
 * `duration`), k6-style: `expectErrors(r).rate.toBeLessThan('1%')`. Outside load mode a throw
 * fails the bench itself, so there is no error rate to assert on.
 */
export function expectErrors(result: BenchResult): ErrorMatchers {
  refuseExtraArguments('expectErrors()', arguments, ['result'])
  const r = benchResultArgument('expectErrors', result)
  const errors = r.errors
  if (!errors) {
    throw new TypeError(`perfspec: expectErrors() needs a load run, where failures are counted: bench('${r.name}', fn, { concurrency: 50 }) or { rate: '200/s', duration: '10s' }`)
  }
  const calls = r.load?.completed ?? r.ops
  const first = errors.messages?.[0]
  const uncertainty = `(${errors.count.toLocaleString('en-US')} of ${calls.toLocaleString('en-US')} calls${first ? `; first: ${first}` : ''})`
  // Failures can be none at all, so "at most 0" is a limit here.
  const check = (limit: unknown, comparator: '<' | '<=', argument: string, figure: Pick<LimitCheck, 'subject' | 'actual' | 'parse' | 'unit' | 'format'>) =>
    checkLimit({ benchId: r.id, benchName: r.name, limit, comparator, argument, zeroMeansNone: true, uncertainty, ...figure })
  const rate = upperLimits('expectErrors(…).rate', (limit: Fraction, comparator, argument) =>
    check(limit, comparator, argument, { subject: 'error rate', actual: errors.rate, parse: (limit, name) => parseFraction(limit, name, ERROR_RATE), unit: 'fraction', format: formatPercent }),
  )
  const count = upperLimits('expectErrors(…).count', (limit: number, comparator, argument) =>
    check(limit, comparator, argument, { subject: 'errors', actual: errors.count, parse: parseCount, unit: 'calls', format: formatCount }),
  )
  return startChain<ErrorMatchers>('expectErrors(…)', { rate, count })
}

/** An error rate limit: a share of the calls, so at most 100 %. */
const ERROR_RATE: FractionKind = { example: '1%', max: { value: 1, why: 'an error rate is a share of the calls that settled' } }

function parseCount(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw argumentError(argument, value, 'a count such as 0 or 10')
  return value
}
