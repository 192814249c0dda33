import { median } from '../analyse/median.js'
import { collectFully, forceGC } from './gc.js'
import { roundOrders } from './round-order.js'
import { allocationOf, callsPerReading, readingOverhead, usedHeap, type HeapFigures, type RunCalls } from './heap.js'

/** Readings of one function in {@link interleavedHeap}. */
export interface InterleavedHeap extends HeapFigures {
  /** Bytes allocated per call, one reading per round kept (aligned across the functions). */
  perRound: number[]
}

/** Attempts at a clean reading (no collection during it) of one function in one round. */
const ATTEMPTS = 3

/**
 * What each function allocates per call, read in `rounds` rounds that take one reading of each
 * in the order {@link roundOrders} gives, as the timing blocks alternate. A round in which some function got no clean reading in 3 attempts is left out for all.
 * Growth is each function's share of the heap retained over the rounds: the heap in use after
 * the full collection that follows each of its readings, less the heap in use after the one
 * before it. `runs[i](n)` must call function i `n` times.
 */
export async function interleavedHeap(runs: readonly RunCalls[], rounds: number, random: () => number): Promise<InterleavedHeap[]> {
  await collectFully(2)
  const reading = new Float64Array(2)
  const overheads: number[] = []
  const calls: number[] = []
  for (const run of runs) {
    const overhead = await readingOverhead(run, reading)
    overheads.push(overhead)
    calls.push(await callsPerReading(run, overhead, reading))
  }
  const perRound: number[][] = runs.map(() => [])
  const growth = runs.map(() => 0)
  const nextOrder = roundOrders(runs.length, random)
  const values = new Float64Array(runs.length)
  // Which function ran last, and the heap in use before it ran.
  let last = -1
  let level = 0
  for (let round = 0; round < rounds; round++) {
    let complete = true
    for (const i of nextOrder()) {
      let clean = false
      for (let attempt = 0; attempt < ATTEMPTS && !clean; attempt++) {
        clean = await allocationOf(runs[i]!, calls[i]!, reading)
        if (last >= 0) growth[last]! += reading[1]! - level
        last = i
        level = reading[1]!
      }
      if (clean) values[i] = Math.max(0, reading[0]! - overheads[i]!) / calls[i]!
      else complete = false
    }
    if (complete) runs.forEach((_, i) => perRound[i]!.push(values[i]!))
  }
  forceGC()
  if (last >= 0) growth[last]! += usedHeap() - level
  return runs.map((_, i) => ({ bytesPerOp: median(perRound[i]!), growth: growth[i]!, readings: perRound[i]!.length, perRound: perRound[i]! }))
}
