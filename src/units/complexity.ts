import { COMPLEXITY_CLASSES, type ComplexityClass } from '../model/scaling.js'
import { argumentError } from './argument-error.js'

/** A growth class as a user may write it: `'n log n'`, `'O(n log n)'`, `'n^2'`, `'n²'`, `'O(1)'`. */
export type ComplexityInput = ComplexityClass | `O(${ComplexityClass})` | 'n²' | 'n³' | 'O(n²)' | 'O(n³)'

const SUPERSCRIPTS: Record<string, string> = { '²': '^2', '³': '^3' }

/** Every accepted way of writing each class, for messages: `'1', 'O(1)', 'log n', …`. */
export function complexityForms(): string {
  return COMPLEXITY_CLASSES.flatMap((c) => {
    const pretty = c.replace('^2', '²').replace('^3', '³')
    return pretty === c ? [c, `O(${c})`] : [c, pretty, `O(${c})`, `O(${pretty})`]
  })
    .map((form) => `'${form}'`)
    .join(', ')
}

/**
 * Reads a growth class: one of {@link COMPLEXITY_CLASSES}, optionally inside `O(…)`, with `²`
 * and `³` for `^2` and `^3`; spaces around the parts do not matter. Anything else is a
 * `TypeError` naming `argument` and listing the accepted forms.
 */
export function parseComplexity(value: unknown, argument: string): ComplexityClass {
  if (typeof value === 'string') {
    let text = value.trim().replace(/\s+/g, ' ')
    const wrapped = /^O\s?\((.*)\)$/.exec(text)
    if (wrapped) text = wrapped[1]!.trim()
    text = text.replace(/[²³]/g, (c) => SUPERSCRIPTS[c]!).replace(/\s?\^\s?/g, '^')
    const found = COMPLEXITY_CLASSES.find((c) => c === text)
    if (found) return found
  }
  throw argumentError(argument, value, `a growth class, one of ${complexityForms()}`)
}
