import { describe } from '../units/argument-error.js'
import type { BenchResult } from '../model/bench-result.js'
import { formatUncertainty } from '../units/format.js'

/** Checks that a matcher was given a `bench()` result, with a hint for the usual mistake. */
export function benchResultArgument(matcher: string, value: unknown): BenchResult {
  if (value && typeof (value as PromiseLike<unknown>).then === 'function') {
    throw new TypeError(`perfspec: ${matcher}() received a Promise; await the bench first: ${matcher}(await bench('name', fn))`)
  }
  const r = value as Partial<BenchResult> | null
  if (!r || typeof r !== 'object' || typeof r.name !== 'string' || !r.latency || typeof r.latency !== 'object') {
    throw new TypeError(`perfspec: ${matcher}() needs the result of bench(), e.g. ${matcher}(await bench('name', fn)); received ${describe(value)}`)
  }
  return r as BenchResult
}

/** `±1.1% (n=4,120)`: how well a figure of this result is known. */
export function uncertaintyOf(result: BenchResult): string {
  return formatUncertainty(result.latency.rme, result.samples)
}
