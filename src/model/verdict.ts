import type { MachineDifference } from './environment.js'

/**
 * Why a comparison with a baseline ended as it did:
 * - `beyond-threshold`: regressed, the change is beyond the threshold and beyond the noise;
 * - `within-noise`: above the threshold, but the interval of the change reaches below it;
 * - `tail-only`: above the threshold, but the typical call is not (the signature of
 *   interference from other work on the machine, not of slower code);
 * - `partly-slow-host`: above the threshold, but the fastest tenth of the calls is not (`fastChange`):
 *   the run fell partly in a slow stretch of the host, which slows every call it covers;
 * - `sampling-differs`: above the threshold, but one run timed single calls and the other
 *   batches, so their percentiles are not comparable;
 * - `machine-slower`: regressed on its own, but the whole run's typical call moved about as much
 *   (the machine is slower or busier, see `drift`);
 * - `other-machine`: would regress, but the baseline was taken on another machine (fingerprint or
 *   speed, see `machine`): compared and reported, not gated unless asked;
 * - `other-testbed`: would regress, but the baseline is another testbed's (see `otherTestbed`):
 *   this run's testbed has none for the benchmark, so it is compared and reported, never gated;
 * - `machine-busy`: would regress, but other processes kept at least half a core busy while it was
 *   measured (`otherCores`) and the change is within what that load can explain (a slowdown of
 *   100 % per busy core, at least one): compared, not gated;
 * - `not-confirmed`: the first measurement read as a regression, a later one did not (`confirmation`);
 * - `slow-host`: every measurement read as a regression, but the host-speed probe read right
 *   after each found the host running slower than when the baseline was measured (`hostSlowdown`), by enough to explain
 *   the typical call's change: a slow stretch of the host, which covers every measurement of a
 *   benchmark now and then, not confirmed slower code;
 * - `too-noisy`: the baseline's own measurements spread more than the threshold (`spread`), so
 *   unchanged code moves that much on this machine and the benchmark cannot be gated there at
 *   that threshold; a change beyond that spread too still regresses;
 * - `typical-slower`: the gated metric is within the threshold, but the typical call (the shift
 *   of the whole distribution) is slower beyond it, its 99 % interval included: said, not failed;
 * - `warn-band`: slower by more than the WARN band, less than the threshold;
 * - `faster` / `unchanged`: improved, or within the WARN band.
 */
export type VerdictReason =
  | 'beyond-threshold'
  | 'within-noise'
  | 'tail-only'
  | 'partly-slow-host'
  | 'sampling-differs'
  | 'machine-slower'
  | 'other-machine'
  | 'other-testbed'
  | 'machine-busy'
  | 'not-confirmed'
  | 'slow-host'
  | 'too-noisy'
  | 'typical-slower'
  | 'warn-band'
  | 'faster'
  | 'unchanged'

/** The status of a benchmark compared with its baseline. */
export type ComparedStatus = 'ok' | 'improved' | 'warn' | 'regressed'

/** What a comparison of one benchmark with its baseline found: data, no prose. Times in ms. */
export interface Comparison {
  status: ComparedStatus
  reason: VerdictReason
  /** Baseline value of the gated metric, ms. */
  baseline: number
  /** Current value of the gated metric, ms. */
  current: number
  /** (current − baseline) / baseline. */
  change: number
  /** 99 % confidence interval of `change`; `[change, change]` when neither side knows its noise. */
  interval: [number, number]
  /** Change of the 10th percentile, when it kept a change above the threshold from failing (`partly-slow-host`). */
  fastChange?: number
  /** Change of the typical call (Hodges–Lehmann shift), when both sides carry a distribution. */
  typicalChange?: number
  /**
   * 99 % interval of `typicalChange`, when it lay beyond the threshold while the gated metric's
   * own `interval` did not: the typical call's precision then stood for the metric's.
   */
  typicalInterval?: [number, number]
  /** Run-wide change of the typical call that explained this one (`reason: 'machine-slower'`). */
  drift?: number
  /** The baseline's machine against this one, when the baseline names its machine. */
  machine?: MachineDifference
  /** CPU other processes used while this run measured the benchmark, in cores. */
  otherCores?: number
  /** The change that other processes' load could explain by itself (a fraction), when `otherCores` is set. */
  loadAllowance?: number
  /** `false` when the baseline came from another machine or another testbed and was compared but not gated. */
  gated?: false
  /**
   * The testbed whose baseline this was compared with, when it is not the run's own (which had
   * none for the benchmark): its name, or `null` for the baselines written without a testbed name.
   * Such a comparison is never gated.
   */
  otherTestbed?: string | null
  /**
   * How much unchanged code moved on this machine by the baseline's own measurements: the noise
   * band that a change must exceed (a fraction), when the baseline was measured several times.
   */
  spread?: number
  /**
   * How much slower the host ran after the measurements of a suspect than while its baseline was
   * measured (the lowest reading of the host-speed probe over its best, divided by the baseline's
   * `host_slowdown` when it has one; 1.5 is 50 % slower), when every one of them was slower:
   * `slow-host` when that explains the change, a regression beyond it otherwise.
   */
  hostSlowdown?: number
  /**
   * When the benchmark was measured again to confirm a regression: each measurement's change,
   * and, when perfspec moved the measuring thread between them, the CPU each ran on; `fresh`, the
   * index of the first taken in a fresh process after the run (`freshProcesses`: in how many, when
   * more than one), or `freshProblem`, why none could be. `reread`: `perfspec compare` under
   * another gate than the run's, or against another baseline, read each measurement's change
   * again at its own metric and threshold, from the figures the run recorded of it (its point value; no interval, no
   * whole-distribution reading), rather than showing what the run's gate read. `throughout`: the
   * measurements (indices into `changes`) that counted by their whole distribution, their gated
   * metric alone within its noise or the threshold.
   */
  confirmation?: { changes: number[]; regressed: number; throughout?: number[]; cpus?: number[]; fresh?: number; freshProcesses?: number; freshProblem?: string; reread?: true }
  /**
   * Which side had no latency distribution (histogram), when one lacked it: the judgement then
   * rested on the statistics alone, without the checks of the typical and the fastest calls that
   * tell slower code from a busy machine. A baseline entry written by an older tool, by hand or
   * by another tool has none; perfspec's own results always do.
   */
  withoutDistribution?: 'baseline' | 'current' | 'both'
}
