import { performance } from 'node:perf_hooks'
import type { CallRunner } from './calls.js'
import { CheckpointSeries, retainedHeap, type HeapProbe } from './checkpoints.js'
import type { SnapshotDiff } from './snapshot-diff.js'
import { judgeSeries, type Verdict, type VerdictRule } from './verdict.js'

/** Everything a leak check needs, already validated. Counts are calls; sizes are bytes. */
export interface LeakPlan {
  /** Calls between the first and the last checkpoint of one run (the most, with `callBudget`). */
  iterations: number
  /**
   * When set, fewer calls than `iterations` are made if they would take longer than this many
   * milliseconds per run, as timed during warm-up (for slow and async functions).
   */
  callBudget?: number
  /** Checkpoints per run, at least 3. */
  checkpoints: number
  /**
   * Rounds of warm-up, each as many calls as between two checkpoints and ending with a
   * checkpoint, so that the checkpoint code is warm too.
   */
  warmupRounds: number
  /** Collect-then-read rounds per checkpoint; the least reading is kept. */
  readings: number
  /** Measure a second time before calling it a leak. */
  confirm: boolean
  /** Called after every batch of calls, before the heap is read. */
  cleanup?: () => unknown
  rule: VerdictRule
}

/** One measured run: its checkpoints and what they say. */
export interface LeakRun {
  series: CheckpointSeries
  verdict: Verdict
}

/**
 * Heap snapshots around `calls` calls (then `cleanup`), for a suspected leak: when they show a
 * kind of object piling up, that confirms the leak and names it in one step.
 */
export type SnapshotConfirm = (calls: number, cleanup?: () => unknown) => Promise<SnapshotDiff>

/** The outcome of a leak check: leaked only when every run (the confirmation too) said so. */
export interface LeakCheckOutcome {
  leaked: boolean
  /** Calls between the first and the last checkpoint of each run. */
  iterations: number
  /**
   * The runs made: one, or two when the first suspected a leak and `confirm` is on and the
   * snapshots (if any) did not settle it.
   */
  runs: LeakRun[]
  /** The snapshots taken to confirm a suspected leak, when they were. */
  snapshots?: SnapshotDiff
}

/**
 * Runs the leak check: warm-up, then runs of checkpoints `iterations / (checkpoints − 1)`
 * calls apart, judged by {@link judgeSeries}; a suspected leak is measured once more before
 * it is reported, since one unlucky run (a late finalizer, a burst of runner traffic) can rise
 * at every step by chance.
 */
export async function checkForLeak(calls: CallRunner, plan: LeakPlan, probe: HeapProbe, snapshots?: SnapshotConfirm): Promise<LeakCheckOutcome> {
  const intervals = plan.checkpoints - 1
  const iterations = plan.callBudget === undefined ? plan.iterations : await affordableCalls(calls, plan.iterations, plan.callBudget, intervals)
  const step = Math.max(1, Math.round(iterations / intervals))
  // All storage up front, so that no run sees the allocation of its own bookkeeping.
  const scratch = new CheckpointSeries(1)
  const first = new CheckpointSeries(plan.checkpoints)
  const second = new CheckpointSeries(plan.checkpoints)
  const runs: LeakRun[] = []

  // Warm the function (JIT tiers, inline caches, lazily built state) and this very code path,
  // whose first executions allocate compiled code and feedback that would read as growth.
  // Rounds of exactly `step` calls: the same loop trip counts as measured, so that on-stack
  // replacement and tier-up of the call loop happen now rather than between two checkpoints.
  for (let round = 0; round < plan.warmupRounds; round++) {
    scratch.reset()
    await batch(calls, step, plan, probe, scratch, 0)
  }

  let diff: SnapshotDiff | undefined
  for (const series of plan.confirm ? [first, second] : [first]) {
    await batch(calls, 0, plan, probe, series, 0)
    for (let k = 1; k < plan.checkpoints; k++) await batch(calls, step, plan, probe, series, k * step)
    const verdict = judgeSeries(series.calls, series.heap, plan.rule)
    runs.push({ series, verdict })
    if (!verdict.leaked) return { leaked: false, iterations: step * intervals, runs, ...(diff && { snapshots: diff }) }
    // A second run costs as much as the first; snapshots cost less and also name what grew. They
    // confirm only what they can see: objects of one kind piling up. A leak inside one array,
    // string or buffer, or growth judged by its total alone, still gets the second run.
    if (plan.confirm && runs.length === 1 && snapshots && verdict.reason === 'steady growth') {
      diff = await snapshots(step * intervals, plan.cleanup).catch(() => undefined)
      if (diff && diff.suspects.length > 0) return { leaked: true, iterations: step * intervals, runs, snapshots: diff }
    }
  }
  return { leaked: true, iterations: step * intervals, runs, ...(diff && { snapshots: diff }) }
}

/**
 * How many calls fit in `budget` ms, timed on batches of doubling size (which double as the
 * first warm-up); between `MIN_CALLS_PER_STEP × intervals` and `most`.
 */
async function affordableCalls(calls: CallRunner, most: number, budget: number, intervals: number): Promise<number> {
  let done = 0
  let elapsed = 0
  for (let size = 1; elapsed < CALIBRATION_MS && done < most; size *= 2) {
    const start = performance.now()
    await calls(size)
    elapsed += performance.now() - start
    done += size
  }
  const perCall = elapsed / done
  return Math.max(MIN_CALLS_PER_STEP * intervals, Math.min(most, Math.floor(budget / perCall)))
}

/** Time spent timing calls before choosing how many a run can afford, ms. */
const CALIBRATION_MS = 20
/** Fewest calls between checkpoints: below this a slow leak is lost in per-step noise. */
const MIN_CALLS_PER_STEP = 10

async function batch(calls: CallRunner, count: number, plan: LeakPlan, probe: HeapProbe, series: CheckpointSeries, total: number): Promise<void> {
  if (count > 0) await calls(count)
  if (plan.cleanup) await plan.cleanup()
  series.record(total, await retainedHeap(probe, plan.readings))
}
