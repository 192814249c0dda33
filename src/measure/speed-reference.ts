import { median } from '../analyse/median.js'
import { argumentError } from '../units/argument-error.js'
import { optionsObject } from '../units/options-object.js'
import { systemClock, type Clock } from './clock.js'

/**
 * How fast this machine runs a short fixed piece of JavaScript. A baseline written on another
 * machine stores its own figure beside it, so the regression gate can tell "this machine is
 * twice as slow" from "this code got twice as slow".
 */
export interface SpeedReference {
  /** Reference time, ns per unit of work (geometric mean of the kernels' medians); lower is faster. */
  ns: number
  /** Rounds run (each round times every kernel once); at least 1. */
  rounds: number
  /** Relative spread between rounds: (max − min) / median of the per-round geometric means; 0.05 is 5 %. */
  spread: number
  /** Total wall time spent, warm-up included, ms. */
  elapsed: number
  /** Per kernel, by name: the median over rounds of its time, ns per unit of work. */
  kernels: Record<string, number>
}

/** Options of {@link measureSpeedReference}. */
export interface SpeedReferenceOptions {
  /** Time source. Default {@link systemClock} (`performance.now()`). */
  clock?: Clock
  /**
   * Wall-time budget, ms. Default 100. Warm-up and batches are sized from it (up to 30 % of
   * it for warm-up, 50 % for the rounds). When the machine is so busy that the budget runs
   * out, the warm-up is cut short, no round starts that would not fit and a round still
   * running at the deadline is abandoned; the first round always runs to its end, so the
   * result can exceed the budget by about one round.
   */
  budget?: number
  /** Rounds wanted, a whole number ≥ 1. Default 5. Fewer are run when the budget runs out. */
  rounds?: number
}

/**
 * One piece of fixed work. `run(count)` does `count` units of it and returns a value that
 * depends on all of them (it goes to a sink, so the optimiser cannot drop the work).
 */
export interface SpeedKernel {
  /** Key in {@link SpeedReference.kernels}. */
  name: string
  /** Does `count` units of work; the result is kept. */
  run(count: number): number
}

/**
 * Version of the kernels below. Figures taken with different versions measure different work
 * and must not be compared: bump it whenever a kernel, its input or its unit changes.
 */
export const SPEED_REFERENCE_VERSION = 1

// Shares of the budget: warm-up, then the rounds, with the rest left for slack. With the
// defaults (100 ms, 5 rounds, 5 kernels) that is 6 ms of warm-up per kernel and 1 ms batches
// (the caps below), under 60 % of the budget in all.
const WARMUP_SHARE = 0.3
const ROUNDS_SHARE = 0.5
// A batch this long dwarfs the cost of reading the clock between chunks and of the call into
// the kernel; longer batches would not fit five rounds into the default budget.
const MAX_BATCH_MS = 1
// V8 starts optimising a function after it has run for a while (how long depends on the
// machine), then compiles it on another thread. The warm-up must cover both, or the first
// rounds time slower code than the rest; the median over rounds absorbs what it misses.
const MAX_WARMUP_MS = 6
// Warm-up visits the kernels in turn, several times, so that a kernel's optimised code can be
// compiled in the background while the others run.
const WARMUP_PASSES = 4
// Work is done in chunks between clock readings, so that a batch lasts a set time whatever the
// speed of the code at that moment (it can change tenfold when the optimised code arrives).
// A chunk this long makes each clock reading cost well under 0.5 % of it.
const CHUNK_MS = 0.05
// A batch runs at least this many chunks, so that its median survives one stalled chunk even
// when the stall alone outlasts the batch.
const MIN_CHUNKS = 5
// A clock that never advances would otherwise make the chunk grow forever.
const MAX_CHUNK = 2 ** 26

// Every kernel's result lands here, so no kernel's work is dead code.
let sink = 0

// Fixed inputs come from a small LCG written here, not from a library's generator, so the
// reference never changes with code it does not own.
function fixedInts(length: number, seed: number, bits: number): number[] {
  const out: number[] = []
  let s = seed >>> 0
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    out.push(s >>> (32 - bits))
  }
  return out
}

