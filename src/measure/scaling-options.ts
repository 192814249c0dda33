import { argumentError, describe } from '../units/argument-error.js'
import { optionsObject } from '../units/options-object.js'
import { parseWholeNumber } from '../units/whole-number.js'
import type { Duration } from '../units/duration.js'
import { boundedDuration, resolveLifecycleOptions, type LifecycleOptions } from './options.js'

/** Options of `benchScaling()`. Only `sizes` is required. */
export interface ScalingOptions extends LifecycleOptions {
  /**
   * The input sizes to measure, e.g. `[100, 1_000, 10_000, 100_000]`: 3 to 20 distinct whole
   * numbers from 1 up, in any order (they are measured and reported smallest first), the largest
   * at least 4 times the smallest. A range of a thousand and more tells neighbouring classes
   * (O(n) and O(n log n)) apart best; over one decade they differ by a few percent.
   */
  sizes: readonly number[]
  /**
   * Sampling budget over all the sizes and rounds, after warm-up: ms or a duration string, at most
   * `'10min'`. Default `'1.5s'`. A size whose single call is longer than its share still gets
   * one call per round (and one more to re-warm it), so slow sizes take longer.
   */
  time?: Duration
  /** Warm-up of each size before the rounds: ms or a duration string (at most `'10min'`), or `false`. Default `'50ms'`. */
  warmup?: Duration | false
  /**
   * Rounds over the sizes: each round measures every size once, in a shuffled order, for an
   * equal share of `time`. A whole number from 5 to 200. Default `12`. More, shorter rounds
   * spread a slow stretch of the machine over more of them.
   */
  rounds?: number
}

/** {@link ScalingOptions} checked, with units converted and defaults applied. */
export interface ResolvedScalingOptions extends LifecycleOptions {
  /** Distinct sizes, increasing. */
  sizes: number[]
  time: number
  warmup: number
  rounds: number
}

const KNOWN = ['sizes', 'time', 'warmup', 'rounds', 'setup', 'teardown', 'signal', 'clock'] as const

/** `bench()` options that a scaling check does not take, and why: a misplaced one gets its reason. */
const NOT_HERE: Record<string, string> = {
  iterations: 'each size gets one share of "time" per round; raise "time" or "rounds" for more samples',
  concurrency: 'a scaling check times one call at a time; measure load with bench()',
  rate: 'a scaling check times one call at a time; measure load with bench()',
  duration: 'a scaling check times one call at a time; its budget is "time"',
  maxInFlight: 'a scaling check times one call at a time; measure load with bench()',
  callTimeout: 'a scaling check times one call at a time; measure load with bench()',
  items: 'the size is the input; time per item is time per call over n',
  cpu: 'a scaling check measures time; measure CPU of one size with bench(name, fn, { cpu: true })',
  heap: 'a scaling check measures time; measure heap of one size with bench(name, fn, { heap: true })',
  baseline:
    'a scaling check has no baseline: how time grows with size holds on any machine, where a per-size time does not; bench() one size for a baseline',
  confirm: 'a scaling check has no baseline to confirm against',
  stoppingRule: 'a scaling check stops by "time" and "rounds"',
  scheduler: 'a scaling check times one call at a time',
}

/** Default sampling budget over all sizes and rounds, ms. */
export const SCALING_TIME = 1500
/** Default warm-up per size, ms. */
export const SCALING_WARMUP = 50
/** Default rounds. */
export const SCALING_ROUNDS = 12
/** Fewest rounds: below this the rounds cannot outvote a slow stretch, nor give an interval. */
export const MIN_ROUNDS = 5
/** Most rounds: the fit resamples the rounds hundreds of times, which grows with their number. */
export const MAX_ROUNDS = 200
/** Fewest sizes: two points always fit some line; a third one tests it. */
export const MIN_SIZES = 3
/** Most sizes: more make every share of the budget thinner without telling more. */
export const MAX_SIZES = 20
/** Least ratio of the largest size to the smallest. */
export const MIN_SPAN = 4

const SIZES_EXAMPLE = '[100, 1_000, 10_000, 100_000]'
const OWNER = 'benchScaling()'

/** Checks `benchScaling()`'s options; a `TypeError` naming the option and an accepted form otherwise. */
export function resolveScalingOptions(options: unknown): ResolvedScalingOptions {
  if (options && typeof options === 'object' && !Array.isArray(options)) {
    const misplaced = Object.keys(options).find((key) => key in NOT_HERE)
    if (misplaced) throw new TypeError(`perfspec: benchScaling() option "${misplaced}" is not supported: ${NOT_HERE[misplaced]}`)
  }
  if (options === undefined) throw new TypeError(`perfspec: benchScaling() needs options with the sizes to measure, e.g. { sizes: ${SIZES_EXAMPLE} }`)
  const o = optionsObject(options, KNOWN, 'benchScaling()', `{ sizes: ${SIZES_EXAMPLE} }`)
  const resolved: ResolvedScalingOptions = {
    sizes: resolveSizes(o.sizes),
    time: o.time === undefined ? SCALING_TIME : boundedDuration(o.time, 'time', "'3s'", false, OWNER),
    warmup: o.warmup === undefined ? SCALING_WARMUP : o.warmup === false ? 0 : boundedDuration(o.warmup, 'warmup', "'100ms'", true, OWNER),
    rounds: o.rounds === undefined ? SCALING_ROUNDS : parseWholeNumber(o.rounds, 'benchScaling() option "rounds"', MIN_ROUNDS, MAX_ROUNDS, '20'),
  }
  return { ...resolved, ...resolveLifecycleOptions(o, OWNER) }
}

/** The sizes, checked and sorted increasing. */
function resolveSizes(value: unknown): number[] {
  const argument = 'benchScaling() option "sizes"'
  const accepted = `an array of ${MIN_SIZES} to ${MAX_SIZES} distinct whole numbers from 1 up, such as ${SIZES_EXAMPLE}`
  if (value === undefined) throw new TypeError(`perfspec: ${argument} is required: the input sizes to measure, e.g. { sizes: ${SIZES_EXAMPLE} }`)
  if (!Array.isArray(value)) throw argumentError(argument, value, accepted)
  const bad = value.findIndex((n) => typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1)
  if (bad >= 0) throw new TypeError(`perfspec: ${argument} must be ${accepted}; element ${bad} is ${describe(value[bad])}`)
  if (value.length < MIN_SIZES || value.length > MAX_SIZES) throw new TypeError(`perfspec: ${argument} must be ${accepted}; received ${value.length}`)
  const sizes = [...(value as number[])].sort((a, b) => a - b)
  const twice = sizes.find((n, i) => i > 0 && sizes[i - 1] === n)
  if (twice !== undefined) throw new TypeError(`perfspec: ${argument} must be ${accepted}; ${twice} is given twice`)
  const span = sizes[sizes.length - 1]! / sizes[0]!
  if (span < MIN_SPAN) {
    throw new TypeError(`perfspec: ${argument} must span at least a factor of ${MIN_SPAN} from the smallest to the largest, such as ${SIZES_EXAMPLE}; received ${sizes[0]} to ${sizes[sizes.length - 1]}, a factor of ${Number(span.toPrecision(3))}`)
  }
  return sizes
}
