/**
 * The confirmation of `perfspec ab`, simulated: on seeded synthetic block streams (each pair of
 * blocks shares the host's slow stretches, each block has noise of its own, each pair of processes
 * a difference of its own), one benchmark's whole verdict (its own pass, screened on any look, then
 * fresh rounds while it stays a suspect, then `confirmSlower`), with each fresh round measured to
 * a verdict (`to a verdict`, as before) and ended at its look at FRESH_ROUND_PAIRS (`capped`, as
 * now):
 *
 *   npx tsx bench/ab-screen-sim.ts [--runs 400]
 *
 * Prints per noise level and change: runs flagged slower, suspects, fresh rounds per run and
 * pairs per run (own pass, all). Needs no build and measures nothing: it is arithmetic.
 */
import { seededRandom } from '../src/analyse/random.js'
import { confirmSlower, FRESH_ROUND_PAIRS, stillSuspect } from '../src/compare/ab-confirmation.js'
import { DEFAULT_LOOKS, lookAtPairs, lookConfidence, lookSchedule, SCREEN_CONFIDENCE } from '../src/compare/paired-verdict.js'
import type { AbComparison } from '../src/model/ab.js'
import { syntheticBlocks, type BlockNoise } from '../test/support/synthetic-blocks.js'
import { countOption } from './count-option.js'

const T = 0.1
/** The run's benchmarks, for the corrected confidence: the example suite's gated ones. */
const BENCHMARKS = 13

/** One pair of processes taking turns until a look decides (or the schedule ends). */
function pairOfProcesses(random: () => number, change: number, noise: BlockNoise, own: boolean, capped: boolean): { look?: ReturnType<typeof lookAtPairs>; pairs: number } {
  const confidence = lookConfidence(0.95, BENCHMARKS, DEFAULT_LOOKS.max)
  const equivalence = own ? lookConfidence(0.95, 1, DEFAULT_LOOKS.max) : undefined
  const { base, head, grow } = syntheticBlocks(random, change, noise)
  for (const at of lookSchedule()) {
    grow(at)
    const look = lookAtPairs(base, head, T, { confidence, screen: SCREEN_CONFIDENCE, ...(own && { screenAnyWidth: true }), ...(equivalence !== undefined && { equivalence }) })
    if (look.decision !== 'undecided') return { look, pairs: base.length }
    // A fresh round ends here, decided or not: its reading is one of several.
    if (!own && capped && at >= FRESH_ROUND_PAIRS) return { look, pairs: base.length }
  }
  return { pairs: base.length }
}

function comparison(look: NonNullable<ReturnType<typeof lookAtPairs>>, pairs: number): AbComparison {
  const status = look.decision === 'undecided' ? 'inconclusive' : look.decision
  return { id: 'x', file: 'a.test.ts', test: 't', titles: ['t'], name: 'x', status, pairs, base: { typicalNs: 1000, n: pairs }, head: { typicalNs: 1000 * (1 + look.change), n: pairs }, metric: 'typical', change: look.change, interval: look.interval, confidence: look.confidence, threshold: T, ms: 0 }
}

function verdict(seed: number, change: number, noise: BlockNoise, capped: boolean) {
  const random = seededRandom(seed)
  const first = pairOfProcesses(random, change, noise, true, capped)
  let pairs = first.pairs
  if (first.look?.decision !== 'slower') return { slower: false, suspect: false, rounds: 0, ownPairs: first.pairs, pairs }
  const suspect = comparison(first.look, first.pairs)
  const again: AbComparison[] = []
  let rounds = 0
  while (rounds < 6 && again.length < 4 && stillSuspect(suspect, again, T)) {
    rounds++
    const round = pairOfProcesses(random, change, noise, false, capped)
    pairs += round.pairs
    if (round.look) again.push(comparison(round.look, round.pairs))
  }
  return { slower: confirmSlower(suspect, again, T).status === 'slower', suspect: true, rounds, ownPairs: first.pairs, pairs }
}

const runs = countOption(process.argv.slice(2), '--runs', 400)
const levels: Required<Pick<BlockNoise, 'sd' | 'drift' | 'processes'>>[] = [
  { sd: 0.04, drift: 0.1, processes: 0.02 },
  { sd: 0.1, drift: 0.2, processes: 0.03 },
  { sd: 0.15, drift: 0.3, processes: 0.03 },
]
for (const noise of levels) {
  for (const change of [0, 0.05, 0.1]) {
    const cells = [false, true].map((capped) => {
      let slower = 0
      let suspects = 0
      let rounds = 0
      let ownPairs = 0
      let pairs = 0
      for (let seed = 1; seed <= runs; seed++) {
        const v = verdict(seed * 7919, change, noise, capped)
        slower += Number(v.slower)
        suspects += Number(v.suspect)
        rounds += v.rounds
        ownPairs += v.ownPairs
        pairs += v.pairs
      }
      return `${capped ? 'capped' : 'to a verdict'}: slower ${slower}, suspects ${suspects}, rounds ${(rounds / runs).toFixed(2)}, pairs ${(ownPairs / runs).toFixed(0)} own / ${(pairs / runs).toFixed(0)} all`
    })
    console.log(`noise sd ${noise.sd}, drift ${noise.drift}, processes ${noise.processes}; change ${(change * 100).toFixed(0)} %; ${runs} runs: ${cells.join(' | ')}`)
  }
}