/** 64 small objects of one shape, in an array: the `objects` kernel hops between them. */
const NODES: ReadonlyArray<{ id: number; weight: number }> = fixedInts(64, 0x0b1ec7, 6).map((weight, id) => ({
  id,
  weight,
}))
const MAP = new Map<number, number>(fixedInts(64, 0x3a9, 6).map((v, k) => [k, v]))
// Built in one piece so it is a flat one-byte string, not a rope that every read walks.
const TEXT = String.fromCharCode(...fixedInts(256, 0x7e57, 5).map((v) => 97 + (v % 26)))

/**
 * The fixed kernels, all CPU-bound. Each is a chain of dependent steps (every step needs the
 * previous one's result) through one kind of work: integer arithmetic, floating point, object
 * property and array element loads, `Map` lookups, string reads. A unit of work is one step.
 *
 * Why chains: on a shared host, code that runs many independent operations at once (sorting,
 * JSON, string building, array sums) slows down a lot whenever another tenant's thread shares
 * the physical core, for stretches long enough to cover a whole measurement. That is the
 * host's load of the moment, not its speed; a chain waits on its own latencies and hardly
 * notices. No kernel allocates: how much garbage-collector work an allocation costs depends on
 * what the process did before (heap size, marking in progress), not on the machine.
 * See docs/speed-reference.md for what was tried and measured.
 */
export const SPEED_KERNELS: readonly SpeedKernel[] = [
  {
    name: 'int',
    run(count) {
      let h = 0x12345678
      for (let i = 0; i < count; i++) {
        h = (Math.imul(h ^ (h >>> 13), 0x5bd1e995) + i) | 0
        h = (h ^ (h << 7) ^ (i >>> 3)) | 0
      }
      return h
    },
  },
  {
    name: 'float',
    run(count) {
      let x = 1.5
      for (let i = 0; i < count; i++) x = Math.sqrt(x * 1.0001 + i)
      return x | 0
    },
  },
  {
    name: 'objects',
    run(count) {
      let p = NODES[0]!
      let h = 0
      for (let i = 0; i < count; i++) {
        // The next object depends on the last one's field: a chain of loads, never a stream.
        h = Math.imul(h ^ p.weight, 0x9e3779b1)
        p = NODES[(p.id + (h >>> 26)) & 63]!
      }
      return h ^ p.id
    },
  },
  {
    name: 'map',
    run(count) {
      let k = 1
      for (let i = 0; i < count; i++) k = MAP.get(k)!
      return k
    },
  },
  {
    name: 'string',
    run(count) {
      let j = 0
      for (let i = 0; i < count; i++) j = Math.imul(j + TEXT.charCodeAt(j), 0x9e3779b1) >>> 24
      return j
    },
  },
]

/** A kernel's timing state: the chunk size it has grown to. */
interface Timed {
  kernel: SpeedKernel
  chunk: number
}

/**
 * Runs the kernel in chunks for at least `ms` (and {@link MIN_CHUNKS} chunks) and returns its
 * time, ns per unit: the median over the chunks, so that a chunk during which the thread was
 * descheduled or interrupted (common on a busy machine: the test run may still be winding
 * down) does not count. Chunks double while they last under {@link CHUNK_MS}, so they follow
 * the code as it gets faster. `NaN` when the clock passes `deadline` first.
 */
function runFor(t: Timed, ms: number, clock: Clock, deadline = Number.POSITIVE_INFINITY): number {
  const perUnit: number[] = []
  let units = 0
  const t0 = clock.now()
  let last = t0
  for (;;) {
    const chunk = t.chunk
    sink = (sink + (t.kernel.run(chunk) | 0)) | 0
    units += chunk
    const now = clock.now()
    perUnit.push(((now - last) * 1e6) / chunk)
    if (now - last < CHUNK_MS) {
      if (chunk >= MAX_CHUNK) {
        throw new Error(`perfspec: the clock did not advance over ${chunk} units of the "${t.kernel.name}" speed kernel`)
      }
      t.chunk = chunk * 2
    }
    last = now
    if (now > deadline) return Number.NaN
    if (now - t0 >= ms && perUnit.length >= MIN_CHUNKS) {
      // A clock coarser than a chunk reads 0 for most of them: then only the total means anything.
      const m = median(perUnit)
      return m > 0 ? m : ((now - t0) * 1e6) / units
    }
  }
}

