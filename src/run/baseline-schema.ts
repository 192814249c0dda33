import AjvImport from 'ajv'
import schema from '../../schema/baseline.schema.json' with { type: 'json' }
import type { BaselineEntry, BaselineFile } from '../model/baseline.js'

// ajv is CommonJS: depending on the loader its class is the default import or its `.default`.
const Ajv = ((AjvImport as unknown as { default?: typeof AjvImport }).default ?? AjvImport) as typeof AjvImport
const ajv = new Ajv({ allErrors: true, strict: false })
const validate = ajv.compile<BaselineFile>(schema)
// Plain result files of other tools: a list of entries of the same shape as a baseline's.
const validateEntries = ajv.compile<BaselineEntry[]>({ type: 'array', items: schema.definitions.entry })

/** Checks parsed JSON against the shipped baseline schema; a list of `field: problem` lines, empty when valid. */
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
