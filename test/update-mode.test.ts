import { afterEach, describe, expect, test } from 'vitest'
import { resolvePerfOptions, updateMode } from '../src/run/options'
import { workerGateConfig } from '../src/run/worker-config'
import { vitestUpdateMode } from '../src/vitest/update-flag'

const saved = process.env.PERFSPEC_UPDATE
afterEach(() => {
  if (saved === undefined) delete process.env.PERFSPEC_UPDATE
  else process.env.PERFSPEC_UPDATE = saved
})

describe("Vitest's update flag, as vitest.config.update holds it (Vitest 4 and 5)", () => {
  test('each value reads as its own mode; false in any form is no request', () => {
    // `-u` and `--update` give true; `--update=<x>` gives the string x; no flag or --no-update gives false.
    expect(vitestUpdateMode(true)).toBe('all')
    expect(vitestUpdateMode('true')).toBe('all')
    expect(vitestUpdateMode('all')).toBe('all')
    expect(vitestUpdateMode('new')).toBe('new')
    expect(vitestUpdateMode('none')).toBe('none')
    expect(vitestUpdateMode(false)).toBeUndefined()
    expect(vitestUpdateMode('false')).toBeUndefined()
    expect(vitestUpdateMode(undefined)).toBeUndefined()
  })

  test('any other value is a TypeError naming the flag and its values, not a rewrite of every baseline', () => {
    expect(() => vitestUpdateMode('newest')).toThrow(`perfspec: Vitest's --update (-u) flag must be one of all, new, none, true or false (e.g. --update=new); received "newest"`)
    // Probe 40 #2: `-u t/b` took a file filter for the flag's value: said, with what to write.
    expect(() => vitestUpdateMode('t/b', ['node', 'vitest', 'run', '-u', 't/b'])).toThrow('received "t/b": Vitest reads the word after -u as its value; to update the baselines of the files "t/b" names, put the filter first (vitest run t/b -u) or write --update=all t/b')
    // Probe 41 #7: written with '=', it is a mistyped mode, not a filter.
    expect(() => vitestUpdateMode('ALL', ['node', 'vitest', 'run', '--update=ALL'])).toThrow(/received "ALL"$/)
  })
})

describe('the update mode of a run', () => {
  test("the runner's flag wins over PERFSPEC_UPDATE, which wins over the option, which wins over CI", () => {
    delete process.env.PERFSPEC_UPDATE
    expect(updateMode(undefined, undefined, false)).toBe('new')
    expect(updateMode(undefined, undefined, true)).toBe('none')
    expect(updateMode('new', undefined, true)).toBe('new')
    process.env.PERFSPEC_UPDATE = 'none'
    expect(updateMode('all', undefined, false)).toBe('none')
    expect(updateMode('all', 'new', false)).toBe('new')
    expect(updateMode(undefined, 'none', false)).toBe('none')
    process.env.PERFSPEC_UPDATE = 'all'
    expect(updateMode(undefined, 'none', true)).toBe('none')
    expect(updateMode(undefined, undefined, true)).toBe('all')
  })

  test('the workers get the same mode as the end of the run: --update=none in CI writes nothing, --update=new only missing ones', () => {
    delete process.env.PERFSPEC_UPDATE
    const options = resolvePerfOptions({})
    expect(workerGateConfig('/project', options, vitestUpdateMode('none'), true).update).toBe('none')
    expect(workerGateConfig('/project', options, vitestUpdateMode('new'), true).update).toBe('new')
    expect(workerGateConfig('/project', options, vitestUpdateMode('false'), true).update).toBe('none')
    expect(workerGateConfig('/project', options, vitestUpdateMode('false'), false).update).toBe('new')
    expect(workerGateConfig('/project', options, vitestUpdateMode(true), true).update).toBe('all')
  })
})
