import schema from '../../schema/run-report.schema.json' with { type: 'json' }
import type { RunReport } from '../model/run-report.js'
import { baselineCheckProblems, expectationProblems } from './check-consistency.js'
import { histogramProblems, resultAgreementProblems } from './entry-consistency.js'
import { isRecord, nullsToNaN } from './json-value.js'
import { compileSchema, fieldPath, problemsOf } from './schema-problems.js'

const validate = compileSchema<RunReport>(schema)

/**
 * Checks parsed JSON as a run report (`BENCHMARK_RESULTS.json`) against the shipped schema
 * (`schema/run-report.schema.json`), and that each result's histogram decodes and agrees with its
 * latency figures (a scaling check's sizes' too), since `compare` reads the noise from it, and
 * that each result carries its entry's id. `field problem` lines, empty when valid.
 */
export function runReportProblems(data: unknown): string[] {
  const problems = validate(data) ? [] : problemsOf(validate.errors)
  if (!isRecord(data) || !Array.isArray(data.tests)) return problems
  // By id, those of one benchmark only: a check of an id two carry is not held to either's figures
  // (compare refuses such a report; report renders it).
  const benches = new Map<string, Record<string, unknown> | undefined>()
  data.tests.forEach((test, i) => {
    if (!isRecord(test) || !Array.isArray(test.entries)) return
    test.entries.forEach((entry, j) => {
      if (isRecord(entry) && entry.kind === 'bench' && typeof entry.id === 'string') benches.set(entry.id, benches.has(entry.id) ? undefined : entry)
      if (isRecord(entry)) problems.push(...expectationProblems(entry, fieldPath(`/tests/${i}/entries/${j}`)))
      if (!isRecord(entry) || !isRecord(entry.result)) return
      const at = fieldPath(`/tests/${i}/entries/${j}/result`)
      // One id per benchmark: the commands key results by either, and must not disagree.
      if (typeof entry.id === 'string' && typeof entry.result.id === 'string' && entry.result.id !== entry.id) {
        problems.push(`${fieldPath('/id', at)} ${JSON.stringify(entry.result.id)} is not its entry's id ${JSON.stringify(entry.id)}: a result carries its benchmark's id; write the report again (run the tests) rather than edit it`)
      }
      problems.push(...histogramProblems(entry.result, at), ...resultAgreementProblems(entry.result, at))
      // A scaling check's sizes each carry a result of their own.
      if (Array.isArray(entry.result.points)) {
        entry.result.points.forEach((point, k) => {
          if (!isRecord(point) || !isRecord(point.result)) return
          const here = fieldPath(`/points/${k}/result`, at)
          problems.push(...histogramProblems(point.result, here), ...resultAgreementProblems(point.result, here))
        })
      }
    })
  })
  problems.push(...baselineCheckProblems(data.baselines, benches, data.gate))
  return problems
}

/**
 * A valid run report as perfspec holds it in memory: its `null` figures back as NaN (only figures
 * may be null in a valid report: the schema allows null nowhere else).
 */
export function runReportOf(data: unknown): RunReport {
  return nullsToNaN(data) as RunReport
}
