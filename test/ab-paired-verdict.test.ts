import { describe, expect, test } from 'vitest'
import { normal, seededRandom } from '../src/analyse/random'
import { syntheticBlocks } from './support/synthetic-blocks'
import { MIN_BATCH_PAIRS } from '../src/analyse/batch-means'
import { confirmSlower, stillSuspect } from '../src/compare/ab-confirmation'
import type { AbComparison } from '../src/model/ab'
import { decide, DEFAULT_LOOKS, lookAtPairs, lookConfidence, lookSchedule, nearZero, pairsNeeded, SCREEN_CONFIDENCE, type PairedDecision, type PairedLook } from '../src/compare/paired-verdict'

/**
 * One comparison run the way the coordinator runs it: pairs of blocks whose figures share the
 * machine's slow stretches (`drift`), each with its own noise (`sd`, in logs), head `change`
 * slower; looked at on the default schedule at the corrected confidence, up to `maxPairs`.
 */
function simulate(seed: number, change: number, options: { sd?: number; drift?: number; maxPairs?: number; benchmarks?: number; sideStretch?: number; stretchEnd?: number; screen?: number; screenAnyWidth?: boolean; equivalence?: number; random?: () => number } = {}): { decision: PairedDecision; pairs: number; look?: PairedLook } {
  const random = options.random ?? seededRandom(seed)
  const sd = options.sd ?? 0.04
  const confidence = lookConfidence(0.95, options.benchmarks ?? 10, DEFAULT_LOOKS.max)
  // A stretch in which one side's own process runs a mode 1.5x slower, ending after 1 / stretchEnd pairs on average.
  const { base, head, grow } = syntheticBlocks(random, change, { sd, drift: options.drift ?? 0.1, ...(options.sideStretch !== undefined && { sideStretch: options.sideStretch }), ...(options.stretchEnd !== undefined && { stretchEnd: options.stretchEnd }) })
  for (const at of lookSchedule()) {
    if (at > (options.maxPairs ?? 900)) break
    grow(at)
    const look = lookAtPairs(base, head, 0.1, { confidence, ...(options.screen !== undefined && { screen: options.screen, ...(options.screenAnyWidth && { screenAnyWidth: true }) }), ...(options.equivalence !== undefined && { equivalence: options.equivalence }) })
    if (look.decision !== 'undecided') return { decision: look.decision, pairs: base.length, look }
  }
  return { decision: 'undecided', pairs: base.length }
}

function tally(change: number, runs: number, options?: Parameters<typeof simulate>[2]): Record<PairedDecision, number> {
  const counts: Record<PairedDecision, number> = { slower: 0, faster: 0, unchanged: 0, undecided: 0 }
  for (let seed = 1; seed <= runs; seed++) counts[simulate(seed, change, options).decision]++
  return counts
}

describe('decide', () => {
  test.each([
    [0.15, [0.12, 0.2], 'slower'],
    [0.03, [0.01, 0.2], 'slower'],
    [0.06, [0.01, 0.09], 'slower'],
    [0.04, [0.01, 0.09], 'slower'],
    [0.03, [0.01, 0.09], 'unchanged'],
    [0.01, [-0.05, 0.08], 'unchanged'],
    [0.02, [0.01, 0.04], 'unchanged'],
    [-0.02, [-0.04, -0.01], 'unchanged'],
    [-0.06, [-0.09, -0.01], 'faster'],
    [-0.05, [-0.3, -0.01], 'faster'],
    [-0.2, [-0.3, -0.12], 'faster'],
    [0.05, [-0.02, 0.15], 'undecided'],
    [-0.05, [-0.15, 0.02], 'undecided'],
    [Number.NaN, [Number.NaN, Number.NaN], 'undecided'],
  ] as const)('estimate %s, interval %j at a 10 %% threshold: %s', (change, interval, decision) => {
    expect(decide(change, interval, 0.1)).toBe(decision)
  })
})

