import { confirmSlower, freshReadings, SPARE_CONFIRM_ROUNDS, stillSuspect } from '../compare/ab-confirmation.js'
import { failsAbRun, type AbComparison } from '../model/ab.js'
import type { FilePlan } from './run-files.js'

/** What {@link confirmInFreshProcesses} needs; the running of files is injected. */
export interface ConfirmRoundsInput {
  /** The run's comparisons; those that read slower are the suspects. */
  comparisons: readonly AbComparison[]
  plan: readonly FilePlan[]
  /** Rounds at most (pairs of fresh processes per suspect); 0 turns confirmation off. */
  confirm: number
  /**
   * Runs these files again, whole (a test that uses what the tests before it built measures the
   * same work as in the run), both sides in fresh processes, pairing the suspects named; resolves
   * to that round's comparisons.
   */
  runAgain(files: FilePlan[], suspects: readonly AbComparison[]): Promise<AbComparison[]>
  /** Told before each round. */
  onRound?(round: number, suspects: readonly AbComparison[], files: readonly FilePlan[]): void
  /** Aborted: no further round starts. */
  signal?: AbortSignal
}

/**
 * Measures each benchmark that read slower again, its test file run by both sides in fresh
 * processes, until `confirm` rounds measured it (rounds that could not are replaced, at most
 * {@link SPARE_CONFIRM_ROUNDS} of them), while `stillSuspect` (every fresh round read it above 0,
 * the rounds do not confirm it yet); then decides each suspect with `confirmSlower`. The other
 * comparisons are returned as they were; what the other benchmarks of a file run again read is
 * not used. A suspect whose file is not one both sides
 * ran keeps its verdict: it cannot be measured again, and is never made a pass for that.
 */
export async function confirmInFreshProcesses(input: ConfirmRoundsInput): Promise<AbComparison[]> {
  const again = new Map<string, AbComparison[]>()
  const first = firstSuspects(input.comparisons, input.plan)
  if (input.confirm <= 0 || first.length === 0) return [...input.comparisons]
  let suspects = first
  // A round that did not measure a suspect (its file failed there, the sides did not meet) is
  // replaced, up to SPARE_CONFIRM_ROUNDS more rounds, for a suspect that some round did measure:
  // a verdict from fewer readings is weaker. One that no round measured stops after `confirm`.
  const read = (s: AbComparison) => freshReadings(again.get(s.id) ?? []).length
  const more = (s: AbComparison, round: number) => read(s) < input.confirm && (read(s) > 0 || round < input.confirm)
  for (let round = 1; round <= input.confirm + SPARE_CONFIRM_ROUNDS && suspects.length > 0 && !input.signal?.aborted; round++) {
    const files = suspectFiles(suspects, input.plan)
    if (files.length === 0) break
    input.onRound?.(round, suspects, files)
    const results = await input.runAgain(files, suspects)
    for (const s of suspects) {
      const reading = results.find((r) => r.id === s.id && r.status !== 'alone')
      if (reading) again.set(s.id, [...(again.get(s.id) ?? []), reading])
    }
    suspects = suspects.filter((s) => stillSuspect(s, again.get(s.id) ?? [], s.threshold) && more(s, round))
  }
  return input.comparisons.map((c) => (first.includes(c) ? confirmSlower(c, again.get(c.id) ?? [], c.threshold) : c))
}

/** The comparisons that read slower, gated, whose files both sides ran: what the first round measures again. */
function firstSuspects(comparisons: readonly AbComparison[], plan: readonly FilePlan[]): AbComparison[] {
  return comparisons.filter((c) => failsAbRun(c) && plan.some((f) => f.sides.length === 2 && f.file === c.file))
}

/** The files a round runs again for `suspects`, in the run's order. */
function suspectFiles(suspects: readonly AbComparison[], plan: readonly FilePlan[]): FilePlan[] {
  return plan.filter((f) => f.sides.length === 2 && suspects.some((s) => s.file === f.file))
}

/**
 * The file the first round in fresh processes would begin with, were the run to end with these
 * comparisons: asked while the run's last file measures, to start its runners early (a suspect
 * the last file makes afterwards may change it, and the runners started are then stopped).
 */
export function firstRoundFile(comparisons: readonly AbComparison[], plan: readonly FilePlan[], confirm: number): FilePlan | undefined {
  return confirm > 0 ? suspectFiles(firstSuspects(comparisons, plan), plan)[0] : undefined
}
