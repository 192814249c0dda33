import { randomUUID } from 'node:crypto'
import { refuseExtraArguments } from './units/extra-arguments.js'
import { buildResult } from './analyse/build-result.js'
import { seededRandom } from './analyse/random.js'
import type { BenchResult } from './model/bench-result.js'
import type { BenchEntry } from './model/entries.js'
import { systemClock } from './measure/clock.js'
import { ClockError, guardedClock } from './measure/clock-guard.js'
import { emptyLoopCost } from './measure/empty-loop-cost.js'
import { benchFailure } from './measure/failure.js'
import { watchHostLoad } from './measure/host-load.js'
import { interleave, type InterleavedRun } from './measure/interleave.js'
import { interleavedHeap, type InterleavedHeap } from './measure/interleaved-heap.js'
import { prepare, type Prepared } from './measure/sampler.js'
import { throughSharedSite } from './measure/shared-call-site.js'
import { StoppedError } from './measure/stop.js'
import { checkTogetherFunctions, resolveTogetherOptions, type ResolvedTogetherOptions, type TogetherOptions } from './measure/together-options.js'
import { beginMeasurement, reserveIds, runLifecycle } from './measure-lifecycle.js'
import { isA } from './measure/thrown-text.js'

/**
 * Rounds of heap readings: the allocation of a call barely varies, so a few rounds give a narrow
 * interval (8 pairs are the fewest for a 99 % one), and each reading costs a full collection.
 */
const HEAP_ROUNDS = 8
/** Seed of the order of the blocks: the same functions are always measured in the same order. */
const ORDER_SEED = 0x70_67_65_74

/**
 * Measures several implementations of one thing together, so that they can be compared with
 * confidence on a machine whose speed drifts: `expectCpu(next).perOp.toBeWithin('5%').of(old)`.
 * Each function is warmed up, then they run in short alternating blocks (about 10 ms each) in an
 * order drawn at random every other round and reversed in between, until each has been sampled
 * for `time`; with `heap`, their allocation per call is read alternately too. A slow stretch of
 * the machine then falls on all of them alike, and the comparison looks at the ratio within each
 * round. Two `bench()` calls one after the other cannot give that: the machine's speed can change
 * between them by more than the difference asked about.
 *
 * Each function gets a result of its own, as `bench()` returns it, plus `result.together` (the
 * per-round figures); inside a test each is recorded for the report under its name as a bench
 * name, without a baseline (its relation to the others is what is asserted; `bench()` it alone
 * for a baseline).
 *
 * @param fns - 2 to 8 functions by name: `{ next: () => parseV2(doc), old: () => parseV1(doc) }`
 * @param options - see {@link TogetherOptions}; every one is optional
 * @returns the results by the same names
 * @throws TypeError on bad arguments; an `Error` naming the function when one throws (`bench "next"
 *   failed: …`), and naming the call when `setup` or `teardown` throws or the measurement is stopped
 */
export async function benchTogether<K extends string>(fns: Record<K, () => unknown>, options?: TogetherOptions): Promise<Record<K, BenchResult>> {
  refuseExtraArguments('benchTogether()', arguments, ['fns', 'options'])
  checkTogetherFunctions(fns)
  const opts = resolveTogetherOptions(options)
  const names = Object.keys(fns) as K[]
  const functions = names.map((name) => fns[name])
  const measurement = beginMeasurement(`benchTogether(${names.map((n) => `"${n}"`).join(', ')})`, [opts.signal])
  const ids = reserveIds(measurement, names)
  const signal = measurement.stop.signal
  // The function running now, to name the one that throws.
  const running: { index?: number } = {}

  const entries: BenchEntry[] = names.map((name, i) => ({ kind: 'bench', id: ids[i]!, name, baseline: false }))
  const results = await runLifecycle({
    measurement,
    hooks: opts,
    entries,
    measure: () => measureTogether(functions, names, ids, opts, signal, running),
    failure: (failures) => {
      // A function that threw is named; setup, teardown and a stop concern the whole call.
      const first = failures[0]
      const culprit = first.stage === 'measure' && !isA(first.error, StoppedError) && !isA(first.error, ClockError) && running.index !== undefined ? running.index : undefined
      const { error, message } = benchFailure(culprit !== undefined ? names[culprit]! : names.join('", "'), failures)
      return { error, messages: names.map((_, i) => (culprit === undefined || culprit === i ? message : `measured together with "${names[culprit]}", which failed: ${message}`)) }
    },
  })
  // Defined, not assigned: a function named `__proto__` gets its result, not the object's prototype.
  const byName = {} as Record<K, BenchResult>
  names.forEach((name, i) => Object.defineProperty(byName, name, { value: results[i]!, enumerable: true, writable: true, configurable: true }))
  return byName
}