describe('the screen', () => {
  test('a look the corrected interval leaves undecided or unchanged reads slower when the 99 % one lies above 0 and the estimate reaches a third of T', () => {
    // 32 pairs, head 4.6 % slower, its batches of two pairs alternating ±3.8 % about that: the
    // corrected interval (18 benchmarks, 12 looks) fits under +10 % but reaches below 0.
    const base = Array.from({ length: 32 }, () => 1000)
    const head = base.map((b, i) => b * Math.exp(0.045 + (Math.floor(i / 2) % 2 ? 0.038 : -0.038)))
    const strict = lookAtPairs(base, head, 0.1, { confidence: lookConfidence(0.95, 18, 12) })
    expect(strict.decision).toBe('unchanged')
    expect(strict.decision).not.toBe('slower')
    expect(strict.interval[0]).toBeLessThanOrEqual(0)
    const screened = lookAtPairs(base, head, 0.1, { confidence: lookConfidence(0.95, 18, 12), screen: SCREEN_CONFIDENCE })
    expect(screened).toMatchObject({ decision: 'slower', confidence: SCREEN_CONFIDENCE, change: strict.change })
    expect(screened.interval[0]).toBeGreaterThan(0)
    // The same spread about +2 %: below a third of T, not a suspect; wider, reaching +10 %: not either.
    const small = base.map((b, i) => b * Math.exp(0.02 + (Math.floor(i / 2) % 2 ? 0.038 : -0.038)))
    expect(lookAtPairs(base, small, 0.1, { confidence: lookConfidence(0.95, 18, 12), screen: SCREEN_CONFIDENCE }).decision).toBe('unchanged')
    const wide = base.map((b, i) => b * Math.exp(0.045 + (Math.floor(i / 2) % 2 ? 0.042 : -0.042)))
    expect(lookAtPairs(base, wide, 0.1, { confidence: lookConfidence(0.95, 18, 12), screen: SCREEN_CONFIDENCE }).decision).toBe('undecided')
  })

  test('in the run\'s own pass (screenAnyWidth) it applies whatever the corrected interval\'s upper end: a noisy change of T is suspected as soon as the screen leaves 0 behind', () => {
    // 32 pairs, head 10 % slower, batches alternating ±8 %: the corrected interval reaches below 0 and past +10 %.
    const base = Array.from({ length: 32 }, () => 1000)
    const head = base.map((b, i) => b * Math.exp(0.095 + (Math.floor(i / 2) % 2 ? 0.08 : -0.08)))
    const confidence = lookConfidence(0.95, 18, 12)
    const strict = lookAtPairs(base, head, 0.1, { confidence })
    expect(strict.interval[0]).toBeLessThan(0)
    expect(strict.interval[1]).toBeGreaterThan(0.1)
    expect(lookAtPairs(base, head, 0.1, { confidence, screen: SCREEN_CONFIDENCE }).decision).toBe('undecided')
    const own = lookAtPairs(base, head, 0.1, { confidence, screen: SCREEN_CONFIDENCE, screenAnyWidth: true })
    expect(own).toMatchObject({ decision: 'slower', confidence: SCREEN_CONFIDENCE })
    expect(own.interval[0]).toBeGreaterThan(0)
    // Still not below a third of T.
    const small = base.map((b, i) => b * Math.exp(0.025 + (Math.floor(i / 2) % 2 ? 0.08 : -0.08)))
    expect(lookAtPairs(base, small, 0.1, { confidence, screen: SCREEN_CONFIDENCE, screenAnyWidth: true }).decision).not.toBe('slower')
  })

  test('on noisy synthetic streams, the own pass suspects +10 % on fewer pairs with screenAnyWidth, as often', () => {
    const opts = { sd: 0.1, drift: 0.2, benchmarks: 13, screen: SCREEN_CONFIDENCE }
    const run = (screenAnyWidth: boolean) => {
      let pairs = 0
      let slower = 0
      for (let seed = 1; seed <= 200; seed++) {
        const r = simulate(seed, 0.1, { ...opts, screenAnyWidth })
        pairs += r.pairs
        if (r.decision === 'slower') slower++
      }
      return { pairs: pairs / 200, slower }
    }
    const before = run(false)
    const after = run(true)
    expect(after.pairs).toBeLessThan(0.7 * before.pairs)
    expect(after.slower).toBeGreaterThanOrEqual(before.slower - 2)
  })
})

describe('the equivalence interval', () => {
  const family = lookConfidence(0.95, 18, 12)
  const own = lookConfidence(0.95, 1, 12)
  // 32 pairs, their batches of two alternating ±9 % about `centre`: the corrected interval
  // reaches beyond ±10 %, the one corrected for the looks only does not.
  const pairs = (centre: number) => {
    const base = Array.from({ length: 32 }, () => 1000)
    return { base, head: base.map((b, i) => b * Math.exp(centre + (Math.floor(i / 2) % 2 ? 0.09 : -0.09))) }
  }

  test('an estimate within a sixth of T of 0 is unchanged when the interval at its own confidence lies within ±T; the look reports that interval', () => {
    const { base, head } = pairs(0.005)
    const strict = lookAtPairs(base, head, 0.1, { confidence: family })
    expect(strict.decision).toBe('undecided')
    const look = lookAtPairs(base, head, 0.1, { confidence: family, equivalence: own })
    expect(look).toMatchObject({ decision: 'unchanged', confidence: own, change: strict.change })
    expect(look.interval[0]).toBeGreaterThan(-0.1)
    expect(look.interval[1]).toBeLessThan(0.1)
    expect(look.interval[1] - look.interval[0]).toBeLessThan(strict.interval[1] - strict.interval[0])
  })

  test('one further off (+2 % at T = 10 %) is held to the corrected interval: still undecided', () => {
    expect(nearZero(0.015, 0.1)).toBe(true)
    expect(nearZero(0.02, 0.1)).toBe(false)
    expect(nearZero(-0.02, 0.1)).toBe(false)
    const { base, head } = pairs(0.02)
    expect(lookAtPairs(base, head, 0.1, { confidence: family, equivalence: own }).decision).toBe('undecided')
  })

  test('on synthetic streams: A/A decided on fewer pairs, nothing flagged, and +10 % still flagged in at least 19 of 20', () => {
    const opts = { sd: 0.1, drift: 0.2, benchmarks: 18 }
    const pairsOf = (change: number, equivalence?: number) => {
      let sum = 0
      for (let seed = 1; seed <= 200; seed++) sum += simulate(seed, change, { ...opts, ...(equivalence !== undefined && { equivalence }) }).pairs
      return sum / 200
    }
    expect(pairsOf(0, own)).toBeLessThan(0.9 * pairsOf(0))
    const aa = tally(0, 300, { ...opts, equivalence: own })
    expect(aa.slower + aa.faster).toBeLessThanOrEqual(1)
    expect(tally(0.1, 200, { ...opts, equivalence: own }).slower).toBeGreaterThanOrEqual(190)
  })
})

