import type { AbComparison, AbRound } from '../model/ab.js'
import { RunningStats } from '../analyse/running-stats.js'
import { tQuantile } from '../analyse/student-t.js'
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
export const DEFAULT_AB_CONFIRM = 4

/** One-sided confidence with which the fresh rounds must show a suspect's change above {@link confirmMargin}. */
export const CONFIRM_CONFIDENCE = 0.95

/**
 * The least change the fresh rounds must show, beyond doubt, to confirm a suspect: a tenth of
 * the threshold in logs, (1 + T)^(1/10) − 1 (0.96 % at T = 10 %). Above 0, because a few pairs of
 * processes that happen to agree on a difference of a fraction of a percent are no change worth
 * failing a run for; well below the smallest change that reads slower (`slowerFrom`), so that a
 * change of that size is not lost here.
 */
export function confirmMargin(threshold: number): number {
  return Math.pow(1 + threshold, 0.1) - 1
}

/** What one comparison read, as a round (with each side's typical figure, when it has both). */
export function roundOf(c: Pick<AbComparison, 'change' | 'interval' | 'pairs'> & Partial<Pick<AbComparison, 'base' | 'head'>>): AbRound {
  const sides = c.base && c.head && Number.isFinite(c.base.typicalNs) && Number.isFinite(c.head.typicalNs) ? { typicalNs: { base: c.base.typicalNs, head: c.head.typicalNs } } : {}
  return { change: c.change, interval: [c.interval[0], c.interval[1]], pairs: c.pairs, ...sides }
}

/**
 * Pairs of blocks after which a round in fresh processes ends at its next look, decided or not:
 * each round is one reading among several, and what confirms a suspect is that the rounds agree,
 * which the spread between pairs of processes bounds more than one round's own precision. Past
 * this a round costs time and adds little (docs/ab.md, bench/ab-screen-sim.ts). The run's own
 * pass is not capped: its verdict is the one kept for what is not a suspect.
 */
export const FRESH_ROUND_PAIRS = 81

/** Rounds beyond `--confirm` that may replace rounds that did not measure a suspect (its file failed there, the sides did not meet). */
export const SPARE_CONFIRM_ROUNDS = 2

/** The measurements again that read anything: those that met their partner and have an interval. */
export function freshReadings(again: readonly AbComparison[]): AbComparison[] {
  return again.filter((c) => c.pairs > 0 && Number.isFinite(c.interval[0]) && Number.isFinite(c.change))
}

/**
 * Whether the fresh rounds (pairs of fresh processes, each its own comparison) show a change:
 * the geometric mean of their changes is at least `slowerFrom(T)`, and the one-sided lower bound
 * of that mean at `confidence` ({@link CONFIRM_CONFIDENCE} by default), Student's t over the
 * rounds' log changes, lies above {@link confirmMargin}; a single round, by its own interval
 * above 0. The spread between rounds is what a difference between two processes is made of, so
 * the bound widens with it: a benchmark whose processes differ by several percent needs rounds
 * that agree. The first reading (the one that made the suspect) is not counted: it was chosen
 * for reading high.
 */
export function freshRoundsAgree(fresh: readonly AbRound[], threshold: number, confidence = CONFIRM_CONFIDENCE): boolean {
  const logs = new RunningStats()
  for (const r of fresh) logs.add(Math.log1p(r.change))
  if (logs.count === 0 || !Number.isFinite(logs.mean)) return false
  if (Math.expm1(logs.mean) < slowerFrom(threshold)) return false
  if (logs.count === 1) return fresh[0]!.interval[0] > 0
  return logs.mean - tQuantile(confidence, logs.count - 1) * logs.sem > Math.log1p(confirmMargin(threshold))
}

/** Fresh rounds after which a suspect may be confirmed before the last round (`--confirm`). */
export const EARLY_CONFIRM_ROUNDS = 3

/**
 * The confidence at which {@link EARLY_CONFIRM_ROUNDS} fresh rounds confirm a suspect early. A
 * second look at the same rounds, so it is held stricter than the last one
 * ({@link CONFIRM_CONFIDENCE}): the two looks together leave unchanged code confirmed at most
 * 1 % + 5 % of the times its rounds reach them, where the last look alone would allow 5 %. Early
 * rounds that agree this well also agree at the last look's confidence, so `confirmSlower`
 * decides the same whether the rounds stopped here or ran on.
 */
export const EARLY_CONFIRM_CONFIDENCE = 0.99

/**
 * The verdict on a suspect (a comparison that read slower) after its rounds: its own first, then
 * each pair of fresh processes that measured it again (one that did not meet its partner again is
 * left out). Slower when the fresh rounds agree ({@link freshRoundsAgree}); also when no fresh
 * pair could measure it at all (its one round says so). Otherwise inconclusive
 * (`not-confirmed`): what the first saw may be its processes, not the code. Pure.
 */
export function confirmSlower(first: AbComparison, again: readonly AbComparison[], threshold: number): AbComparison {
  const read = freshReadings(again)
  const rounds = [roundOf(first), ...read.map(roundOf)]
  // No fresh process could measure it (its file failed or was killed there, the sides did not
  // meet): nothing contradicts the first reading, and a slowdown is never made a pass for that.
  if (read.length === 0) return { ...first, rounds }
  if (freshRoundsAgree(read.map(roundOf), threshold)) return { ...first, rounds }
  const { needs: _needs, ...rest } = first
  return { ...rest, status: 'inconclusive', reason: 'not-confirmed', rounds }
}

/**
 * Whether a suspect is worth measuring again: it read slower, every fresh round so far read it
 * above 0, and the rounds do not already confirm it. A round at 0 or below ends its
 * confirmation, not confirmed: after one or two readings no later rounds could make them agree,
 * and after three they seldom would (+10 %, 0, +10 %, +10 % would); the time saved on unchanged
 * code is worth that (the rates in docs/ab.md count this stop). Rounds that agree at
 * {@link EARLY_CONFIRM_CONFIDENCE} after {@link EARLY_CONFIRM_ROUNDS} end it too, confirmed: a
 * plain change is not measured a fourth time to be failed.
 */
export function stillSuspect(first: AbComparison, again: readonly AbComparison[], threshold: number): boolean {
  const read = freshReadings(again)
  if (first.status !== 'slower' || !read.every((c) => c.change > 0)) return false
  return read.length < EARLY_CONFIRM_ROUNDS || !freshRoundsAgree(read.map(roundOf), threshold, EARLY_CONFIRM_CONFIDENCE)
}
