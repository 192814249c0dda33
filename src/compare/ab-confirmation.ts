import type { AbComparison, AbRound } from '../model/ab.js'
import { slowerFrom } from './paired-verdict.js'

/**
 * Why a comparison that read slower is measured again in fresh processes: two test processes
 * running the same code can differ by a few percent for as long as they live (where their code
 * and data landed in memory, what each one's calibration chose), most for benchmarks of a
 * microsecond or less. Within one pair of processes such a difference looks like a change, with
 * an interval as narrow as any; another pair of processes draws another difference, while a
 * change of the code stays.
 */

/** Pairs of fresh processes that measure a suspect again, by default. */
export const DEFAULT_AB_CONFIRM = 2

/** What one comparison read, as a round. */
export function roundOf(c: Pick<AbComparison, 'change' | 'interval' | 'pairs'>): AbRound {
  return { change: c.change, interval: [c.interval[0], c.interval[1]], pairs: c.pairs }
}

/** Whether a round reads slower at all: its interval lies wholly above 0. */
export function roundSlower(r: AbRound): boolean {
  return r.interval[0] > 0
}

/** The measurements again that read anything: those that met their partner and have an interval. */
function readings(again: readonly AbComparison[]): AbComparison[] {
  return again.filter((c) => c.pairs > 0 && Number.isFinite(c.interval[0]))
}

/**
 * The verdict on a suspect (a comparison that read slower) after its rounds: its own first, then
 * each pair of fresh processes that measured it again (one that did not meet its partner again is
 * left out). Slower when every round's interval lies above 0, and either the geometric mean of
 * the rounds' changes reaches about T / 2 (√(1 + T) − 1, a single comparison's rule) or every
 * round read slower on its own; also when no fresh pair could measure it at all (its one round
 * says so). Otherwise inconclusive (`not-confirmed`): the rounds disagree, so what the first saw
 * may be its processes, not the code. Pure.
 */
export function confirmSlower(first: AbComparison, again: readonly AbComparison[], threshold: number): AbComparison {
  const read = readings(again)
  const rounds = [roundOf(first), ...read.map(roundOf)]
  // No fresh process could measure it (its file failed or was killed there, the sides did not
  // meet): nothing contradicts the first reading, and a slowdown is never made a pass for that.
  if (read.length === 0) return { ...first, rounds }
  const meanLog = rounds.reduce((sum, r) => sum + Math.log1p(r.change), 0) / rounds.length
  const confirmed = rounds.every(roundSlower) && (Math.expm1(meanLog) >= slowerFrom(threshold) || read.every((c) => c.status === 'slower'))
  if (confirmed) return { ...first, rounds }
  const { needs: _needs, ...rest } = first
  return { ...rest, status: 'inconclusive', reason: 'not-confirmed', rounds }
}

/** Whether a suspect is still worth measuring again: every round so far read it above 0. */
export function stillSuspect(first: AbComparison, again: readonly AbComparison[]): boolean {
  return roundSlower(roundOf(first)) && readings(again).every((c) => roundSlower(roundOf(c)))
}