/** Prepares each function, alternates their blocks, reads their heap if asked, and builds a result for each. */
async function measureTogether(
  functions: ReadonlyArray<() => unknown>,
  names: readonly string[],
  ids: readonly string[],
  opts: ResolvedTogetherOptions,
  signal: AbortSignal | undefined,
  running: { index?: number },
): Promise<BenchResult[]> {
  // A custom clock that returns NaN, a constant or goes backwards fails at once, as in bench().
  const clock = opts.clock ? guardedClock(opts.clock, 'option "clock"') : systemClock
  const random = seededRandom(ORDER_SEED)
  const prepared: Prepared[] = []
  for (const [i, fn] of functions.entries()) {
    running.index = i
    prepared.push(await prepare(fn, { warmup: opts.warmup, clock, signal }))
  }
  const hostLoad = watchHostLoad()
  const runs = await interleave(prepared, {
    time: opts.time,
    rounds: opts.rounds,
    block: opts.block,
    cpu: opts.cpu,
    clock,
    ...(signal && { signal }),
    random,
    onBlock: (i) => void (running.index = i),
  })
  const otherCores = hostLoad()
  // Heap figures come from readings of their own: the timing blocks must not pay for them.
  const heap = opts.heap
    ? await interleavedHeap(
        functions.map((fn, i) => {
          const run = throughSharedSite(fn, prepared[i]!.async)
          return (calls: number) => {
            running.index = i
            return run(calls)
          }
        }),
        HEAP_ROUNDS,
        random,
      )
    : undefined
  const group = randomUUID()
  // A fixed count of empty calls, cached per clock: the user's own clock, not this run's guard.
  const loopCost = emptyLoopCost(opts.clock ?? systemClock)
  return prepared.map((p, i) => {
    const built = buildResult({
      id: ids[i]!,
      name: names[i]!,
      samples: runs[i]!.samples,
      ops: runs[i]!.ops,
      cold: p.cold,
      sampling: {
        mode: p.mode,
        batchSize: p.batchSize,
        timerOverhead: p.timerOverhead,
        warmupTime: p.warmupTime,
        sampleTime: runs[i]!.sampleTime,
        // Past the least number of rounds (even), only the time budget kept it going.
        stoppedBy: runs[i]!.p50.length > opts.rounds + (opts.rounds % 2) ? 'time' : 'iterations',
        async: p.async,
      },
      emptyLoopCost: loopCost,
      ...(opts.cpu && { cpu: cpuFigures(runs[i]!) }),
      ...(heap && { heap: { bytesPerOp: heap[i]!.bytesPerOp, growth: heap[i]!.growth, readings: heap[i]!.readings } }),
    })
    return { ...built, host: { otherCores }, together: togetherInfo(group, ids, i, opts.block, runs[i]!, heap?.[i]) }
  })
}

/** CPU figures of one function over its blocks, as `bench()` reports them. */
function cpuFigures(run: InterleavedRun): NonNullable<BenchResult['cpu']> {
  const used = run.user + run.system
  return { user: run.user, system: run.system, perOp: run.ops > 0 ? used / run.ops : 0, utilization: run.sampleTime > 0 ? used / run.sampleTime : 0 }
}

function togetherInfo(group: string, ids: readonly string[], i: number, block: number, run: InterleavedRun, heap: InterleavedHeap | undefined): NonNullable<BenchResult['together']> {
  return {
    group,
    others: ids.filter((_, j) => j !== i),
    block,
    rounds: { p50: run.p50, mean: run.mean, ...(run.cpu && { cpu: run.cpu }) },
    ...(heap && { heapRounds: heap.perRound }),
  }
}
