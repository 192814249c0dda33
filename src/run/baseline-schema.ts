import schema from '../../schema/baseline.schema.json' with { type: 'json' }
import type { BaselineEntry, BaselineFile } from '../model/baseline.js'
import { controlCharacterIn, ID_SEPARATOR, idPart, printable } from '../model/names.js'
import { consistencyProblems, histogramAgreementProblems, histogramProblems } from './entry-consistency.js'
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
 * What the schema cannot see in one entry at `here` (`benchmarks[2]`, or '' for an entry alone):
 * a `bench_id` that belongs to another test file than `testFile` (ids start with their test
 * file) or holds control characters (perfspec writes ids as printable text; such an id would reach
 * the terminal as it is); a histogram the decoder cannot read (the noise check would skip it
 * silently) or that does not belong to the entry's figures; figures out of order
 * ({@link consistencyProblems}).
 */
function oneEntryProblems(entry: Record<string, unknown>, here: string, testFile: string | undefined): string[] {
  const problems: string[] = []
  if (typeof entry.bench_id === 'string' && entry.bench_id !== '') {
    const id = fieldPath('/bench_id', here)
    const prefix = testFile === undefined ? undefined : `${idPart(testFile)}${ID_SEPARATOR}`
    const control = controlCharacterIn(entry.bench_id)
    if (control !== undefined) problems.push(`${id} "${printable(entry.bench_id)}" contains the control character ${control}; ids are printable text`)
    else if (prefix !== undefined && !entry.bench_id.startsWith(prefix)) {
      problems.push(`${id} ${JSON.stringify(entry.bench_id)} is not a benchmark of ${JSON.stringify(testFile)}, whose baselines this file holds (its ids start with ${JSON.stringify(prefix)}); move the entry to the baseline file of its own test file, or rewrite this file with -u`)
    }
  }
  return [...problems, ...histogramProblems(entry, here), ...histogramAgreementProblems(entry, here), ...consistencyProblems(entry, here)]
}

/**
 * What the schema cannot see in a list of entries at `at` (`benchmarks`): a `bench_id` that
 * appears twice (a reader would keep one of them silently), and each entry's own problems.
 */
function listProblems(list: readonly unknown[], at: string, testFile: string | undefined): string[] {
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
    problems.push(...oneEntryProblems(entry, here, testFile))
  })
  return problems
}

/**
 * Where a baseline file says it belongs: its `file` field, which perfspec sets to the test file
 * whose baselines it holds, must name `testFile`, the test file it is read for (known from its
 * path). A file copied or renamed by hand would otherwise judge one file's benchmarks by
 * another's baselines, or lose them to the obsolete-entry clean-up.
 */
function placementProblems(data: Record<string, unknown>, testFile: string | undefined): string[] {
  if (testFile === undefined || typeof data.file !== 'string' || data.file === testFile) return []
  return [`file ${JSON.stringify(data.file)} names another test file than the one this baseline file belongs to (${JSON.stringify(testFile)}); move the file to the baselines of ${JSON.stringify(data.file)}, or correct the field`]
}

/**
 * Checks parsed JSON as a baseline file: the shipped schema (figures positive and finite, units
 * known, timestamps ISO 8601, ...), then what it cannot express (one entry per `bench_id` in each
 * list, histograms that decode and agree with their figures, one testbed per name, every entry
 * and the `file` field belonging to one test file). `field problem` lines, empty when valid.
 *
 * @param testFile - the test file whose baselines the file is read for (relative to the project
 *   root), when known from its path; otherwise the file's own `file` field, when it has one
 */
export function baselineFileProblems(data: unknown, testFile?: string): string[] {
  const valid = validateFile(data)
  const problems = valid ? [] : problemsOf(validateFile.errors)
  if (valid) problems.push(...testbedProblems(data))
  if (!isRecord(data)) return problems
  problems.push(...placementProblems(data, testFile))
  const owner = testFile ?? (typeof data.file === 'string' && data.file !== '' ? data.file : undefined)
  if (Array.isArray(data.benchmarks)) problems.push(...listProblems(data.benchmarks, 'benchmarks', owner))
  if (Array.isArray(data.testbeds)) {
    data.testbeds.forEach((t, i) => {
      if (isRecord(t) && Array.isArray(t.benchmarks)) problems.push(...listProblems(t.benchmarks, `testbeds[${i}].benchmarks`, owner))
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
  if (Array.isArray(data)) problems.push(...listProblems(data, at, undefined))
  return problems
}

/**
 * Checks one entry about to be written into the baselines of `testFile` by the rules its reader
 * applies, so perfspec never writes a baseline it would then refuse to read; `field problem`
 * lines (`p95 must be ...`), empty when valid.
 */
export function entryProblems(entry: BaselineEntry, testFile?: string): string[] {
  const problems = validateEntry(entry) ? [] : problemsOf(validateEntry.errors)
  return [...problems, ...oneEntryProblems(entry as unknown as Record<string, unknown>, '', testFile)]
}
