import type { AttemptLatency } from '../model/bench-result.js'
import { gateFor, type Gate, type GateOverride } from '../model/gate.js'

/**
 * Share of the gate's threshold within which a further process's measurement of a new baseline
 * counts as having found the speed the run's processes found already: a quarter, so that a
 * process stopped there adds at most 5 % (at the default 20 % threshold) to the baseline's
 * spread, which the gate reads as noise of this machine.
 */
export const READ_ENOUGH_SHARE = 0.25

/**
 * Whether a further process of a baseline being written may stop measuring a benchmark: its
 * measurement `latest` reads the gated statistic within {@link READ_ENOUGH_SHARE} of the gate's
 * threshold of the lowest any process read of it so far (`fastest`). More measurements in that
 * process could only lower its lowest reading by that much: the baseline keeps the lowest of all
 * processes, and the gap between processes is the spread it stores. Without `fastest` (nothing
 * read so far, or the run's own process), never. Pure.
 */
export function readEnough(latest: Partial<AttemptLatency>, fastest: Partial<AttemptLatency> | undefined, gate: Gate, override?: GateOverride): boolean {
  if (!fastest) return false
  const { metric, threshold } = gateFor(gate, override)
  const now = latest[metric]
  const best = fastest[metric]
  if (now === undefined || best === undefined || !(best > 0) || !Number.isFinite(now)) return false
  return now <= best * (1 + threshold * READ_ENOUGH_SHARE)
}
