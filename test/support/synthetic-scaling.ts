import { fitScaling } from '../../src/analyse/scaling-fit.js'
import { seededRandom } from '../../src/analyse/random.js'
import { sizeName } from '../../src/bench-scaling.js'
import type { ScalingResult } from '../../src/model/scaling.js'
import { latencies, resultOf } from './synthetic-result.js'

/** How a synthetic scaling check is made. */
export interface SyntheticScaling {
  sizes: number[]
  /** Time per call at size n, ms. */
  cost: (n: number) => number
  rounds?: number
  /** Relative noise of each round's time (log-normal sd). Default 0.03. */
  noise?: number
  /** Each round's slowdown, e.g. a slow stretch of the machine: round r takes `drift(r)` times as long at every size. */
  drift?: (round: number) => number
  seed?: number
}

/** The rounds of a synthetic check: `rounds[r][i]`, ms, seeded. */
export function syntheticRounds(s: SyntheticScaling): number[][] {
  const random = seededRandom(s.seed ?? 1)
  const noise = s.noise ?? 0.03
  return Array.from({ length: s.rounds ?? 12 }, (_, r) =>
    s.sizes.map((n) => {
      // Box–Muller from the seeded generator: log-normal noise around the cost.
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
      return s.cost(n) * (s.drift?.(r) ?? 1) * Math.exp(noise * z)
    }),
  )
}

/** A scaling result as `benchScaling()` returns it, from synthetic rounds: the same on every machine. */
export function syntheticScaling(id: string, s: SyntheticScaling): ScalingResult {
  const rounds = syntheticRounds(s)
  const { times, fit } = fitScaling(s.sizes, rounds)
  const name = id.split(' > ').at(-1)!
  return {
    id,
    name,
    points: s.sizes.map((size, i) => {
      const result = resultOf(`${id} [n=${size}]`, latencies(200, 40 + i, times[i], 0.1))
      return { size, time: times[i]!, rounds: rounds.map((row) => row[i]!), result: { ...result, id: `${id.slice(0, -name.length)}${sizeName(name, size)}`, name: sizeName(name, size) } }
    }),
    fit,
    rounds: rounds.length,
    warnings: [],
  }
}
