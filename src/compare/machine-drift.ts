import { median } from '../analyse/median.js'
import type { Gate } from '../model/gate.js'
import type { VerdictReason } from '../model/verdict.js'

/** What the drift check reads and may change: a compared benchmark of one run. */
export interface DriftSubject {
  status: string
  reason?: VerdictReason
  /** Hodges–Lehmann change of the typical call against the baseline. */
  typicalChange?: number
  /** Set when the drift explained this benchmark's slowdown. */
  drift?: number
  /** This run's machine against the baseline's: `speedRatio` is this run's speed reference over the baseline's (above 1: slower now). */
  machine?: { speedRatio?: number }
  /** `false` when compared with another machine's or testbed's baseline: no reading of this run's drift. */
  gated?: false
}

/** Fewest compared benchmarks from which a run-wide drift is estimated. */
export const MIN_BENCHMARKS_FOR_DRIFT = 3

/**
 * The run-wide drift: the median change of the typical call over the run's benchmarks that
 * carry one, or `undefined` with fewer than {@link MIN_BENCHMARKS_FOR_DRIFT}. When most
 * benchmarks moved together, the machine moved (another job, a slower CPU), not the code.
 */
export function machineDrift(subjects: readonly DriftSubject[]): number | undefined {
  const shifts = subjects.map((s) => s.typicalChange).filter((v): v is number => v !== undefined && Number.isFinite(v))
  return shifts.length < MIN_BENCHMARKS_FOR_DRIFT ? undefined : median(shifts)
}

/**
 * The machine's own slowdown in this run, from its speed reference against the baselines': the
 * median `speedRatio` less 1 (0.3: 30 % slower), or `undefined` when no baseline's speed can be
 * compared with this run's.
 */
export function referenceSlowdown(subjects: readonly DriftSubject[]): number | undefined {
  const ratios = subjects.map((s) => s.machine?.speedRatio).filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0)
  return ratios.length === 0 ? undefined : median(ratios) - 1
}

/**
 * Turns regressions that the run-wide drift explains into WARNs (`reason: 'machine-slower'`,
 * with the drift): a benchmark stays regressed only when its typical call is slower than the
 * drift by more than the WARN band. Applies only when the drift itself exceeds the WARN band
 * (the whole run is slower), and, where this run's speed reference can be set against the
 * baselines', only when it too reads the machine slower by more than the WARN band: every
 * benchmark slower on a machine that runs the reference at its usual speed is slower code (a
 * shared helper, a dependency), not the machine. Mutates and returns `subjects`.
 *
 * @param run - the run's benchmarks the drift is read from, when `subjects` are only some of them
 *   (`perfspec compare` of one baseline file against a whole run's report); default `subjects`.
 *   Those compared with another machine's or testbed's baseline (`gated: false`) are left out.
 */
export function discountMachineDrift<T extends DriftSubject>(subjects: T[], gate: Gate, run: readonly DriftSubject[] = subjects): T[] {
  // Baselines of another machine or testbed are not gated, and say nothing of how this machine
  // moved since its own were taken: a machine twice as fast would read as this run's drift.
  const own = run.filter((s) => s.gated !== false)
  const drift = machineDrift(own)
  if (drift === undefined || drift <= gate.warn) return subjects
  const machine = referenceSlowdown(own)
  if (machine !== undefined && machine <= gate.warn) return subjects
  for (const s of subjects) {
    if (s.status !== 'regressed' || s.typicalChange === undefined) continue
    const beyondDrift = (1 + s.typicalChange) / (1 + drift) - 1
    if (beyondDrift > gate.warn) continue
    s.status = 'warn'
    s.reason = 'machine-slower'
    s.drift = drift
  }
  return subjects
}
