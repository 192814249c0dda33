import type { BaselineEntry } from '../model/baseline.js'
import type { Environment } from '../model/environment.js'
import type { Gate } from '../model/gate.js'
import type { Comparison } from '../model/verdict.js'
import { judge } from './judge.js'
import { machineDifference } from './machine-difference.js'
import type { MetricSample } from './metric-interval.js'
import { sampleOfBaseline } from './metric-sample.js'

/**
 * How many times the baseline's stored spread (the gap from its fastest measurement to the next
 * fastest) a change must exceed to be a regression. Three would cover the difference of two
 * runs' fastest of three at about 99 % under a normal noise, but on a shared host that noise is
 * not normal: the gap of a p95 moved between 10 % and 21 % from one baseline run to the next, and
 * three gaps made most benchmarks too noisy to gate at all, while the 10th-percentile rule of the
 * judge already keeps slow stretches of the host from failing. docs/regression-gate.md has the series.
 */
export const SPREAD_FACTOR = 1

/** The outcome of {@link compareEntry}: a comparison, or which side lacks the gated metric. */
export type EntryComparison = ({ compared: true } & Comparison) | { compared: false; lacking: 'baseline' | 'current' }

/** How a comparison treats what the baseline knows of its machine and its noise. */
export interface CompareContext {
  /** This run's environment, to tell whether the baseline comes from another machine. */
  environment?: Partial<Environment>
  /** Gate baselines from another machine as if they were from this one. Default `false`. */
  crossMachine?: boolean
  /** CPU other processes used while the current figures were measured, in cores. */
  otherCores?: number
  /**
   * The testbed the baseline was kept under, when it is not this run's (`null`: the unnamed
   * baselines): compared and reported, never gated, whatever `crossMachine` says.
   */
  otherTestbed?: string | null
}

/**
 * Other processes' CPU, in cores, from which a measurement is not gated: on a machine whose
 * other cores are busy, multi-threaded work (libuv's pool, workers) gets fewer cores and every
 * benchmark shares its caches, so a slowdown says more of the machine than of the code.
 */
export const BUSY_CORES = 0.5

/**
 * How much slower a thread can run, as a factor, when the other vCPU of its core is busy: small
 * VMs' two vCPUs are often the two hyperthreads of one core, which then share its units.
 */
export const SHARED_CORE_SLOWDOWN = 2

/**
 * The change, as a fraction, that other processes' load can explain by itself: a thread that
 * shares its core's time with `otherCores` busy processes runs at 1/(1 + c) of its speed at
 * worst, and at half that with its sibling hyperthread busy, so up to 2 × (1 + c) slower. On a
 * busy machine a regression still fails when its typical call is slower than this (a change ten
 * times slower is not the machine's doing); below it, it is compared, not gated.
 */
export function busyAllowance(otherCores: number): number {
  return SHARED_CORE_SLOWDOWN * (1 + otherCores) - 1
}

/**
 * Compares a benchmark's current figures with its baseline entry under a gate: the one judgement
 * the reporter, the CLI and the worker share. On top of the noise-aware {@link judge}:
 * - another testbed's baseline is compared but never gated (`other-testbed`): a run gates only
 *   against its own testbed's;
 * - a baseline from another machine is compared but not gated (`other-machine`), unless
 *   `crossMachine` asks for it;
 * - a regression measured while other processes kept {@link BUSY_CORES} or more busy is compared,
 *   not gated (`machine-busy`), unless it is beyond what that load can explain ({@link busyAllowance});
 * - a benchmark whose baseline's own measurements show that unchanged code moves by more than
 *   the threshold on this machine ({@link SPREAD_FACTOR} times their stored spread) is reported
 *   as too noisy to gate there (`too-noisy`, a WARN), whatever it read, unless it slowed beyond
 *   that band too. (A band under the threshold needs no rule: a regression is beyond the
 *   threshold already.)
 * Pure; never throws.
 *
 * @param current - the gated metric of this run, or `undefined` when this run lacks it
 */
export function compareEntry(current: MetricSample | undefined, previous: BaselineEntry, gate: Gate, context: CompareContext = {}): EntryComparison {
  const reference = sampleOfBaseline(previous, gate.metric)
  if (!reference) return { compared: false, lacking: 'baseline' }
  if (!current) return { compared: false, lacking: 'current' }
  const { shift: _shift, ...verdict } = judge(current, reference, gate)
  const machine = machineDifference(previous.environment, context.environment)
  const gap = previous.spread?.[gate.metric]
  const spread = gap === undefined ? undefined : gap * SPREAD_FACTOR
  const out: Comparison = { ...verdict, ...(machine && { machine }), ...(spread !== undefined && { spread }) }
  if (context.otherTestbed !== undefined) {
    const other = { ...out, gated: false as const, otherTestbed: context.otherTestbed }
    if (out.status === 'regressed') return { compared: true, ...other, status: 'warn', reason: 'other-testbed' }
    return { compared: true, ...other }
  }
  if (machine?.other && !context.crossMachine) {
    if (out.status === 'regressed') return { compared: true, ...out, gated: false, status: 'warn', reason: 'other-machine' }
    return { compared: true, ...out, gated: false }
  }
  if (context.otherCores !== undefined && context.otherCores >= BUSY_CORES && out.status === 'regressed') {
    const busy = { otherCores: context.otherCores, loadAllowance: busyAllowance(context.otherCores) }
    // Time shared with other processes slows the typical call by that share; a tail also
    // collects every preemption, so it is the typical call that must be beyond the allowance.
    if ((out.typicalChange ?? out.interval[0]) > busy.loadAllowance) return { compared: true, ...out, ...busy }
    return { compared: true, ...out, ...busy, status: 'warn', reason: 'machine-busy' }
  }
  if (spread !== undefined && spread > gate.threshold) {
    const beyondSpread = out.status === 'regressed' && Math.max(out.interval[0], out.typicalInterval?.[0] ?? Number.NEGATIVE_INFINITY) > spread
    // Only a slowdown needs saying: a change within the WARN band reads as unchanged either way.
    if (!beyondSpread && (out.status === 'regressed' || out.status === 'warn')) return { compared: true, ...out, status: 'warn', reason: 'too-noisy' }
  }
  return { compared: true, ...out }
}
