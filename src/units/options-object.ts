import { argumentError } from './argument-error.js'

/**
 * Reads an options argument: `undefined` is `{}`; anything but an object, or an object with a
 * key outside `known`, is a `TypeError` naming `owner`. A misspelt option (`{ treshold }`) would
 * otherwise be ignored without a word, and its default used.
 *
 * @param owner what takes the options, as messages name it: `'bench()'`, `'expectNoLeak'`
 * @param example an accepted object, for the message: `"{ time: '1s' }"`
 */
export function optionsObject(value: unknown, known: readonly string[], owner: string, example: string): Record<string, unknown> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw argumentError(`${owner} options`, value, `an object such as ${example}`)
  rejectUnknownKeys(value, known, owner)
  return value as Record<string, unknown>
}

/** Throws a `TypeError` naming the first key of `options` outside `known`, and listing `known`. */
export function rejectUnknownKeys(options: object, known: readonly string[], owner: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`perfspec: unknown ${owner} option "${key}"; accepted options: ${known.join(', ')}`)
  }
}
