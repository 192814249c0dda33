import type { Clock } from './clock.js'

const cache = new WeakMap<Clock, number>()

/**
 * Estimates what one reading of the clock costs (ms), as the median of many back-to-back
 * readings. Batched samples subtract it once per sample. Cached per clock.
 */
export function timerOverhead(clock: Clock): number {
  const cached = cache.get(clock)
  if (cached !== undefined) return cached
  const rounds = 2_000
  const deltas = new Float64Array(rounds)
  for (let warm = 0; warm < 2; warm++) {
    for (let i = 0; i < rounds; i++) {
      const a = clock.now()
      deltas[i] = clock.now() - a
    }
  }
  deltas.sort()
  const median = deltas[rounds >> 1]!
  cache.set(clock, median)
  return median
}
