import type { BenchAttempts, BenchResult } from '../model/bench-result.js'
import { formatChange } from '../units/format.js'
import { latencyOf, type AttemptReadingOf } from './attempt-plan.js'

/**
 * How much faster than its baseline (a fraction: 0.5 is twice as fast) a fresh process may read
 * a suspect and still count as measuring the same work. The fresh process runs the suspect's file
 * whole, as the run did, but with `CI=true` and alone: a test whose work depends on its
 * environment (`process.env.CI`, what other files left behind) may time something else there,
 * and such a reading must not clear a regression that every measurement of the run confirmed.
 * Unchanged code on a shared host reads tens of percent off its baseline, not half.
 */
export const FRESH_FASTER_LIMIT = 0.5

/** Whether one measurement, taken to confirm a regression, reads as one against its baseline, and its change (see `readsAsRegression`). */
export type AttemptReading = (result: BenchResult) => AttemptReadingOf

/**
 * A regression confirmed within its test's process, with the measurements of a fresh process
 * added (the runner started again on the benchmark's test file, whole, after the run). It stays a
 * regression only if every measurement, old and fresh, reads as one (as a confirmation: see
 * `readsAsRegression`); the result kept is then the fastest by typical call (p50) among those
 * whose gated metric read as one. Otherwise the fresh process's own result is kept: the
 * measurement that did not read as a regression — unless it read more than
 * {@link FRESH_FASTER_LIMIT} faster than the baseline: then the regression stands, saying why
 * the fresh reading was not taken (`freshProblem`). Pure.
 *
 * @param confirmed - the result recorded in the run: a `'confirm'` record of attempts, or one
 *   measurement when confirmation was off
 * @param fresh - the fresh process's result for the same benchmark, with its own confirmation
 *   when its first measurement read as a regression
 * @param read - the judge, against the benchmark's baseline
 */
export function withFreshAttempts(confirmed: BenchResult, fresh: BenchResult, read: AttemptReading): BenchResult {
  const before = readingsOf(confirmed, read)
  const after = readingsOf(fresh, read)
  const fastest = Math.min(...after.changes)
  if (after.regressed < after.latency.length && fastest < -FRESH_FASTER_LIMIT) {
    return withoutFreshAttempts(confirmed, `it read ${formatChange(fastest)} against its baseline there, which is not the same work: its test may depend on its environment (the fresh process runs with CI=true) or on what other test files left behind`, read)
  }
  const offset = before.latency.length
  const freshRegressed = after.regressed === after.latency.length
  // Host readings and CPUs are kept only when every measurement has one: each is read by its index.
  const host = before.host && after.host ? [...before.host, ...after.host] : undefined
  const cpus = before.cpus && after.cpus ? [...before.cpus, ...after.cpus] : undefined
  // A fresh result that counted only by its whole distribution is not kept over one whose gated
  // metric read as the regression (see `keptResult`).
  const keepFresh = !freshRegressed || (fresh.latency.p50 < confirmed.latency.p50 && !read(fresh).throughout)
  const { attempts: _old, ...kept } = keepFresh ? fresh : confirmed
  const attempts: BenchAttempts = {
    purpose: 'confirm',
    latency: [...before.latency, ...after.latency],
    changes: [...before.changes, ...after.changes],
    regressed: before.regressed + after.regressed,
    ...((before.throughout || after.throughout) && { throughout: [...(before.throughout ?? []), ...(after.throughout ?? []).map((i) => offset + i)] }),
    kept: keepFresh ? offset + after.kept : before.kept,
    ...(confirmed.attempts?.asked !== undefined && { asked: confirmed.attempts.asked }),
    ...(confirmed.attempts?.pause !== undefined && { pause: confirmed.attempts.pause }),
    ...(host && { host }),
    ...(cpus && { cpus }),
    // Measured in fresh processes before: they began where the first of them did.
    fresh: confirmed.attempts?.fresh ?? offset,
    ...(confirmed.attempts?.fresh !== undefined && { freshProcesses: (confirmed.attempts.freshProcesses ?? 1) + 1 }),
  }
  return { ...kept, attempts }
}

/**
 * A regression confirmed within its test's process that could not be measured in a fresh one:
 * the result as recorded, saying why. Pure.
 */
export function withoutFreshAttempts(confirmed: BenchResult, problem: string, read: AttemptReading): BenchResult {
  const readings = readingsOf(confirmed, read)
  return { ...confirmed, attempts: { ...readings, freshProblem: problem } }
}

/** The measurements a result stands for, with what each read: its confirmation, or itself alone. */
function readingsOf(result: BenchResult, read: AttemptReading): BenchAttempts & { changes: number[]; regressed: number } {
  const a = result.attempts
  if (a?.purpose === 'confirm' && a.changes && a.changes.length === a.latency.length) return { ...a, changes: a.changes, regressed: a.regressed ?? 0 }
  const reading = read(result)
  return { purpose: 'confirm', latency: [latencyOf(result)], changes: [reading.change], regressed: reading.regressed ? 1 : 0, ...(reading.throughout && { throughout: [0] }), kept: 0 }
}
