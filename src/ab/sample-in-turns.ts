import { distributionOfSamples, meanOf, quantile } from '../analyse/distribution.js'
import { median } from '../analyse/median.js'
import type { SampleSet } from '../analyse/sample-set.js'
import { QUANTILE_OF } from '../model/metrics.js'
import { BlockSink } from '../measure/block-sink.js'
import { prepare, type SamplerOutcome, type SamplerPlan } from '../measure/sampler.js'
import { StoppedError, throwIfStopped } from '../measure/stop.js'
import type { StopReason } from '../measure/stopping-rule.js'
import { abClient, CLOSED, warnAlone, type AbClient } from './client.js'
import type { BlockMessage, ReadyMessage } from './protocol.js'

/** The benchmark as the coordinator pairs it. */
export type TurnsBenchmark = Omit<ReadyMessage, 't'>

/**
 * `bench()`'s sampling in A/B mode (`PERFSPEC_AB` set): warms `fn` up as usual, tells the
 * coordinator it is ready, then measures one block per `turn` until `stop`, feeding every sample
 * into `samples` as usual, so the result is this side's own measurement of its blocks and the
 * test's assertions still run on it. Between turns it awaits the socket, using no CPU. On
 * `alone`, or without a coordinator, it measures as usual with `plan.stoppingRule`.
 *
 * @param connect - the connection to use; default this process's one ({@link abClient})
 */
export async function sampleInTurns(fn: () => unknown, plan: SamplerPlan, samples: SampleSet, benchmark: TurnsBenchmark, connect: () => Promise<AbClient | undefined> = abClient): Promise<SamplerOutcome> {
  const { signal } = plan
  const prepared = await prepare(fn, plan)
  // Let timers and deferred work queued during warm-up run before the first sample.
  await prepared.pause()
  const client = await connect()

  const probes = plan.probes ?? []
  for (const probe of probes) await probe.start()
  let ops = 0
  let sampleTime = 0
  let stoppedBy: StopReason = 'time'
  const alone = async () => {
    const run = await prepared.take(samples, plan.stoppingRule)
    ops += run.ops
    sampleTime += run.elapsed
    stoppedBy = run.stoppedBy
  }

  if (!client) await alone()
  else {
    const { id } = benchmark
    client.send({ t: 'ready', ...benchmark })
    try {
      const sink = new BlockSink(samples)
      for (let done = false; !done; ) {
        const message = await client.next(id, signal)
        if (message === CLOSED) {
          warnAlone('the connection to the coordinator closed')
          await alone()
          done = true
        } else if (message.t === 'turn') {
          sink.block.length = 0
          const block = await prepared.takeBlock(sink, message.ms)
          ops += block.ops
          sampleTime += block.elapsed
          client.send({ t: 'block', id, ops: block.ops, ns: block.elapsed * 1e6, ...blockFigures(sink.block) })
          throwIfStopped(signal)
        } else {
          if (message.t === 'alone') await alone()
          done = true
        }
      }
      client.send({ t: 'end', id, reason: 'done', typicalNs: samples.summarize().p50 * 1e6 })
    } catch (error) {
      client.send({ t: 'end', id, reason: error instanceof StoppedError ? 'aborted' : 'error' })
      throw error
    }
  }
  for (const probe of probes) await probe.stop(ops, sampleTime)

  const { cold, async, mode, batchSize, timerOverhead, warmupTime } = prepared
  return { cold, async, mode, batchSize, timerOverhead, warmupTime, sampleTime, stoppedBy, ops }
}

/** A block's median per-call time, and its other figures for a gate on another metric; ns. */
function blockFigures(block: readonly number[]): Pick<BlockMessage, 'typicalNs' | 'figures'> {
  const d = distributionOfSamples(block)
  const figures: Record<string, number> = { mean: meanOf(d) * 1e6, max: d.values[d.values.length - 1]! * 1e6 }
  for (const [metric, q] of Object.entries(QUANTILE_OF)) figures[metric] = quantile(d, q) * 1e6
  return { typicalNs: median(block) * 1e6, figures }
}
