import type { Clock } from './clock.js'
import { compileBatch } from './timing-loop.js'

const cache = new WeakMap<Clock, number>()

/**
 * Per-call cost (ms) of the timing loop around a function that does nothing: the floor below
 * which a measured function cannot be told apart from no work at all. Measured once per clock.
 */
export function emptyLoopCost(clock: Clock): number {
  const cached = cache.get(clock)
  if (cached !== undefined) return cached
  const run = compileBatch(() => undefined, clock, false, { value: undefined })
  const calls = 100_000
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < 20; round++) best = Math.min(best, (run(calls) as number) / calls)
  cache.set(clock, best)
  return best
}
