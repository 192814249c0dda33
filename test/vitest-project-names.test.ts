import { describe, expect, test } from 'vitest'
import { positionalProjectError, positionalProjectNames, readsAsNumber } from '../src/vitest/projects.js'

// Vitest's command line reads `--project=<name>` as a number when the name looks like one, and
// then selects no project: a perf run refuses such names, and its fresh processes never pass them.
describe('project names that read as numbers', () => {
  test('digits with spaces, a sign, a point, an exponent or a base prefix, or nothing but spaces', () => {
    for (const name of ['0', '1', ' 1', '1 ', '-1', '+2', '1.5', '1e3', '0x1f', '0b1', '', '  ']) expect(readsAsNumber(name), JSON.stringify(name)).toBe(true)
    for (const name of ['node', 'p1', '1a', 'e', 'v1.2', '1 2', 'NaN', 'Infinity']) expect(readsAsNumber(name), JSON.stringify(name)).toBe(false)
  })

  test('a perf run names every such project', () => {
    expect(positionalProjectNames(['node', ' 1', '0', 'p2'])).toEqual([' 1', '0'])
    expect(positionalProjectError('0')).toMatch(/^perfspec: Vitest project "0" has no name of its own, so Vitest numbers it/)
    expect(positionalProjectError(' 1')).toMatch(/^perfspec: Vitest project " 1" has no name of its own but one that reads as a number, so /)
  })
})
