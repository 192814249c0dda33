import { relative } from 'pathe'
import type { BenchEntry } from '../record/entries.js'
import { baselineEntryOf, baselinePath, readBaselineFile, writeBaselineFile, type BaselineEntry, type BaselineFile } from '../record/baseline-file.js'
import type { TestRecord } from '../report/run-report.js'
import { environmentDifference, type Environment } from '../report/environment.js'
import type { BaselineCheck } from './baseline-check.js'
import { describeVerdict } from './describe-verdict.js'
import { gateFor, type Gate } from './gate.js'
import { judge } from './judge.js'
import { discountMachineDrift } from './machine-drift.js'
import { sampleOfBaseline, sampleOfResult } from './metric-sample.js'

/**
 * When baselines are written, following Vitest's snapshot habits:
 * - `'new'`: write baselines that are missing, never touch existing ones (a local run);
 * - `'all'`: also rewrite the baselines of the benchmarks that ran (`vitest -u`);
 * - `'none'`: write nothing, report missing ones as new (CI).
 */
export type UpdateMode = 'new' | 'all' | 'none'

/** What the baseline check needs to know. */
export interface BaselineCheckOptions {
  /** Project root, absolute. */
  root: string
  /** Folder of the baseline files, absolute. */
  baselineDir: string
  gate: Gate
  update: UpdateMode
  environment: Environment
  /** ISO time stamped on written entries. */
  timestamp: string
}

/** Outcome of the check: one entry per benchmark that ran, and problems with files. */
export interface BaselineCheckOutcome {
  checks: BaselineCheck[]
  errors: Array<{ file: string; message: string }>
}

interface BenchAt {
  bench: BenchEntry
  test: TestRecord
}

/**
 * Compares every benchmark of the run with its committed baseline and writes baselines as the
 * update mode allows. A missing, unreadable or invalid file never crashes the run and is never
 * overwritten unless the update mode is `'all'`; its benchmarks are reported as unchecked.
 */
export function checkBaselines(tests: readonly TestRecord[], options: BaselineCheckOptions): BaselineCheckOutcome {
  const byFile = new Map<string, BenchAt[]>()
  for (const test of tests) {
    for (const entry of test.entries) {
      if (entry.kind !== 'bench') continue
      const list = byFile.get(test.file) ?? []
      list.push({ bench: entry, test })
      byFile.set(test.file, list)
    }
  }
  const checks: BaselineCheck[] = []
  const errors: BaselineCheckOutcome['errors'] = []
  for (const [testFile, benches] of byFile) {
    const path = baselinePath(options.baselineDir, testFile)
    const shownPath = relative(options.root, path)
    const read = readBaselineFile(path)
    if (read.status === 'invalid') errors.push({ file: shownPath, message: `${shownPath} ${read.message}` })
    const existing = new Map<string, BaselineEntry>(read.status === 'ok' ? read.data.benchmarks.map((e) => [e.bench_id, e]) : [])
    const next = new Map(existing)
    let changed = false

    for (const { bench, test } of benches) {
      const gate = gateFor(options.gate, bench.baseline === false ? undefined : bench.baseline)
      const base = { benchId: bench.id, file: test.file, line: test.line, metric: gate.metric, threshold: gate.threshold, baselineFile: shownPath }
      const result = bench.result
      if (bench.baseline === false || !result) {
        checks.push({ ...base, status: 'skipped', message: result ? 'opted out of baselines (baseline: false)' : `not checked: the bench failed (${bench.error ?? 'no result'})` })
        continue
      }
      const previous = existing.get(bench.id)
      const writable = read.status !== 'invalid' || options.update === 'all'
      if (options.update === 'all' && writable) {
        next.set(bench.id, baselineEntryOf(result, options.environment, options.timestamp, previous))
        changed = true
        checks.push({ ...base, status: previous ? 'updated' : 'written', current: result.latency[gate.metric], message: previous ? `baseline rewritten in ${shownPath}` : `baseline written to ${shownPath}` })
        continue
      }
      if (read.status === 'invalid') {
        checks.push({ ...base, status: 'unchecked', message: `not checked: ${shownPath} ${read.message}. Fix the file, or delete it and run again to write a new one (or run with -u to rewrite it)` })
        continue
      }
      if (!previous) {
        if (options.update === 'new') {
          next.set(bench.id, baselineEntryOf(result, options.environment, options.timestamp))
          changed = true
          checks.push({ ...base, status: 'written', current: result.latency[gate.metric], message: `new benchmark: baseline written to ${shownPath}` })
        } else {
          checks.push({ ...base, status: 'new', current: result.latency[gate.metric], message: `new benchmark: no baseline in ${shownPath} (not written in CI; run locally or with -u to write it)` })
        }
        continue
      }
      const reference = sampleOfBaseline(previous, gate.metric)
      if (reference === undefined) {
        checks.push({ ...base, status: 'unchecked', message: `not checked: the baseline in ${shownPath} has no "${gate.metric}"; rewrite it with -u` })
        continue
      }
      const verdict = judge(sampleOfResult(result, gate.metric), reference, gate)
      const environmentNote = environmentDifference(previous.environment, options.environment)
      checks.push({
        ...base,
        status: verdict.status,
        reason: verdict.reason,
        baseline: verdict.baseline,
        current: verdict.current,
        change: verdict.change,
        interval: verdict.interval,
        ...(verdict.shift && { typicalChange: verdict.shift.estimate }),
        message: describeVerdict(bench.id, gate, verdict),
        ...(environmentNote && { environmentNote }),
      })
    }

    if (changed) {
      const data: BaselineFile = {
        perfspec: 1,
        file: testFile,
        benchmarks: [...next.values()],
      }
      try {
        writeBaselineFile(path, data)
      } catch (error) {
        errors.push({ file: shownPath, message: `${shownPath} could not be written: ${(error as Error).message}` })
      }
    }
  }
  return { checks: discountMachineDrift(checks, options.gate), errors }
}
