import type { BaselineEntry } from '../model/baseline.js'
import type { BaselineCheck } from '../model/baseline-check.js'
import type { BenchAttempts } from '../model/bench-result.js'
import type { BenchEntry } from '../model/entries.js'
import type { Environment } from '../model/environment.js'
import { gateFor, type Gate, type UpdateMode } from '../model/gate.js'
import { compareEntry } from './compare-entry.js'
import { confirmationOf, confirmationRuling, shownConfirmation } from './confirmation-rule.js'
import { sampleOfResult } from './metric-sample.js'

/** Everything the verdict on one benchmark's baseline depends on. */
export interface BaselineVerdictInput {
  bench: BenchEntry
  /** Where the benchmark's test is, for annotations, how the test ended, and whether it was meant to fail. */
  test: { file: string; line?: number; state?: 'passed' | 'failed' | 'skipped'; expectedToFail?: boolean }
  /** The run's gate; the bench's own override is applied over it. */
  gate: Gate
  update: UpdateMode
  environment: Environment
  /** The baseline file of the test file, relative to the project root, and what reading it found. */
  baselineFile: string
  fileState: 'missing' | 'ok' | 'invalid'
  /** What is wrong with the file, when it is invalid. */
  fileProblem?: string
  /** The bench's entry in the file, when there is one. */
  previous?: BaselineEntry
  /**
   * The bench's entry of another testbed of the file (`name` `null`: the unnamed baselines), when
   * the run's own testbed has none: compared and reported, never gated.
   */
  otherTestbed?: { name: string | null; entry: BaselineEntry }
  /** The run did not end whole (see `SessionInput.interrupted`): the reason no new baseline is written. */
  incomplete?: boolean
  /** Gate baselines from another machine as if they were from this one. Default `false`. */
  crossMachine?: boolean
  /**
   * Why this run's result cannot be stored as a baseline entry (a field the baseline schema
   * refuses), when it cannot: then no baseline is written rather than one its reader would reject.
   */
  unstorable?: string
}

/**
 * Whether this run writes a benchmark's baseline: always under `update: 'all'`; a missing one
 * under `'new'` unless its file is invalid (never overwritten without `'all'`); never under `'none'`.
 * The worker asks the same before measuring a baseline several times.
 */
export function writesBaseline(update: UpdateMode, fileState: 'missing' | 'ok' | 'invalid', hasEntry: boolean): boolean {
  if (update === 'all') return true
  return update === 'new' && fileState !== 'invalid' && !hasEntry
}

/** The verdict, and whether the bench's baseline entry is to be (re)written from this run's result. */
export interface BaselineVerdict {
  check: BaselineCheck
  write: boolean
}

/**
 * Decides what happens to one benchmark's baseline: skipped (opted out, failed, or in a test
 * expected to fail), written, rewritten, not checked, new, or compared (with the noise-aware judge). An invalid file is rewritten only under
 * `update: 'all'`, otherwise its benchmarks are unchecked. Pure: no I/O, no prose.
 */
export function baselineVerdict(input: BaselineVerdictInput): BaselineVerdict {
  const { bench, update, previous } = input
  const gate = gateFor(input.gate, bench.baseline === false ? undefined : bench.baseline)
  const base = { benchId: bench.id, file: input.test.file, ...(input.test.line !== undefined && { line: input.test.line }), metric: gate.metric, threshold: gate.threshold, baselineFile: input.baselineFile }
  const result = bench.result
  if (bench.baseline === false) return { check: { ...base, status: 'skipped', cause: 'opted-out' }, write: false }
  if (!result) return { check: { ...base, status: 'skipped', cause: 'bench-failed', detail: bench.error ?? 'no result' }, write: false }
  const current = result.latency[gate.metric]
  const attempts = result.attempts
  const limited = timeLimitOf(attempts)
  // A test that passes when its body fails measured what is no reference, nor to be judged by one.
  if (input.test.expectedToFail) return { check: { ...base, status: 'skipped', cause: 'expected-to-fail', current }, write: false }
  // A test that skipped itself after measuring (`ctx.skip()`) disowned what it measured.
  if (input.test.state === 'skipped') return { check: { ...base, status: 'skipped', cause: 'test-skipped', current }, write: false }
  if (writesBaseline(update, input.fileState, previous !== undefined)) {
    // A test that failed after its benchmark finished is no reference to keep.
    if (input.test.state === 'failed') return { check: { ...base, status: 'skipped', cause: 'test-failed', current }, write: false }
    if (input.unstorable) return { check: { ...base, status: 'unchecked', cause: 'not-storable', detail: input.unstorable, current }, write: false }
    const short = attempts?.purpose === 'baseline' && attempts.processesShort && { processesShort: { taken: attempts.processes?.length ?? 1, ...attempts.processesShort } }
    return { check: { ...base, status: previous ? 'updated' : 'written', current, ...(attempts?.purpose === 'baseline' && limited && { timeLimited: limited }), ...short }, write: true }
  }
  if (input.fileState === 'invalid') return { check: { ...base, status: 'unchecked', cause: 'file-invalid', detail: input.fileProblem ?? 'is invalid' }, write: false }
  const other = previous ? undefined : input.otherTestbed
  const unwritten = input.incomplete ? 'run-incomplete' : 'not-in-ci'
  const against = previous ?? other?.entry
  if (!against) return { check: { ...base, status: 'new', cause: unwritten, current }, write: false }
  const comparison = compareEntry(sampleOfResult(result, gate.metric), against, gate, { environment: input.environment, crossMachine: input.crossMachine ?? false, ...(result.host && { otherCores: result.host.otherCores }), ...(other && { otherTestbed: other.name }) })
  // Another testbed's baseline lacking the metric is no reason to rewrite anything: the benchmark is new here.
  if (!comparison.compared) return { check: other ? { ...base, status: 'new', cause: unwritten, current } : { ...base, status: 'unchecked', cause: 'metric-missing' }, write: false }
  const { compared: _compared, ...verdict } = comparison
  if (other) return { check: { ...base, ...verdict }, write: false }
  const reading = confirmationOf(attempts)
  if (reading) {
    const confirmed = { ...base, ...verdict, confirmation: shownConfirmation(reading), ...(limited && { timeLimited: limited }) }
    const ruling = confirmationRuling(verdict, reading, against.host_slowdown)
    if (ruling) return { check: { ...confirmed, ...ruling }, write: false }
    return { check: confirmed, write: false }
  }
  return { check: { ...base, ...verdict }, write: false }
}

/** What the test's timeout cut short of a benchmark's extra measurements, when it did. */
function timeLimitOf(attempts: BenchAttempts | undefined): BaselineCheck['timeLimited'] {
  if (!attempts || (attempts.asked === undefined && attempts.pause === undefined)) return undefined
  const taken = attempts.latency.length
  return { taken, asked: attempts.asked ?? taken, ...(attempts.pause !== undefined && { pause: attempts.pause }) }
}
