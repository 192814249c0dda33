import AjvImport, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { describe } from '../units/argument-error.js'

// ajv and ajv-formats are CommonJS: depending on the loader each is the default import or its `.default`.
const Ajv = ((AjvImport as unknown as { default?: typeof AjvImport }).default ?? AjvImport) as typeof AjvImport
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as typeof addFormatsImport
// strictNumbers: JSON.parse reads 1e999 as Infinity, which no figure may be; `strict: false`
// would turn that check off with the others. verbose: errors carry the value found and their
// schema, so a message can say what was expected and what was there.
const ajv = new Ajv({ allErrors: true, strict: false, strictNumbers: true, verbose: true })
// `date-time` is RFC 3339, the profile of ISO 8601 that `Date.prototype.toISOString` writes: a date,
// a time and its offset, every field in range (no 30 February). Under `strict: false` an unknown
// format would pass everything, so the formats the schemas use are added here.
addFormats(ajv, ['date-time'])

/** Formats the schemas use, in words, with an example a user can copy. */
const FORMAT_WORDS: Record<string, string> = { 'date-time': 'an ISO 8601 date and time with its time zone, such as "2026-11-20T10:00:00.000Z"' }

/** Compiles a schema of one of perfspec's JSON files (baselines, run reports) with the one validator. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  return ajv.compile<T>(schema)
}

/**
 * A field's place in a file as a user finds it there: `tests[0].entries[2].result.latency`
 * from the JSON pointer `/tests/0/entries/2/result/latency`, below `at` when given.
 */
export function fieldPath(pointer: string, at = ''): string {
  let path = at
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (/^\d+$/.test(key)) path += `[${key}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) path += path ? `.${key}` : key
    else path += `[${JSON.stringify(key)}]`
  }
  return path || 'the top level'
}

/** A field below a path: `benchmarks[0]` and `p95` give `benchmarks[0].p95`. */
function child(path: string, key: string): string {
  return path === 'the top level' ? key : `${path}.${key}`
}

/** What a schema node accepts, in words: `a positive finite number`, `an object`, `one of "ms", "s"`. */
function expected(node: Record<string, unknown>): string {
  if (Array.isArray(node.enum)) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`
  if ('const' in node) return JSON.stringify(node.const)
  const types = (Array.isArray(node.type) ? node.type : [node.type]) as unknown[]
  const words = types.map((type) => {
    switch (type) {
      case 'number':
        if (typeof node.minimum === 'number' && typeof node.maximum === 'number') return `a number from ${node.minimum.toLocaleString('en-US')} to ${node.maximum.toLocaleString('en-US')}`
        if (node.exclusiveMinimum === 0) return 'a positive finite number'
        return typeof node.minimum === 'number' ? `a finite number, ${node.minimum.toLocaleString('en-US')} or more` : 'a finite number'
      case 'integer':
        return typeof node.minimum === 'number' ? `a whole number, ${node.minimum} or more` : 'a whole number'
      case 'string':
        return typeof node.minLength === 'number' && node.minLength > 0 ? 'a non-empty string' : 'a string'
      case 'object':
        return 'an object'
      case 'array':
        return 'an array'
      case 'boolean':
        return 'true or false'
      case 'null':
        return 'null'
      default:
        return undefined
    }
  })
  return words.every((w) => w !== undefined) && words.length ? words.join(' or ') : ''
}

/** The value found, short enough for one line. */
function found(value: unknown): string {
  const text = describe(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

// Keywords whose failure is said best as "must be <what the node accepts>".
const SAID_BY_TYPE = new Set(['type', 'enum', 'const', 'minimum', 'exclusiveMinimum', 'maximum', 'minLength'])

/**
 * Schema errors as `field problem` lines a user can act on:
 * `benchmarks[3].p95 must be a positive finite number (found 0)`, `tests[0].entries[2].result.latency
 * must be an object (found null)`, `benchmarks[0].unit is missing`.
 *
 * @param at - where the validated value sits in its file, when not at the top (`benchmarks`)
 */
export function problemsOf(errors: ErrorObject[] | null | undefined, at = ''): string[] {
  const lines: string[] = []
  for (const e of errors ?? []) {
    // An if/then rule that fails reports the `then` errors too: those say what is wrong.
    if (e.keyword === 'if') continue
    const path = fieldPath(e.instancePath, at)
    const params = e.params as Record<string, unknown>
    const node = (e.parentSchema ?? {}) as Record<string, unknown>
    if (e.keyword === 'required') lines.push(`${child(path, String(params.missingProperty))} is missing`)
    else if (e.keyword === 'additionalProperties') lines.push(`${child(path, String(params.additionalProperty))} is not a field of this file`)
    else if (SAID_BY_TYPE.has(e.keyword) && expected(node)) lines.push(`${path} must be ${expected(node)} (found ${found(e.data)})`)
    else if (e.keyword === 'format' && FORMAT_WORDS[String(params.format)]) lines.push(`${path} must be ${FORMAT_WORDS[String(params.format)]} (found ${found(e.data)})`)
    else lines.push(`${path} ${e.message ?? 'is invalid'} (found ${found(e.data)})`)
  }
  return lines
}

/** Problems joined for one message: the first `max`, then how many more. */
export function problemList(problems: readonly string[], max = 5): string {
  const shown = problems.slice(0, max).join('; ')
  return problems.length > max ? `${shown}; and ${problems.length - max} more` : shown
}
