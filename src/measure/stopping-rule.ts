/** What the sampler knows when it asks whether to stop. */
export interface SamplingProgress {
  /** Sampling time so far, ms (warm-up excluded). */
  elapsed: number
  /** Samples taken so far. */
  samples: number
  /** Relative margin of error of the mean so far, percent. */
  rme: number
}

/** Why sampling stopped. */
export type StopReason = 'precision' | 'time' | 'iterations'

/**
 * Decides when a benchmark has sampled enough. Injectable through `bench()`'s `stoppingRule`
 * option so that tests can drive the sampler deterministically.
 */
export interface StoppingRule {
  /** Returns why to stop now, or `undefined` to take another sample. */
  check(progress: SamplingProgress): StopReason | undefined
}

/** Parameters of the {@link defaultStoppingRule}. */
export interface StoppingParams {
  /** Sampling budget, ms. */
  time: number
  /** Minimum samples before any stop. */
  minSamples: number
  /** Stop early once the margin of error is at most this (percent)… */
  targetRme: number
  /** …and at least this much sampling time (ms) has passed. */
  minTime: number
}

/**
 * Stop once `minSamples` are taken and either the budget `time` is spent or, after `minTime`,
 * the mean is known to `targetRme`. When the budget is spent before `minSamples` (slow calls),
 * sampling continues until `minSamples`: the user asked for that many.
 */
export function defaultStoppingRule(params: StoppingParams): StoppingRule {
  return {
    check({ elapsed, samples, rme }) {
      if (samples < params.minSamples) return undefined
      if (elapsed >= params.minTime && rme <= params.targetRme) return 'precision'
      if (elapsed >= params.time) return samples === params.minSamples ? 'iterations' : 'time'
      return undefined
    },
  }
}

/**
 * Stops once `ms` have passed since the first sample: a rule is asked after each sample, so at
 * least one is taken however short `ms` is.
 */
export function untilElapsed(ms: number): StoppingRule {
  return { check: ({ elapsed }) => (elapsed >= ms ? 'time' : undefined) }
}
