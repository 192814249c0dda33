import type { TestTimeBudget } from '../model/test-time.js'

/**
 * Share of a test's timeout that perfspec's own extra measurements of its benchmarks (a new
 * baseline measured several times, a suspected regression measured again) and the pauses between
 * them may take, in all. A test whose benchmarks measured once fit in the rest of its timeout
 * therefore never times out because of them.
 */
export const EXTRA_TIME_SHARE = 0.25

/** Shortest pause kept between two measurements, ms: with less time, fewer measurements are taken. */
export const MIN_PAUSE = 10

/**
 * The time (ms) extra measurements and pauses may still take at `now`: what is left of the
 * test's share ({@link EXTRA_TIME_SHARE} of its timeout), and never more than that share of the
 * time left before its deadline, so that a test whose own measurements already use most of its
 * timeout gets fewer. `Infinity` without a budget (no timeout known). Pure.
 */
export function extraTimeLeft(budget: TestTimeBudget | undefined, now: number): number {
  if (!budget) return Number.POSITIVE_INFINITY
  return Math.max(0, Math.min(EXTRA_TIME_SHARE * budget.timeout - budget.spent, EXTRA_TIME_SHARE * (budget.deadline - now)))
}

/**
 * The pause (ms) before the next of `remaining` extra measurements, or `undefined` when none fits
 * in `allowed` ms. Each measurement is expected to take `estimate` ms. As many of the remaining
 * measurements are planned as fit with a pause of at least {@link MIN_PAUSE} each; their pause is
 * `pause` when it fits, shorter otherwise: measurements closer together still tell the fastest
 * reading and a spread, where one left out tells neither. Pure.
 */
export function nextPause(remaining: number, pause: number, estimate: number, allowed: number): number | undefined {
  if (allowed === Number.POSITIVE_INFINITY) return remaining > 0 ? pause : undefined
  for (let n = remaining; n > 0; n--) {
    const room = allowed / n - estimate
    if (room >= Math.min(MIN_PAUSE, pause)) return Math.min(pause, Math.floor(room))
  }
  return undefined
}
