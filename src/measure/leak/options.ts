import { parseWholeNumber } from '../../units/whole-number.js'
import { argumentError } from '../../units/argument-error.js'
import { parseBytes, type ByteSize } from '../../units/bytes.js'
import { optionsObject } from '../../units/options-object.js'
import type { LeakPlan } from './leak-check.js'

/** Options of `expectNoLeak`. Every one is optional. */
export interface LeakOptions {
  /** Name shown in messages and the report; default `fn.name`, else `'leak check'`. */
  name?: string
  /**
   * Calls of `fn` between the first and the last checkpoint of a run. Default: 10,000, or
   * fewer (never under 100) when 10,000 calls would take more than ~0.6 s; giving a number
   * makes exactly that many. 10,000 calls catch one small object kept per 100 calls.
   */
  iterations?: number
  /** Heap readings per run, evenly spaced over the calls; default 11, at least 5. */
  checkpoints?: number
  /**
   * Retained growth per call that is tolerated even when steady: `'64B'`, `'1KB'`, or a number
   * of bytes. Default 0: any growth that rises at nearly every checkpoint fails.
   */
  perCall?: ByteSize
  /**
   * Retained growth over a run that fails on its own, steady or not: `'50MB'`, or bytes.
   * Default: no limit.
   */
  maxGrowth?: ByteSize
  /**
   * Releases what `fn` legitimately keeps (a cache, a pool). Called, and awaited, after every
   * batch of calls before the heap is read, so that only what it leaves behind counts; the
   * heap must then come back to within `cleanupTolerance` of where it started.
   */
  cleanup?: () => unknown
  /** With `cleanup`: growth over a run that is tolerated after cleaning up; default `'1MB'`. */
  cleanupTolerance?: ByteSize
  /**
   * Look again before reporting a leak, so one unlucky run cannot fail a test: heap snapshots
   * around fresh calls that show objects piling up, else a second run; default true.
   */
  confirm?: boolean
  /**
   * On a suspected leak, take heap snapshots to confirm it and name the constructors whose live
   * instances grew with the calls; default true. Snapshots block and need about twice the heap.
   */
  suspects?: boolean
}

/** {@link LeakOptions} checked and resolved to numbers. */
export interface LeakSettings {
  name: string
  plan: LeakPlan
  suspects: boolean
}

const DEFAULT_ITERATIONS = 10_000
/**
 * Most calls of one leak check: ten million calls of even a microsecond each take ten seconds
 * per run, and a check may run twice; more is a typo, not a leak check.
 */
const MAX_LEAK_ITERATIONS = 10_000_000
/** Most heap checkpoints of one run: each costs full garbage collections. */
const MAX_CHECKPOINTS = 1_000

/** How long the calls of one run may take when `iterations` is not given, ms. */
const CALL_BUDGET_MS = 600
const KNOWN = ['name', 'iterations', 'checkpoints', 'perCall', 'maxGrowth', 'cleanup', 'cleanupTolerance', 'confirm', 'suspects'] as const

/**
 * Validates `expectNoLeak`'s arguments. Unknown options, wrong types and unparsable sizes throw
 * a `TypeError` that names the option and shows an accepted value.
 */
export function parseLeakOptions(fn: unknown, options: unknown): LeakSettings {
  if (typeof fn !== 'function') throw argumentError('expectNoLeak(fn)', fn, 'a function, e.g. () => handle(request)')
  const o = optionsObject(options, KNOWN, 'expectNoLeak', '{ iterations: 10_000 }')
  const name = o.name ?? (fn.name || 'leak check')
  if (typeof name !== 'string' || name.trim() === '') throw argumentError('expectNoLeak option "name"', o.name, "a non-empty string such as 'handler'")
  const iterations = optionalInteger(o, 'iterations', 100, MAX_LEAK_ITERATIONS, '10_000')
  const checkpoints = optionalInteger(o, 'checkpoints', 5, MAX_CHECKPOINTS, '11') ?? 11
  const perCall = o.perCall === undefined ? 0 : parseBytes(o.perCall, 'expectNoLeak option "perCall"')
  let maxGrowth = o.maxGrowth === undefined ? Number.POSITIVE_INFINITY : growthLimit(o.maxGrowth, 'maxGrowth')
  if (o.cleanup !== undefined && typeof o.cleanup !== 'function') throw argumentError('expectNoLeak option "cleanup"', o.cleanup, 'a function, e.g. () => cache.clear()')
  if (o.cleanupTolerance !== undefined && o.cleanup === undefined) {
    throw argumentError('expectNoLeak option "cleanupTolerance"', o.cleanupTolerance, "given together with cleanup, e.g. { cleanup: () => cache.clear(), cleanupTolerance: '1MB' }")
  }
  if (o.cleanup !== undefined) maxGrowth = Math.min(maxGrowth, growthLimit(o.cleanupTolerance ?? '1MB', 'cleanupTolerance'))
  const confirm = optionalBoolean(o, 'confirm') ?? true
  const suspects = optionalBoolean(o, 'suspects') ?? true
  return {
    name,
    suspects,
    plan: {
      iterations: iterations ?? DEFAULT_ITERATIONS,
      ...(iterations === undefined ? { callBudget: CALL_BUDGET_MS } : {}),
      checkpoints,
      warmupRounds: WARMUP_ROUNDS,
      readings: READINGS,
      confirm,
      ...(o.cleanup ? { cleanup: o.cleanup as () => unknown } : {}),
      rule: { perCall, maxGrowth, minRising: MIN_RISING },
    },
  }
}

/** Warm-up rounds before measuring; fewer left tier-up of the checkpoint code inside the runs. */
const WARMUP_ROUNDS = 6
/** Collect-then-read rounds per checkpoint, of which the least is kept. */
const READINGS = 3
/** Share of checkpoint-to-checkpoint changes that must be increases: 9 of 10. */
const MIN_RISING = 0.9

/**
 * A limit on the growth of a run, above 0: the heap kept after full collections can move by a
 * few bytes between readings without any leak, so a limit of 0 would fail on that alone.
 */
function growthLimit(value: unknown, key: string): number {
  const bytes = parseBytes(value, `expectNoLeak option "${key}"`)
  if (bytes > 0) return bytes
  throw argumentError(`expectNoLeak option "${key}"`, value, "a size above 0 such as '1MB' (the heap kept after full collections moves by a few bytes without any leak, so 0 would fail on that alone)")
}

function optionalInteger(o: Record<string, unknown>, key: string, least: number, most: number, accepted: string): number | undefined {
  const value = o[key]
  if (value === undefined) return undefined
  return parseWholeNumber(value, `expectNoLeak option "${key}"`, least, most, accepted)
}

function optionalBoolean(o: Record<string, unknown>, key: string): boolean | undefined {
  const value = o[key]
  if (value === undefined || typeof value === 'boolean') return value
  throw argumentError(`expectNoLeak option "${key}"`, value, 'true or false')
}
