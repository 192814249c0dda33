import schema from '../../schema/baseline.schema.json' with { type: 'json' }
import { decodeHistogram } from '../analyse/distribution.js'
import type { BaselineEntry, BaselineFile } from '../model/baseline.js'
import { isRecord } from './json-value.js'
import { compileSchema, fieldPath, problemsOf } from './schema-problems.js'
import { testbedProblems } from './testbeds.js'

const validateFile = compileSchema<BaselineFile>(schema)
// By reference into the compiled file schema, so the entry's own references resolve.
const entry = { $ref: `${schema.$id}#/definitions/entry` }
const validateEntry = compileSchema<BaselineEntry>(entry)
// Plain result files of other tools: a list of entries of the same shape as a baseline's.
const validateEntries = compileSchema<BaselineEntry[]>({ type: 'array', items: entry })

/**
 * What the schema cannot see in a list of entries at `at` (`benchmarks`): a `bench_id` that
 * appears twice (a reader would keep one of them silently) and a histogram the decoder cannot
 * read (the noise check would skip it silently).
 */
function listProblems(list: readonly unknown[], at: string): string[] {
  const problems: string[] = []
  const first = new Map<string, number>()
  list.forEach((entry, i) => {
    if (!isRecord(entry)) return
    const here = fieldPath(`/${i}`, at)
    if (typeof entry.bench_id === 'string') {
      const earlier = first.get(entry.bench_id)
      if (earlier === undefined) first.set(entry.bench_id, i)
      else problems.push(`${fieldPath('/bench_id', here)} ${JSON.stringify(entry.bench_id)} appears twice (also ${fieldPath(`/${earlier}`, at)}); keep one of them`)
    }
    problems.push(...histogramProblems(entry, here), ...consistencyProblems(entry, here))
  })
  return problems
}

/** The statistics of an entry in the order they must stand, lowest first. */
const ORDERED = ['min', 'p50', 'p75', 'p90', 'p95', 'p99', 'max'] as const

/**
 * What a hand edit can break that the schema cannot see: statistics out of order (a p50 above the
 * p95, a min above the max: no distribution reads so) and a spread beyond any measurement (above
 * 100, that is 10,000 %). perfspec's own entries always pass: it
 * keeps each statistic at the lowest of its measurements, which keeps their order.
 */
export function consistencyProblems(entry: Record<string, unknown>, at: string): string[] {
  const problems: string[] = []
  let below: { key: string; value: number } | undefined
  for (const key of ORDERED) {
    const value = entry[key]
    // Zero, negative and non-finite figures are the schema's to report.
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) continue
    if (below && value < below.value * (1 - 1e-9)) problems.push(`${fieldPath(`/${key}`, at)} ${value} is below ${below.key} ${below.value}; statistics must stand in order (min ≤ p50 ≤ … ≤ max): rewrite the entry with -u`)
    below = { key, value }
  }
  if (isRecord(entry.spread)) {
    for (const [key, value] of Object.entries(entry.spread)) {
      if (typeof value === 'number' && value > 100) problems.push(`${fieldPath(`/spread/${key}`, at)} ${value} is beyond any measurement's spread (at most 100, i.e. 10,000 %); rewrite the entry with -u`)
    }
  }
  return problems
}

/** The problem with the `histogram` field of `entry` (at `at` in its file), when it has one that does not decode. */
export function histogramProblems(entry: Record<string, unknown>, at: string): string[] {
  if (typeof entry.histogram !== 'string') return []
  try {
    decodeHistogram(entry.histogram)
    return []
  } catch (error) {
    return [`${fieldPath('/histogram', at)} cannot be decoded: ${(error as Error).message}`]
  }
}

/**
 * Checks parsed JSON as a baseline file: the shipped schema (figures positive and finite, units
 * known, ...), then what it cannot express (one entry per `bench_id` in each list, histograms that
 * decode, one testbed per name). `field problem` lines, empty when valid.
 */
export function baselineFileProblems(data: unknown): string[] {
  const valid = validateFile(data)
  const problems = valid ? [] : problemsOf(validateFile.errors)
  if (valid) problems.push(...testbedProblems(data))
  if (!isRecord(data)) return problems
  if (Array.isArray(data.benchmarks)) problems.push(...listProblems(data.benchmarks, 'benchmarks'))
  if (Array.isArray(data.testbeds)) {
    data.testbeds.forEach((t, i) => {
      if (isRecord(t) && Array.isArray(t.benchmarks)) problems.push(...listProblems(t.benchmarks, `testbeds[${i}].benchmarks`))
    })
  }
  return problems
}

/**
 * Checks a list of benchmark entries (a plain results file of the minimal shape
 * `{ bench_id, metric, unit, p50, p95, n, timestamp, notes? }`) found at `at` in its file, as
 * {@link baselineFileProblems} checks a baseline's; `field problem` lines, empty when valid.
 */
export function entryListProblems(data: unknown, at = ''): string[] {
  const problems = validateEntries(data) ? [] : problemsOf(validateEntries.errors, at)
  if (Array.isArray(data)) problems.push(...listProblems(data, at))
  return problems
}

/**
 * Checks one entry about to be written by the rules its reader applies, so perfspec never writes
 * a baseline it would then refuse to read; `field problem` lines (`p95 must be ...`), empty when valid.
 */
export function entryProblems(entry: BaselineEntry): string[] {
  const problems = validateEntry(entry) ? [] : problemsOf(validateEntry.errors)
  const record = entry as unknown as Record<string, unknown>
  return [...problems, ...histogramProblems(record, ''), ...consistencyProblems(record, '')]
}
