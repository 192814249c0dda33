import type { BenchResult } from './model/bench-result.js'
import type { BenchEntry } from './model/entries.js'
import { buildResult } from './analyse/build-result.js'
import { SampleSet } from './analyse/sample-set.js'
import { systemClock } from './measure/clock.js'
import { guardedClock } from './measure/clock-guard.js'
import { processCpuProbe, selfCpuProbe } from './measure/cpu-probe.js'
import { emptyLoopCost } from './measure/empty-loop-cost.js'
import { measureHeap } from './measure/heap.js'
import { watchHostLoad } from './measure/host-load.js'
import { isLoadRun, runLoad } from './measure/load/run-load.js'
import { timerScheduler } from './measure/load/scheduler.js'
import { throughSharedSite } from './measure/shared-call-site.js'
import { checkBenchArguments, resolveBenchOptions, type BenchOptions } from './measure/options.js'
import { sample, type Probe, type SamplerPlan } from './measure/sampler.js'
import { defaultStoppingRule } from './measure/stopping-rule.js'
import { beginMeasurement, failureOf, reserveIds, runLifecycle } from './measure-lifecycle.js'
import type { TestContext } from './record/context.js'
import { checkName } from './model/names.js'
import { refuseExtraArguments } from './units/extra-arguments.js'
import { outsideTestWarning } from './record/outside-test.js'
import { WORKER_GATE_ENV } from './run/worker-config.js'
import { abEnvironment } from './ab/protocol.js'
import { launchEnv } from './measure/launch-env.js'

/** Margin of error (percent) at which sampling may stop before the time budget. */
const TARGET_RME = 1
/**
 * Share of the time budget sampled before a precise enough mean may stop early. A shared
 * machine slows down in stretches of 100 ms and more, which a short sampling phase can fall
 * into whole; half the budget is the compromise between that and the wall time per benchmark.
 */
const MIN_TIME_SHARE = 0.5

/**
 * Measures `fn` and returns what it measured. `fn` may be sync or async; its result is kept
 * so the work cannot be optimised away. Inside a test run with the perfspec plugin the result
 * is also recorded for the report and the baseline check; in a plain script it is only returned.
 *
 * The measurement gives the event loop a turn every 50 ms or so, so timers, I/O and the test's
 * timeout run; it stops once `options.signal` aborts, or once the test it runs in times out or ends.
 *
 * Under `perfspec ab` (the `PERFSPEC_AB` environment variable set), the sampling takes turns with
 * the same benchmark of the other revision, in blocks of about 30 ms, until the comparison is
 * decided (up to its time cap, not `options.time`); the result is this revision's own blocks.
 * No baseline is read or written then. See `docs/ab.md`.
 *
 * @param name - what the benchmark measures, unique within its test (e.g. `'cache.get'`)
 * @param fn - the code to measure
 * @param options - see {@link BenchOptions}; every one is optional
 * @throws TypeError on bad arguments; an `Error` naming the bench when `fn`, `setup` or `teardown`
 *   throws or the bench is stopped (an `AggregateError` of both when the measurement and the
 *   teardown threw; under `concurrency` or `rate` failures are counted in `result.errors`
 *   instead, unless every call failed). A failed bench is recorded as failed, with no result.
 */
