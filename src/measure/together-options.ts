import { checkName } from '../model/names.js'
import { argumentError, describe } from '../units/argument-error.js'
import type { Duration } from '../units/duration.js'
import { optionsObject } from '../units/options-object.js'
import { parseWholeNumber } from '../units/whole-number.js'
import { booleanOption, boundedDuration, DEFAULT_WARMUP, resolveLifecycleOptions, type LifecycleOptions } from './options.js'

/**
 * Options of `benchTogether()`. Every one is optional. The functions share them: they are
 * measured in one alternating run, so each gets the same warm-up, time and measurements.
 */
export interface TogetherOptions extends LifecycleOptions {
  /** Sampling time of each function, in blocks that alternate with the others': ms or a duration string, at most `'10min'`. Default `'500ms'`. */
  time?: Duration
  /** Warm-up of each function before the alternating rounds: ms or a duration string (at most `'10min'`), or `false` for none. Default `'100ms'`. */
  warmup?: Duration | false
  /**
   * Rounds at least, even past `time` (a round runs one block of each function): a whole number
   * from 6 (the fewest that give a 95 % interval) to 1,000; an odd number is rounded up, since the
   * rounds come in pairs. Default `10`.
   */
  rounds?: number
  /** Read the CPU time of this process around each block: `result.cpu`, and `expectCpu(…).perOp.toBeWithin(…)`. Default `false`. */
  cpu?: boolean
  /** Read the bytes each function allocates per call, alternating too: `result.heap`, and `expectHeap(…).bytesPerOp.toBeWithin(…)`. Default `false`. */
  heap?: boolean
}

/** {@link TogetherOptions} checked, with units converted and defaults applied. */
export interface ResolvedTogetherOptions extends LifecycleOptions {
  time: number
  warmup: number
  rounds: number
  /** Length of one block, ms. */
  block: number
  cpu: boolean
  heap: boolean
}

const KNOWN = ['time', 'warmup', 'rounds', 'cpu', 'heap', 'setup', 'teardown', 'signal', 'clock'] as const

/** Default sampling time of each function, ms. */
export const DEFAULT_TOGETHER_TIME = 500
/** Default least number of rounds. */
export const DEFAULT_ROUNDS = 10
/** Fewest rounds allowed: a 95 % signed-rank interval needs 6 pairs. */
export const MIN_ROUNDS = 6
/** Most rounds asked for: every statistic then stays well under a second. */
export const MAX_ROUNDS = 1000
/**
 * Length of a block, ms: short against the seconds over which a shared machine's speed drifts,
 * long against the clock's cost and the event loop's turns, and a few hundred samples of a fast
 * call. A longer `time` lengthens the blocks, so that the rounds stay at most about {@link MAX_ROUNDS}.
 */
export const BLOCK_TIME = 10
/** Most functions measured together: each round then still fits in a tenth of a second. */
export const MAX_TOGETHER = 8

const OWNER = 'benchTogether()'

/**
 * Checks `benchTogether()`'s functions: an object of 2 to {@link MAX_TOGETHER} functions by
 * name; a `TypeError` showing an accepted call otherwise.
 */
export function checkTogetherFunctions(fns: unknown): asserts fns is Record<string, () => unknown> {
  const example = "benchTogether({ next: () => parseV2(doc), old: () => parseV1(doc) })"
  if (!fns || typeof fns !== 'object' || Array.isArray(fns)) throw argumentError(`${OWNER} functions (first argument)`, fns, `an object of functions by name, e.g. ${example}`)
  const symbols = Object.getOwnPropertySymbols(fns)
  // A symbol key has no name to report: it would be measured as nothing, without a word.
  if (symbols.length) throw new TypeError(`perfspec: ${OWNER} names each function by a string key, e.g. ${example}; received a symbol key (${symbols.map(String).join(', ')})`)
  const names = Object.keys(fns)
  if (names.length < 2 || names.length > MAX_TOGETHER) {
    throw new TypeError(`perfspec: ${OWNER} measures 2 to ${MAX_TOGETHER} functions together, e.g. ${example}; received ${names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', ')}`)
  }
  for (const name of names) {
    const fn = (fns as Record<string, unknown>)[name]
    if (name.trim() === '') throw new TypeError(`perfspec: ${OWNER} names each function by a non-empty key, e.g. ${example}`)
    checkName(OWNER, name)
    if (typeof fn !== 'function') throw new TypeError(`perfspec: ${OWNER} function "${name}" must be a function, e.g. ${example}; received ${describe(fn)}`)
  }
}

/** Checks `benchTogether()`'s options; a `TypeError` naming the option and an accepted form otherwise. */
export function resolveTogetherOptions(options: unknown): ResolvedTogetherOptions {
  const o = optionsObject(options, KNOWN, OWNER, "{ time: '1s', cpu: true }")
  if (o.cpu !== undefined && typeof o.cpu !== 'boolean') {
    // Another process's CPU is read from counters too coarse for blocks of milliseconds.
    throw argumentError(`${OWNER} option "cpu"`, o.cpu, "true or false (the CPU of this process, read around each block; for another process's CPU use bench() with { cpu: { pid } })")
  }
  const time = o.time === undefined ? DEFAULT_TOGETHER_TIME : boundedDuration(o.time, 'time', "'1s'", false, OWNER)
  const rounds = o.rounds === undefined ? DEFAULT_ROUNDS : parseWholeNumber(o.rounds, `${OWNER} option "rounds"`, MIN_ROUNDS, MAX_ROUNDS, '20')
  const resolved: ResolvedTogetherOptions = {
    time,
    warmup: o.warmup === undefined ? DEFAULT_WARMUP : o.warmup === false ? 0 : boundedDuration(o.warmup, 'warmup', "'100ms'", true, OWNER),
    rounds,
    block: Math.max(BLOCK_TIME, time / MAX_ROUNDS),
    cpu: o.cpu === true,
    heap: o.heap === undefined ? false : booleanOption(o.heap, 'heap', OWNER),
  }
  return { ...resolved, ...resolveLifecycleOptions(o, OWNER) }
}
