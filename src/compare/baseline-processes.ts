import type { BenchAttempts, BenchResult } from '../model/bench-result.js'
import { GATE_METRICS } from '../model/metrics.js'
import { latencyOf } from './attempt-plan.js'
import { FRESH_FASTER_LIMIT } from './fresh-attempts.js'

/** The measurements one process took of a benchmark whose baseline is written: its own record of attempts, or itself alone. */
function measurementsOf(result: BenchResult): Pick<BenchAttempts, 'latency' | 'kept' | 'host' | 'cpus'> {
  const a = result.attempts
  if (a?.purpose === 'baseline' && a.latency.length > 0) return a
  return { latency: [latencyOf(result)], kept: 0 }
}

/**
 * A new baseline's result from the run's own process with the measurements of fresh processes
 * added (the runner started again on its test, after the run; see the `baselineProcesses`
 * option): the fastest by typical call (p50) of all of them, its distribution, with each
 * statistic at the lowest any measurement read, and `attempts.processes` saying where each
 * process's measurements begin. A fresh process that read the benchmark more than
 * {@link FRESH_FASTER_LIMIT} faster than the run did timed other work (its test alone, without
 * what earlier tests of its file built) and is left out. When fewer processes than `asked` gave
 * a measurement, `attempts.processesShort` says so, with `problem` (why a pass gave none) or why
 * a reading was left out. Pure.
 *
 * @param own - the result the run recorded: a `'baseline'` record of attempts, or one measurement
 * @param fresh - each fresh process's result for the same benchmark, in the order they ran
 * @param asked - processes asked for, the run's own included
 * @param problem - why some fresh process gave no result, when one did not
 */
export function withBaselineProcesses(own: BenchResult, fresh: readonly BenchResult[], asked = fresh.length + 1, problem?: string): BenchResult {
  const others = fresh.filter((r) => r.latency.p50 >= own.latency.p50 * (1 - FRESH_FASTER_LIMIT))
  const why =
    others.length < fresh.length
      ? `a fresh process read it more than ${Math.round(1 / (1 - FRESH_FASTER_LIMIT))}x faster than the run did, which is not the same work: its test may depend on tests before it in its file, which a fresh process does not run`
      : problem
  const short = others.length + 1 < asked ? { processesShort: { asked, problem: why ?? 'a fresh process gave no result for it' } } : {}
  if (others.length === 0 && !short.processesShort) return own
  if (others.length === 0) return own.attempts?.purpose === 'baseline' ? { ...own, attempts: { ...own.attempts, ...short } } : { ...own, attempts: { purpose: 'baseline', latency: [latencyOf(own)], kept: 0, ...short } }
  const results = [own, ...others]
  const parts = results.map(measurementsOf)
  const processes: number[] = []
  const latency: BenchAttempts['latency'] = []
  for (const part of parts) {
    processes.push(latency.length)
    latency.push(...part.latency)
  }
  const best = results.reduce((b, r, i) => (r.latency.p50 < results[b]!.latency.p50 ? i : b), 0)
  const lowest = { ...results[best]!.latency }
  for (const key of GATE_METRICS) lowest[key] = Math.min(...latency.map((l) => l[key]))
  // Host readings and CPUs are kept only when every measurement has one: each is read by its index.
  const host = parts.every((p) => p.host?.length === p.latency.length) ? parts.flatMap((p) => p.host!) : undefined
  const cpus = parts.every((p) => p.cpus?.length === p.latency.length) ? parts.flatMap((p) => p.cpus!) : undefined
  const ownAttempts = own.attempts?.purpose === 'baseline' ? own.attempts : undefined
  const attempts: BenchAttempts = {
    purpose: 'baseline',
    latency,
    kept: processes[best]! + parts[best]!.kept,
    ...(ownAttempts?.asked !== undefined && { asked: ownAttempts.asked + latency.length - parts[0]!.latency.length }),
    ...(ownAttempts?.pause !== undefined && { pause: ownAttempts.pause }),
    ...(host && { host }),
    ...(cpus && { cpus }),
    processes,
    ...short,
  }
  return { ...results[best]!, latency: lowest, attempts }
}