export async function bench(name: string, fn: () => unknown, options?: BenchOptions): Promise<BenchResult> {
  refuseExtraArguments('bench()', arguments, ['name', 'fn', 'options'])
  checkBenchArguments(name, fn)
  checkName('bench()', name)
  const opts = resolveBenchOptions(options)
  // Under `perfspec ab` (PERFSPEC_AB set) the sampling takes turns with the other revision's
  // process; not a load run (its calls overlap), nor one on a clock or stopping rule of the
  // test's own (its time is not the machine's), which both sides then measure alone alike.
  // Read before the measurement begins: a bad variable is a TypeError, with nothing to release.
  abEnvironment()
  const clockFailed = new AbortController()
  const measurement = beginMeasurement(`bench("${name}")`, [opts.signal, opts.clock && isLoadRun(opts) ? clockFailed.signal : undefined])
  // Read again once the measurement has begun: its check forgets a hand-over this file inherited
  // rather than was given (a Jest a test starts in-process copies the outer file's globals), so
  // the fixture's benchmarks do not take turns in the outer A/B run.
  const inTurns = !isLoadRun(opts) && !opts.clock && !opts.stoppingRule && abEnvironment() !== undefined
  const { context } = measurement
  const [id] = reserveIds(measurement, [name]) as [string]
  const signal = measurement.stop.signal
  const baseline = opts.baseline
  // A custom clock is checked as it is read: one returning NaN, a constant or going backwards
  // would leave every loop of the measurement waiting for time that never passes. The sampler's
  // loops get its error thrown; a load run, which reads the clock in callbacks nobody awaits, is
  // stopped through the bench's signal instead (`clockFailed`), and fails with the same error.
  const clock = opts.clock ? guardedClock(opts.clock, 'option "clock"', isLoadRun(opts) ? { onFailure: (error) => clockFailed.abort(error) } : {}) : systemClock
  const probes: Probe[] = []
  const cpuProbe = opts.cpu === 'self' ? selfCpuProbe() : opts.cpu ? processCpuProbe(opts.cpu.pid) : undefined
  if (cpuProbe) probes.push(cpuProbe)

  const measureOnce = async (): Promise<BenchResult> => {
    const samples = new SampleSet()
    const hostLoad = watchHostLoad()
    // Under `concurrency` or `rate` calls overlap and errors are counted; otherwise one at a time.
    const load = isLoadRun(opts) ? await runLoad(fn, { ...opts, clock, scheduler: opts.scheduler ?? timerScheduler(clock), probes, signal }, samples) : undefined
    const plan: SamplerPlan = {
      warmup: opts.warmup,
      clock,
      probes,
      signal,
      stoppingRule:
        opts.stoppingRule ??
        defaultStoppingRule({ time: opts.time, minSamples: opts.iterations, targetRme: TARGET_RME, minTime: opts.time * MIN_TIME_SHARE }),
    }
    const outcome = load ?? (inTurns ? await (await import('./ab/sample-in-turns.js')).sampleInTurns(fn, plan, samples, turnsBenchmark(id, name, context, baseline)) : await sample(fn, plan, samples))
    const otherCores = hostLoad()
    // Heap figures come from a separate pass: the timing loop must not pay for heap readings.
    const heap = opts.heap ? await measureHeap(throughSharedSite(fn, outcome.async)) : undefined
    const built = buildResult({
      id,
      name,
      samples,
      ops: outcome.ops,
      cold: outcome.cold,
      sampling: {
        mode: outcome.mode,
        batchSize: outcome.batchSize,
        timerOverhead: outcome.timerOverhead,
        warmupTime: outcome.warmupTime,
        sampleTime: outcome.sampleTime,
        stoppedBy: outcome.stoppedBy,
        async: outcome.async,
      },
      // A fixed count of empty calls, cached per clock: the user's own clock, not this bench's guard.
      emptyLoopCost: emptyLoopCost(opts.clock ?? systemClock),
      cpu: cpuProbe?.figures,
      heap,
      items: opts.items,
      ...(load && { throughput: load.throughput, errors: load.errors, load: load.load, notes: load.notes }),
    })
    return { ...built, host: { otherCores } }
  }

  const entry: BenchEntry = { kind: 'bench', id, name, ...(baseline !== undefined && { baseline }) }
  const [result] = await runLifecycle({
    measurement,
    hooks: opts,
    entries: [entry],
    failure: failureOf(name, 'bench'),
    measure: async () => {
      const started = systemClock.now()
      const result = await measureOnce()
      // Inside a perfspec run, a benchmark about to get a baseline, or one that reads as a
      // regression against its baseline, is measured again before it is recorded; not one of a
      // test expected to fail, which neither writes nor checks a baseline.
      const file = context?.file
      // Under `perfspec ab` no baseline is read or written: the two revisions are compared instead.
      if (file === undefined || !launchEnv()[WORKER_GATE_ENV] || opts.clock || context?.expectedToFail || abEnvironment()) return [result]
      const { settleInWorker } = await import('./run/worker-gate.js')
      const settled = await settleInWorker(result, {
        file,
        override: baseline,
        ...(opts.confirm !== undefined && { confirm: opts.confirm }),
        measure: measureOnce,
        took: systemClock.now() - started,
        ...(context?.time && { budget: context.time }),
        ...(signal && { signal }),
      })
      return [settled]
    },
  })
  return result!
}

/**
 * The benchmark as `perfspec ab` pairs it, with the time it may take turns: half of what is left
 * of its test's timeout, when the runner tells it, so that later benchmarks of the test get theirs.
 */
function turnsBenchmark(id: string, name: string, context: TestContext | undefined, baseline: BenchEntry['baseline']) {
  const left = context?.time ? context.time.deadline - performance.now() : undefined
  // Gated as a baseline would be: not when it opts out, nor in a test expected to fail.
  const gate = context?.expectedToFail ? false : baseline
  return {
    id,
    file: context?.file ?? '',
    titles: context?.titlePath ?? [],
    name,
    ...(left !== undefined && { budgetMs: Math.max(0, Math.floor(left / 2)) }),
    ...(gate !== undefined && { gate }),
    ...(context?.retries && { retries: context.retries }),
  }
}
