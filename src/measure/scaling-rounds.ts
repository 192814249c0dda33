import { SampleSet } from '../analyse/sample-set.js'
import { median } from '../analyse/median.js'
import type { Clock } from './clock.js'
import { BlockSink } from './block-sink.js'
import { shuffle } from './round-order.js'
import type { Prepared } from './sampler.js'
import { untilElapsed } from './stopping-rule.js'

/** How the rounds are run. Times in ms. */
export interface RoundsPlan {
  /** Sampling budget over every size and round. */
  time: number
  rounds: number
  clock: Clock
  /** Uniform in [0, 1): shuffles the order of the sizes in each round. Default `Math.random`. */
  random?: () => number
}

/** What the rounds measured at one size. */
export interface SizeSamples {
  /** Every kept sample of every round. */
  samples: SampleSet
  /** Calls made while sampling. */
  ops: number
  /** Sampling time over all rounds, ms. */
  sampleTime: number
}

/** What the rounds measured. */
export interface RoundsOutcome {
  /** `medians[r][i]`: round r's median time per call at size i, ms. */
  medians: number[][]
  /** Per size, everything its rounds measured. */
  sizes: SizeSamples[]
}

/**
 * Samples several prepared functions (one per size) in interleaved rounds: each round visits
 * every size once, in a shuffled order, re-warms it with one discarded batch, then samples it
 * for the rest of an equal share of the budget (at least one sample). The machine slows down in stretches of 0.1 s to seconds; in
 * short interleaved rounds such a stretch falls on every size alike, or on one round of one
 * size, instead of on whichever size happened to be measured then — which would bend the curve.
 * Each round's median per size is kept for the fit.
 */
export async function sampleInRounds(prepared: readonly Prepared[], plan: RoundsPlan): Promise<RoundsOutcome> {
  const random = plan.random ?? Math.random
  const share = plan.time / (plan.rounds * prepared.length)
  const sizes: SizeSamples[] = prepared.map(() => ({ samples: new SampleSet(), ops: 0, sampleTime: 0 }))
  const medians: number[][] = []
  for (let round = 0; round < plan.rounds; round++) {
    const row = new Array<number>(prepared.length)
    for (const i of shuffle(Array.from({ length: prepared.length }, (_, j) => j), random)) {
      const size = sizes[i]!
      // The re-warm is paid from the size's share, so that the rounds keep to the budget.
      const rewarm = await prepared[i]!.rewarm()
      const stretch = new BlockSink(size.samples)
      const run = await prepared[i]!.take(stretch, untilElapsed(share - rewarm))
      size.ops += run.ops
      size.sampleTime += run.elapsed
      row[i] = median(stretch.block)
    }
    medians.push(row)
  }
  return { medians, sizes }
}