describe('the look schedule and its confidence', () => {
  test('looks grow by half from 16 pairs, 12 of them', () => {
    expect(lookSchedule()).toEqual([16, 24, 36, 54, 81, 122, 182, 273, 410, 615, 923, 1384])
    expect(lookSchedule({ first: 1, growth: 1.01, max: 3 })).toEqual([1, 2, 3])
  })

  test('Bonferroni over the benchmarks and the looks', () => {
    expect(lookConfidence(0.95, 1, 1)).toBeCloseTo(0.95, 12)
    expect(lookConfidence(0.95, 10, 12)).toBeCloseTo(1 - 0.05 / 120, 12)
    expect(lookConfidence(0.95, 0, 12)).toBeCloseTo(1 - 0.05 / 12, 12)
  })

  test('the first look has pairs enough for an interval at any confidence', () => {
    expect(MIN_BATCH_PAIRS).toBeLessThanOrEqual(lookSchedule()[0]!)
    const random = seededRandom(5)
    const base = Array.from({ length: 16 }, () => Math.exp(0.02 * normal(random)))
    const head = base.map((b) => b * Math.exp(0.02 * normal(random)))
    expect(lookAtPairs(base, head, 0.1, { confidence: lookConfidence(0.95, 200, DEFAULT_LOOKS.max) }).interval.every(Number.isFinite)).toBe(true)
  })
})

describe('sequential verdicts on synthetic block streams', () => {
  test('A/A: no change is flagged at most at the nominal rate, and is called unchanged', () => {
    // 5 % family-wise over 10 benchmarks: 0.5 % of 300 comparisons, 1.5.
    const counts = tally(0, 300)
    expect(counts.slower + counts.faster).toBeLessThanOrEqual(1)
    expect(counts.unchanged).toBeGreaterThanOrEqual(299)
  })

  test('A/A with a slow host and heavy noise: still not flagged', () => {
    // At most about the nominal rate: 5 % family-wise over 10 benchmarks, 0.5 % of 300.
    const counts = tally(0, 300, { sd: 0.15, drift: 0.3 })
    expect(counts.slower + counts.faster).toBeLessThanOrEqual(3)
  })

  test("A/A where one side's process runs 1.5x slower for stretches of about 4 pairs: not flagged", () => {
    // Neighbouring pairs share such a stretch: an interval that took each pair as independent
    // would call it a change (the signed-rank interval flags 17 of these 300); batches of pairs
    // count it about once per batch.
    const counts = tally(0, 300, { sd: 0.02, sideStretch: 0.05, stretchEnd: 0.25 })
    expect(counts.slower + counts.faster).toBeLessThanOrEqual(5)
  })

  test('+10 %: flagged slower in at least 19 of 20', () => {
    const counts = tally(0.1, 200)
    expect(counts.slower).toBeGreaterThanOrEqual(190)
    expect(counts.unchanged).toBeLessThanOrEqual(5)
  })

  test('+5 %, the corrected interval alone (no screen, as with --confirm 0): about half flagged, the coin flip at half the threshold', () => {
    const counts = tally(0.05, 200)
    expect(counts.slower).toBeGreaterThan(60)
    expect(counts.unchanged).toBeGreaterThan(60)
  })

  test('−10 %: faster', () => {
    expect(tally(-0.1, 100).faster).toBeGreaterThanOrEqual(95)
  })

  test('a shared slow stretch of the host cancels in the pairs', () => {
    // The drift alone is ten times the noise of a block, and moves both blocks of a pair.
    const counts = tally(0.1, 100, { sd: 0.02, drift: 0.2 })
    expect(counts.slower).toBeGreaterThanOrEqual(95)
  })

  test('few pairs at the cap: undecided, and pairsNeeded says how many would do', () => {
    const result = simulate(3, 0.04, { sd: 0.2, maxPairs: 40 })
    expect(result.decision).toBe('undecided')
    const random = seededRandom(3)
    const base = Array.from({ length: 36 }, () => Math.exp(0.2 * normal(random)))
    const head = Array.from({ length: 36 }, () => 1.04 * Math.exp(0.2 * normal(random)))
    const look = lookAtPairs(base, head, 0.1, { confidence: lookConfidence(0.95, 10, 12) })
    expect(look.decision).toBe('undecided')
    const needs = pairsNeeded(look, 0.1, 70)
    expect(needs.pairs).toBeGreaterThan(36)
    expect(needs.ms).toBe(Math.round(needs.pairs * 70))
  })

  test('no interval yet: pairsNeeded asks for the fewest that give one', () => {
    const look = lookAtPairs([1, 1, 1], [1.1, 1.2, 1.1], 0.1, { confidence: 0.999 })
    expect(look.interval.every(Number.isNaN)).toBe(true)
    expect(pairsNeeded(look, 0.1, 50).pairs).toBe(MIN_BATCH_PAIRS)
  })
})