function geometricMean(xs: readonly number[]): number {
  let logSum = 0
  for (const x of xs) logSum += Math.log(x)
  return Math.exp(logSum / xs.length)
}

/**
 * The arithmetic of {@link SpeedReference} from raw timings: `perRound[r][k]` is kernel `k`'s
 * time in round `r`, ns per unit. Per kernel the median over rounds; `ns` the geometric mean
 * of those medians; `spread` from the per-round geometric means. Pure, for tests and tools.
 */
export function summarizeSpeedRounds(
  names: readonly string[],
  perRound: ReadonlyArray<readonly number[]>,
): Pick<SpeedReference, 'ns' | 'spread' | 'kernels' | 'rounds'> {
  if (perRound.length === 0) throw new RangeError('perfspec: a speed reference needs at least one round')
  const kernels: Record<string, number> = {}
  const medians = names.map((name, k) => {
    const m = median(perRound.map((row) => row[k]!))
    kernels[name] = m
    return m
  })
  const roundMeans = perRound.map((row) => geometricMean(row))
  const mid = median(roundMeans)
  return {
    ns: geometricMean(medians),
    rounds: perRound.length,
    spread: (Math.max(...roundMeans) - Math.min(...roundMeans)) / mid,
    kernels,
  }
}

/**
 * Times `kernels` as {@link measureSpeedReference} times the built-in ones (tests pass kernels
 * that advance a fake clock): each kernel warmed up in turn, then up to `rounds` rounds within
 * `budget`, each round timing every kernel once, for a set time, in chunks.
 *
 * @throws TypeError on a bad option or an empty kernel list; Error when the clock never advances.
 */
export function measureKernels(kernels: readonly SpeedKernel[], options: SpeedReferenceOptions = {}): SpeedReference {
  const { clock, budget, rounds } = checkOptions(options)
  if (!Array.isArray(kernels) || kernels.length === 0) {
    throw argumentError('kernels', kernels, 'a non-empty list, e.g. SPEED_KERNELS')
  }
  // Sized from the budget, so that a smaller budget gets shorter batches rather than fewer
  // rounds, and the default budget is kept with room to spare.
  const warmupMs = Math.min(MAX_WARMUP_MS, (budget * WARMUP_SHARE) / kernels.length)
  const batchMs = Math.min(MAX_BATCH_MS, (budget * ROUNDS_SHARE) / (kernels.length * rounds))
  const start = clock.now()
  const deadline = start + budget
  const timed: Timed[] = kernels.map((kernel) => ({ kernel, chunk: 1 }))
  // On a machine busy enough to stretch the warm-up towards the budget, cut it short and keep
  // time for the one round that is always run.
  const warmupDeadline = deadline - 2 * batchMs * kernels.length
  warmup: for (let pass = 0; pass < WARMUP_PASSES; pass++) {
    for (const t of timed) {
      if (Number.isNaN(runFor(t, warmupMs / WARMUP_PASSES, clock, warmupDeadline))) break warmup
    }
  }
  const perRound: number[][] = []
  let lastRoundMs = 0
  for (let r = 0; r < rounds; r++) {
    const roundStart = clock.now()
    // Stop before a round that would not fit rather than cut it: every kept round must time
    // every kernel, or the per-kernel medians would come from different moments.
    if (r > 0 && roundStart + lastRoundMs > deadline) break
    // The first round is kept whatever it costs; later ones are abandoned at the deadline.
    const cutoff = r > 0 ? deadline : Number.POSITIVE_INFINITY
    const row: number[] = []
    for (const t of timed) {
      const ns = runFor(t, batchMs, clock, cutoff)
      if (Number.isNaN(ns)) break
      row.push(ns)
    }
    const roundEnd = clock.now()
    if (row.length < timed.length || roundEnd > cutoff) break
    perRound.push(row)
    lastRoundMs = roundEnd - roundStart
  }
  const summary = summarizeSpeedRounds(
    kernels.map((k) => k.name),
    perRound,
  )
  return { ...summary, elapsed: clock.now() - start }
}

