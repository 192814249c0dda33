import v8 from 'node:v8'
import { performance } from 'node:perf_hooks'
import { median } from '../analyse/median.js'
import { collectFully, forceGC } from './gc.js'
import { isThenable } from './leak/calls.js'

/** Runs the benchmarked function `calls` times in a row (sync, or resolving when done). */
export type RunCalls = (calls: number) => unknown

/** Options of {@link measureHeap}. All optional. */
export interface HeapMeasureOptions {
  /** Readings of the allocation per call; their median is reported. Default 7. */
  repeats?: number
  /** Most calls in one reading. Default 100,000. */
  maxCalls?: number
  /**
   * A reading stops growing once its calls allocate this many bytes: enough to drown the
   * reading's own allocation, small enough that no scavenge starts. Default 256 KB.
   */
  targetBytes?: number
  /** Time after which readings stop growing, ms. Default 200. */
  budget?: number
}

/** Heap figures of a benchmark. */
export interface HeapFigures {
  /** Bytes allocated per call (garbage included): what each call costs the collector. */
  bytesPerOp: number
  /** Heap retained after full collections at the end minus at the start, bytes. */
  growth: number
  /** Clean readings (no collection during them) whose median is `bytesPerOp`. */
  readings: number
}

/**
 * Measures what a benchmarked function allocates per call and what the whole measurement
 * retained. After a warm-up ({@link warmUpCalls}), allocation is read as the growth of the used
 * heap over a batch of calls in which no collection ran (checked with V8's GC profiler where
 * Node has it, and by the heap never shrinking); the batch grows until it allocates
 * `targetBytes`, and the cost of reading the heap itself, measured on empty batches, is
 * subtracted. `run(n)` must call the function `n` times (see `throughSharedSite`); nothing else
 * in it should allocate per call.
 */
export async function measureHeap(run: RunCalls, options: HeapMeasureOptions = {}): Promise<HeapFigures> {
  const repeats = options.repeats ?? 7

  await collectFully(2)
  const retainedAtStart = usedHeap()
  await warmUpCalls(run)
  // Storage for the readings is allocated before any of them.
  const perCall = new Float64Array(repeats)
  const reading = new Float64Array(2)
  const overhead = await readingOverhead(run, reading)
  const calls = await callsPerReading(run, overhead, reading, options)

  let kept = 0
  for (let attempt = 0; attempt < repeats * 3 && kept < repeats; attempt++) {
    if (await allocationOf(run, calls, reading)) perCall[kept++] = Math.max(0, reading[0]! - overhead) / calls
  }

  await collectFully(2)
  return { bytesPerOp: kept > 0 ? median(perCall, kept) : Number.NaN, growth: usedHeap() - retainedAtStart, readings: kept }
}

/** How long each function runs before its heap is read, ms. */
const WARMUP_TIME = 50

/**
 * Runs the function for {@link WARMUP_TIME} before its heap is read: until the engine has
 * compiled it with its optimising compiler, a call allocates more (and the compilation itself
 * lands in a reading), so the readings would fall on two tiers.
 */
export async function warmUpCalls(run: RunCalls): Promise<void> {
  const started = performance.now()
  for (let calls = 1; performance.now() - started < WARMUP_TIME; calls = Math.min(calls * 2, 1024)) {
    const pending = run(calls)
    if (isThenable(pending)) await pending
  }
}

/** Throw-away readings taken once per process before the first real one. */
const SELF_WARMUP_READINGS = 10
let readingsWarmedUp = false

/**
 * What reading the heap around a batch costs by itself, bytes: the least of 5 readings of empty
 * batches. The first few readings of a process cost many times more (the reading code and V8's
 * heap statistics are compiled and get their feedback then), so the first call takes throw-away
 * readings first; otherwise the first heap measurement of a process subtracts too much from
 * every reading.
 */
export async function readingOverhead(run: RunCalls, reading: Float64Array): Promise<number> {
  if (!readingsWarmedUp) {
    readingsWarmedUp = true
    for (let i = 0; i < SELF_WARMUP_READINGS; i++) await allocationOf(run, 0, reading)
  }
  let overhead = Number.POSITIVE_INFINITY
  for (let i = 0; i < 5; i++) if (await allocationOf(run, 0, reading)) overhead = Math.min(overhead, reading[0]!)
  return Number.isFinite(overhead) ? overhead : 0
}

/**
 * How many calls one reading makes: grown fourfold from 1 until a batch allocates `targetBytes`
 * beyond `overhead` with no collection during it, or reaches `maxCalls`, or the `budget` is spent.
 */
export async function callsPerReading(run: RunCalls, overhead: number, reading: Float64Array, options: Pick<HeapMeasureOptions, 'maxCalls' | 'targetBytes' | 'budget'> = {}): Promise<number> {
  const maxCalls = options.maxCalls ?? 100_000
  const targetBytes = options.targetBytes ?? 256 * 1024
  const budget = options.budget ?? 200
  let calls = 1
  const started = performance.now()
  for (;;) {
    const clean = await allocationOf(run, calls, reading)
    const enough = clean && reading[0]! - overhead >= targetBytes
    if (enough || calls >= maxCalls || performance.now() - started > budget) return calls
    // A collection during the batch means it was already too large for the young generation.
    if (!clean && calls > 1) return Math.max(1, calls >> 1)
    calls = Math.min(maxCalls, calls * 4)
  }
}

/** The heap in use now, bytes. */
export function usedHeap(): number {
  return v8.getHeapStatistics().used_heap_size
}

const hasGCProfiler = typeof (v8 as { GCProfiler?: unknown }).GCProfiler === 'function'

/**
 * Heap allocated by `calls` calls into `out[0]`, and the heap in use right before them (after a
 * full collection) into `out[1]`; false when a garbage collection ran during them (the difference
 * would then be meaningless). Starts from a freshly collected heap so that the young generation
 * has all its room.
 */
export async function allocationOf(run: RunCalls, calls: number, out: Float64Array): Promise<boolean> {
  forceGC()
  const profiler = hasGCProfiler ? new v8.GCProfiler() : undefined
  profiler?.start()
  const before = usedHeap()
  const pending = run(calls)
  if (isThenable(pending)) await pending
  const after = usedHeap()
  const collections = profiler?.stop()?.statistics.length ?? 0
  out[0] = after - before
  out[1] = before
  return collections === 0 && after >= before
}
