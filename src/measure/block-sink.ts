import type { SampleSet } from '../analyse/sample-set.js'
import type { SampleSink } from './sampler.js'

/**
 * Where one stretch of a measurement in several (a block of `benchTogether()`, a round of one
 * size of `benchScaling()`) puts its samples: each goes on to the function's whole sample set,
 * and the stretch's own are kept in `block` for its per-round figures (its median). Clear `block`
 * before the next stretch. Its `count` is the stretch's; its margin of error is not estimated.
 */
export class BlockSink implements SampleSink {
  readonly block: number[] = []
  constructor(private readonly total: SampleSet) {}
  add(ms: number): void {
    this.total.add(ms)
    this.block.push(ms)
  }
  get count(): number {
    return this.block.length
  }
  get rme(): number {
    return Number.POSITIVE_INFINITY
  }
}