/**
 * Measures this machine's speed on a short fixed reference: {@link SPEED_KERNELS}, each warmed
 * up, then timed for about 1 ms per round, over `rounds` rounds (default 5) within `budget` ms
 * (default 100; warm-up and one round always run). With the defaults it takes about half the
 * budget. Synchronous: it blocks the thread for its duration.
 *
 * @returns `ns` (lower is faster), the rounds run, their spread, the time spent and the
 *   per-kernel medians. Compare two figures with {@link speedRatio}, and only figures of the
 *   same {@link SPEED_REFERENCE_VERSION} and, ideally, the same Node major version.
 * @throws TypeError on a bad option, naming it.
 */
export function measureSpeedReference(options: SpeedReferenceOptions = {}): SpeedReference {
  return measureKernels(SPEED_KERNELS, options)
}

/**
 * How many times slower the current machine is than the baseline's: `current / baseline`,
 * both {@link SpeedReference.ns} figures (ns per unit, lower is faster). 2 means the current
 * machine takes twice as long; 0.5 that it is twice as fast.
 *
 * @throws TypeError when either argument is not a finite number above 0, naming which.
 */
export function speedRatio(baseline: number, current: number): number {
  for (const [name, value] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw argumentError(`speedRatio(): ${name}`, value, 'a finite number of ns above 0, e.g. readSpeedReference().ns')
    }
  }
  return current / baseline
}

let measured: SpeedReference | undefined

/**
 * This process's speed reference, with the defaults of {@link measureSpeedReference}: the
 * fastest of the readings taken so far (see {@link readSpeedReferenceAgain}), measured on the
 * first call when none was (within the default 100 ms budget); the same frozen object until
 * another reading is faster, so several consumers in one run agree and pay once.
 */
export function readSpeedReference(): SpeedReference {
  if (!measured) readSpeedReferenceAgain()
  return measured!
}

/**
 * Measures the speed reference once more; {@link readSpeedReference} then gives the fastest
 * reading. One reading fits inside one slow stretch of a shared host (they last a tenth of a
 * second to seconds, and slow everything by up to about 2x), which would make this machine look
 * like another one; readings taken apart in time (at the start and at the end of a run) are
 * unlikely all to fall in one, and a slow stretch only ever makes a reading slower.
 */
export function readSpeedReferenceAgain(): void {
  const r = measureSpeedReference()
  if (measured && measured.ns <= r.ns) return
  Object.freeze(r.kernels)
  measured = Object.freeze(r)
}

const KNOWN_OPTIONS: readonly string[] = ['clock', 'budget', 'rounds']

function checkOptions(options: SpeedReferenceOptions): Required<SpeedReferenceOptions> {
  const { clock = systemClock, budget = 100, rounds = 5 } = optionsObject(options, KNOWN_OPTIONS, 'speed reference', '{ budget: 100, rounds: 5 }') as SpeedReferenceOptions
  if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function') {
    throw argumentError('options.clock', clock, 'an object with a now() returning ms, e.g. { now: () => performance.now() }')
  }
  if (typeof budget !== 'number' || !Number.isFinite(budget) || budget <= 0) {
    throw argumentError('options.budget', budget, 'a number of ms above 0, e.g. 100')
  }
  if (typeof rounds !== 'number' || !Number.isInteger(rounds) || rounds < 1) {
    throw argumentError('options.rounds', rounds, 'a whole number ≥ 1, e.g. 5')
  }
  return { clock, budget, rounds }
}
