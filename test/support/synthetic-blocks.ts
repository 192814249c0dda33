import { normal } from '../../src/analyse/random'

/** The noise of {@link syntheticBlocks}' stream; all in natural logs. */
export interface BlockNoise {
  /** Each block's own noise. */
  sd: number
  /** The host's slow stretches, shared by both blocks of a pair (AR(1) at 0.8). */
  drift: number
  /** The difference one pair of processes draws for its whole life (absent: none, and no draw). */
  processes?: number
  /** Per pair, the chance that one side's process enters a mode 1.5x slower (absent: never). */
  sideStretch?: number
  /** Per pair, the chance that such a mode ends (default 0.05). */
  stretchEnd?: number
}

/**
 * Synthetic figures of pairs of blocks taken in turns, head `change` slower (a fraction): what
 * `perfspec ab` compares, for the tests of the paired verdict and bench/ab-screen-sim.ts. `grow`
 * appends pairs until there are `to`; the draws are made in a fixed order, so a seed gives the
 * same stream every time.
 */
export function syntheticBlocks(random: () => number, change: number, noise: BlockNoise): { base: number[]; head: number[]; grow(to: number): void } {
  const base: number[] = []
  const head: number[] = []
  const drawn = Math.log1p(change) + (noise.processes === undefined ? 0 : noise.processes * normal(random))
  let slow = 0
  let stretch: 'base' | 'head' | undefined
  const modeOf = (side: 'base' | 'head') => (stretch === side ? Math.log(1.5) : 0)
  const grow = (to: number) => {
    while (base.length < to) {
      slow = 0.8 * slow + noise.drift * normal(random)
      if (noise.sideStretch !== undefined) {
        if (stretch && random() < (noise.stretchEnd ?? 0.05)) stretch = undefined
        else if (!stretch && random() < noise.sideStretch) stretch = random() < 0.5 ? 'base' : 'head'
      }
      base.push(1000 * Math.exp(slow + modeOf('base') + noise.sd * normal(random)))
      head.push(1000 * Math.exp(drawn + slow + modeOf('head') + noise.sd * normal(random)))
    }
  }
  return { base, head, grow }
}