/**
 * A whole `perfspec ab` verdict on one benchmark: its first pair of processes screens (the
 * gate's corrected interval, or the screening one at 99 %), then up to `confirm` pairs of fresh
 * processes measure each suspect again while they read it above 0, and `confirmSlower` decides.
 * Each pair of processes adds its own difference between the two sides, normal with `processSd`
 * in logs: what fresh processes are for.
 */
function verdict(seed: number, change: number, processSd: number, confirm = 4): AbComparison['status'] {
  const random = seededRandom(seed)
  // The first pair of processes is the run's own pass: screened on any look; fresh rounds only under +T.
  const round = (own = false): AbComparison | undefined => {
    const r = simulate(seed, Math.expm1(Math.log1p(change) + processSd * normal(random)), { screen: SCREEN_CONFIDENCE, screenAnyWidth: own, random, benchmarks: 18 })
    if (!r.look) return undefined
    const { change: c, interval, confidence } = r.look
    return { id: 'x', file: 'a.test.ts', test: 't', titles: ['t'], name: 'x', status: r.decision === 'undecided' ? 'inconclusive' : r.decision, pairs: r.pairs, base: { typicalNs: 1000, n: r.pairs }, head: { typicalNs: 1000 * (1 + c), n: r.pairs }, metric: 'typical', change: c, interval, confidence, threshold: 0.1, ms: 0 }
  }
  const first = round(true)
  if (first?.status !== 'slower') return first?.status ?? 'inconclusive'
  const again: AbComparison[] = []
  while (again.length < confirm && stillSuspect(first, again, 0.1)) {
    const next = round()
    if (next) again.push(next)
  }
  rounds.push(again.length)
  return confirmSlower(first, again, 0.1).status
}

/** How many fresh rounds each suspect of the last {@link flagged} took. */
let rounds: number[] = []

function flagged(change: number, processSd: number, runs: number): number {
  let n = 0
  rounds = []
  for (let seed = 1; seed <= runs; seed++) if (verdict(seed, change, processSd) === 'slower') n++
  return n
}

describe('the screen and the fresh rounds together, on synthetic streams with differences between processes', () => {
  test('A/A: a benchmark whose pairs of processes differ by 4.5 % (sd) is seldom flagged', () => {
    // The first pair of processes makes it a suspect often; the fresh rounds must agree beyond a
    // margin, which such differences seldom do.
    expect(flagged(0, 0.045, 300)).toBeLessThanOrEqual(3)
  })

  test('A/A: a steady benchmark (1 % between processes) is not flagged', () => {
    expect(flagged(0, 0.01, 300)).toBe(0)
  })

  test('+5 % (half the threshold): flagged more often than not', () => {
    expect(flagged(0.049, 0.012, 200)).toBeGreaterThan(110)
  })

  test('+10 %: flagged in at least 19 of 20', () => {
    expect(flagged(0.1, 0.012, 200)).toBeGreaterThanOrEqual(190)
  })

  test('+10 %: most runs are confirmed after three fresh rounds, not four', () => {
    flagged(0.1, 0.012, 200)
    expect(rounds.filter((n) => n === 3).length).toBeGreaterThan(rounds.filter((n) => n === 4).length)
    expect(rounds.every((n) => n >= 3)).toBe(true)
  })

  test('A/A, processes 7 % apart (sd): the early stop does not confirm what the last look would not', () => {
    expect(flagged(0, 0.07, 1000)).toBeLessThanOrEqual(15)
  })
})
