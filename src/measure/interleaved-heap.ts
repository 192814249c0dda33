import { median } from '../analyse/median.js'
import { collectFully, forceGC } from './gc.js'
import { roundOrders } from './round-order.js'
import { allocationOf, callsPerReading, readingOverhead, usedHeap, warmUpCalls, type HeapFigures, type RunCalls } from './heap.js'

/** Readings of one function in {@link interleavedHeap}. */
export interface InterleavedHeap extends HeapFigures {
  /** Bytes allocated per call in each round kept (aligned across the functions). */
  perRound: number[]
}

/**
 * Clean readings (no collection during them) of one function in one round, of which the least
 * is kept: the engine's own work during a reading (optimised code being installed) can only add
 * to it, now and then far more than the calls allocate, never take from it.
 */
const READINGS = 2
/** Attempts at those readings of one function in one round. */
const ATTEMPTS = 5

/**
 * What each function allocates per call, read in `rounds` rounds that read each function in the
 * order {@link roundOrders} gives, as the timing blocks alternate; a function's figure in a round
 * is the least of its 2 clean readings there, and a round in which some function got none in 5
 * attempts is left out for all. Growth is each function's share of the heap retained: the heap
 * in use after the full collection that follows its warm-up and each of its readings, less the
 * heap in use after the one before. `runs[i](n)` must call function i `n` times.
 */
export async function interleavedHeap(runs: readonly RunCalls[], rounds: number, random: () => number): Promise<InterleavedHeap[]> {
  await collectFully(2)
  const growth = runs.map(() => 0)
  for (const [i, run] of runs.entries()) {
    const before = usedHeap()
    await warmUpCalls(run)
    forceGC()
    growth[i] = usedHeap() - before
  }
  const reading = new Float64Array(2)
  const overheads: number[] = []
  const calls: number[] = []
  for (const run of runs) {
    const overhead = await readingOverhead(run, reading)
    overheads.push(overhead)
    calls.push(await callsPerReading(run, overhead, reading))
  }
  const perRound: number[][] = runs.map(() => [])
  const nextOrder = roundOrders(runs.length, random)
  const values = new Float64Array(runs.length)
  // Which function ran last, and the heap in use before it ran.
  let last = -1
  let level = 0
  for (let round = 0; round < rounds; round++) {
    let complete = true
    for (const i of nextOrder()) {
      let clean = 0
      values[i] = Number.POSITIVE_INFINITY
      for (let attempt = 0; attempt < ATTEMPTS && clean < READINGS; attempt++) {
        const ok = await allocationOf(runs[i]!, calls[i]!, reading)
        if (last >= 0) growth[last]! += reading[1]! - level
        last = i
        level = reading[1]!
        if (!ok) continue
        clean++
        values[i] = Math.min(values[i]!, Math.max(0, reading[0]! - overheads[i]!) / calls[i]!)
      }
      if (clean === 0) complete = false
    }
    if (complete) runs.forEach((_, i) => perRound[i]!.push(values[i]!))
  }
  forceGC()
  if (last >= 0) growth[last]! += usedHeap() - level
  return runs.map((_, i) => ({ bytesPerOp: median(perRound[i]!), growth: growth[i]!, readings: perRound[i]!.length, perRound: perRound[i]! }))
}
