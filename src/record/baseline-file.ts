import { existsSync, readFileSync } from 'node:fs'
import AjvImport from 'ajv'
import { join } from 'pathe'
import schema from '../../schema/baseline.schema.json' with { type: 'json' }
import type { BenchResult } from '../analyse/bench-result.js'
import type { Environment } from '../report/environment.js'
import { writeFileAtomic } from './atomic-write.js'
import { jsonErrorOffset } from './json-error-offset.js'

/** One benchmark's committed baseline. Times in `unit` (perfspec writes `ms`). */
export interface BaselineEntry {
  bench_id: string
  metric: string
  unit: 'ns' | 'us' | 'µs' | 'ms' | 's'
  p50: number
  p95: number
  p75?: number
  p90?: number
  p99?: number
  mean?: number
  min?: number
  max?: number
  sd?: number
  rme?: number
  n: number
  ops?: number
  batch_size?: number
  timestamp: string
  notes?: string
  histogram?: string
  environment?: Partial<Environment>
}

/** A baseline file: the baselines of one test file's benchmarks. */
export interface BaselineFile {
  $schema?: string
  perfspec: 1
  file?: string
  benchmarks: BaselineEntry[]
}

/** A baseline file as read: its entries, or what is wrong with it. */
export type BaselineRead =
  | { status: 'missing' }
  | { status: 'ok'; data: BaselineFile }
  | { status: 'invalid'; message: string }

// ajv is CommonJS: depending on the loader its class is the default import or its `.default`.
const Ajv = ((AjvImport as unknown as { default?: typeof AjvImport }).default ?? AjvImport) as typeof AjvImport
const ajv = new Ajv({ allErrors: true, strict: false })
const validate = ajv.compile<BaselineFile>(schema)
// Plain result files of other tools: a list of entries of the same shape as a baseline's.
const validateEntries = ajv.compile<BaselineEntry[]>({ type: 'array', items: schema.definitions.entry })

/** Where the baselines of a test file live: `<dir>/<test file>.json`. */
export function baselinePath(baselineDir: string, testFile: string): string {
  return join(baselineDir, `${testFile}.json`)
}

/** Checks parsed JSON against the shipped schema; a list of `field: problem` lines, empty when valid. */
export function schemaProblems(data: unknown): string[] {
  return validate(data) ? [] : problemsOf(validate.errors)
}

/**
 * Checks a list of benchmark entries (a plain results file of the minimal shape
 * `{ bench_id, metric, unit, p50, p95, n, timestamp, notes? }`); `field: problem` lines, empty when valid.
 */
export function entryListProblems(data: unknown): string[] {
  return validateEntries(data) ? [] : problemsOf(validateEntries.errors)
}

function problemsOf(errors: typeof validate.errors): string[] {
  return (errors ?? []).map((e: { instancePath: string; message?: string; params?: Record<string, unknown> }) => `${e.instancePath || '(top level)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`)
}

/** Reads and validates a baseline file. Never throws: problems come back as `invalid`. */
export function readBaselineFile(path: string): BaselineRead {
  if (!existsSync(path)) return { status: 'missing' }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return { status: 'invalid', message: `cannot be read: ${(error as Error).message}` }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { status: 'invalid', message: `is not valid JSON: ${jsonErrorWithLine(text, error as Error)}` }
  }
  const problems = schemaProblems(data)
  if (problems.length) return { status: 'invalid', message: `does not match the baseline schema: ${problems.join('; ')}` }
  return { status: 'ok', data: data as BaselineFile }
}

/** Writes a baseline file atomically, entries sorted by id for stable diffs. */
export function writeBaselineFile(path: string, data: BaselineFile): void {
  const sorted: BaselineFile = { ...data, benchmarks: [...data.benchmarks].sort((a, b) => (a.bench_id < b.bench_id ? -1 : a.bench_id > b.bench_id ? 1 : 0)) }
  writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`)
}

/** The baseline entry for a measured result, keeping the old entry's `notes`. */
export function baselineEntryOf(result: BenchResult, environment: Environment, timestamp: string, previous?: BaselineEntry): BaselineEntry {
  const l = result.latency
  const entry: BaselineEntry = {
    bench_id: result.id,
    metric: 'latency',
    unit: 'ms',
    p50: l.p50,
    p75: l.p75,
    p90: l.p90,
    p95: l.p95,
    p99: l.p99,
    mean: l.mean,
    min: l.min,
    max: l.max,
    sd: l.sd,
    rme: Number.isFinite(l.rme) ? l.rme : 0,
    n: result.samples,
    ops: result.ops,
    batch_size: result.sampling.batchSize,
    timestamp,
    histogram: result.histogram,
    environment,
  }
  if (previous?.notes !== undefined) entry.notes = previous.notes
  return entry
}

/** A `JSON.parse` error with where it is: `… (line 7, column 3)`. */
export function jsonErrorWithLine(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message)
  const position = match ? Number(match[1]) : jsonErrorOffset(text)
  // Node quotes the text around the error over several lines: keep its first line only.
  const message = error.message.split('\n')[0]!
  if (position === undefined) return message
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}
