import type { BenchAttempts, BenchResult } from '../model/bench-result.js'
import { latencyOf, lowestOf } from './attempt-plan.js'

/** The measurements one process took of a benchmark whose baseline is written: its own record of attempts, or itself alone. */
export function measurementsOf(result: BenchResult): Pick<BenchAttempts, 'latency' | 'kept' | 'host' | 'cpus'> {
  const a = result.attempts
  if (a?.purpose === 'baseline' && a.latency.length > 0) return a
  return { latency: [latencyOf(result)], kept: 0 }
}

/**
 * A new baseline's result from the run's own process with the measurements of fresh processes
 * added (the runner started again on its test, after the run; see the `baselineProcesses`
 * option): the fastest by typical call (p50) of all of them, its distribution, with each
 * statistic at the lowest any measurement read, and `attempts.processes` saying where each
 * process's measurements begin. The further processes run the test's whole file, so they measure
 * the same work (a reading there may be twice as fast as the run's: this machine runs some code
 * at two speeds in different processes, which is what they are there to find). When fewer
 * processes than `asked` gave a measurement, `attempts.processesShort` says so, with `problem`. Pure.
 *
 * @param own - the result the run recorded: a `'baseline'` record of attempts, or one measurement
 * @param fresh - each fresh process's result for the same benchmark, in the order they ran
 * @param asked - processes asked for, the run's own included
 * @param problem - why some fresh process gave no result, when one did not
 */
export function withBaselineProcesses(own: BenchResult, fresh: readonly BenchResult[], asked = fresh.length + 1, problem?: string): BenchResult {
  const short = fresh.length + 1 < asked ? { processesShort: { asked, problem: problem ?? 'a fresh process gave no result for it' } } : {}
  if (fresh.length === 0 && !short.processesShort) return own
  if (fresh.length === 0) return own.attempts?.purpose === 'baseline' ? { ...own, attempts: { ...own.attempts, ...short } } : { ...own, attempts: { purpose: 'baseline', latency: [latencyOf(own)], kept: 0, ...short } }
  const results = [own, ...fresh]
  const parts = results.map(measurementsOf)
  const processes: number[] = []
  const latency: BenchAttempts['latency'] = []
  for (const part of parts) {
    processes.push(latency.length)
    latency.push(...part.latency)
  }
  const best = results.reduce((b, r, i) => (r.latency.p50 < results[b]!.latency.p50 ? i : b), 0)
  // Host readings and CPUs are kept only when every measurement has one: each is read by its index.
  const host = parts.every((p) => p.host?.length === p.latency.length) ? parts.flatMap((p) => p.host!) : undefined
  const cpus = parts.every((p) => p.cpus?.length === p.latency.length) ? parts.flatMap((p) => p.cpus!) : undefined
  const ownAttempts = own.attempts?.purpose === 'baseline' ? own.attempts : undefined
  // Measurements asked of every process: a process whose test's timeout cut its own short says how many it was asked for.
  const askedOf = (r: BenchResult, i: number) => (r.attempts?.purpose === 'baseline' ? r.attempts.asked : undefined) ?? parts[i]!.latency.length
  const cut = results.some((r) => r.attempts?.purpose === 'baseline' && r.attempts.asked !== undefined)
  const attempts: BenchAttempts = {
    purpose: 'baseline',
    latency,
    kept: processes[best]! + parts[best]!.kept,
    ...(cut && { asked: results.reduce((sum, r, i) => sum + askedOf(r, i), 0) }),
    ...(ownAttempts?.pause !== undefined && { pause: ownAttempts.pause }),
    ...(host && { host }),
    ...(cpus && { cpus }),
    processes,
    ...short,
  }
  return { ...results[best]!, latency: lowestOf(results[best]!.latency, latency), attempts }
}
