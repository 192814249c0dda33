import { median } from '../analyse/median.js'
import { SampleSet } from '../analyse/sample-set.js'
import { nextMacrotask, type Clock } from './clock.js'
import { Pacer } from './pacer.js'
import { roundOrders } from './round-order.js'
import { BlockSink } from './block-sink.js'
import type { Prepared } from './sampler.js'
import { throwIfStopped } from './stop.js'

/** How {@link interleave} alternates the functions; times in ms. */
export interface InterleavePlan {
  /** Sampling time each function gets at least, ms. */
  time: number
  /** Rounds at least, even past `time`; rounded up to an even number. */
  rounds: number
  /** Length of one block, ms (a block has at least one sample, so a slow call makes it longer). */
  block: number
  /** Read the CPU time of this process around each block. */
  cpu: boolean
  clock: Clock
  /** Stops the measurement between two blocks (or an awaited call) once aborted. */
  signal?: AbortSignal
  /** Uniform numbers in [0, 1) that choose the order of the blocks. */
  random: () => number
  /** Called before each block with the index of the function about to run (to name the one that throws). */
  onBlock?: (index: number) => void
}

/** What one function's blocks measured: all its samples, and per round the figures of its block. */
export interface InterleavedRun {
  /** Every sample of every block (per-call ms). */
  samples: SampleSet
  /** Calls made in all blocks. */
  ops: number
  /** Time spent in its blocks, ms. */
  sampleTime: number
  /** Per round: the median and the mean of its block's samples, ms per call. */
  p50: number[]
  mean: number[]
  /** Per round, with `cpu`: CPU time of its block per call (user + system), ms; and the totals, ms. */
  cpu?: number[]
  user: number
  system: number
}

/**
 * Measures prepared functions in short alternating blocks: each round runs one block of each,
 * in the order {@link roundOrders} gives (drawn at random, then reversed). A machine that slows
 * down for seconds (other processes, a throttled host) then slows every function alike, round
 * by round, and comparing the blocks of one round cancels it (duet benchmarking; tachometer
 * alternates the same way). Stops after an even number of rounds, once every function has been
 * sampled for `time` and at least `rounds` were run. The event loop gets a turn between blocks
 * when one is due, never inside one, so the CPU read around a block is the block's own.
 */
export async function interleave(members: readonly Prepared[], plan: InterleavePlan): Promise<InterleavedRun[]> {
  const { clock, signal } = plan
  const runs: InterleavedRun[] = members.map(() => ({ samples: new SampleSet(), ops: 0, sampleTime: 0, p50: [], mean: [], ...(plan.cpu && { cpu: [] }), user: 0, system: 0 }))
  const sinks = runs.map((run) => new BlockSink(run.samples))
  const pacer = new Pacer(clock, nextMacrotask)
  const nextOrder = roundOrders(members.length, plan.random)
  const minRounds = plan.rounds + (plan.rounds % 2)
  for (let round = 1; ; round++) {
    for (const i of nextOrder()) {
      throwIfStopped(signal)
      plan.onBlock?.(i)
      const run = runs[i]!
      const sink = sinks[i]!
      sink.block.length = 0
      const cpuBefore = plan.cpu ? process.cpuUsage() : undefined
      const { ops, elapsed } = await members[i]!.takeBlock(sink, plan.block)
      if (cpuBefore) {
        const used = process.cpuUsage(cpuBefore)
        run.user += used.user / 1000
        run.system += used.system / 1000
        run.cpu!.push((used.user + used.system) / 1000 / ops)
      }
      run.ops += ops
      run.sampleTime += elapsed
      run.p50.push(median(sink.block))
      run.mean.push(sink.block.reduce((sum, ms) => sum + ms, 0) / sink.block.length)
      if (pacer.due(clock.now())) await pacer.pause()
    }
    if (round % 2 === 0 && round >= minRounds && runs.every((run) => run.sampleTime >= plan.time)) return runs
  }
}
