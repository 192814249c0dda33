import { describe, expect, it } from 'vitest'
import { parseLeakOptions } from '../src/measure/leak/options.js'

const fn = () => {}

describe('parseLeakOptions', () => {
  it('defaults: 10,000 calls within a time budget, 11 checkpoints, confirm, no tolerance', () => {
    const { name, plan, suspects } = parseLeakOptions(function handle() {}, undefined)
    expect(name).toBe('handle')
    expect(suspects).toBe(true)
    expect(plan).toMatchObject({ iterations: 10_000, checkpoints: 11, confirm: true, rule: { perCall: 0, minRising: 0.9, maxGrowth: Infinity } })
    expect(plan.callBudget).toBeGreaterThan(0)
    expect(parseLeakOptions(() => {}, {}).name).toBe('leak check')
  })

  it('reads sizes with units, and exact iterations turn the time budget off', () => {
    const { plan } = parseLeakOptions(fn, { iterations: 500, perCall: '64B', maxGrowth: '50MB' })
    expect(plan).toMatchObject({ iterations: 500, rule: { perCall: 64, maxGrowth: 50 * 1024 ** 2 } })
    expect(plan.callBudget).toBeUndefined()
  })

  it('with cleanup, the heap must come back to within cleanupTolerance (default 1MB)', () => {
    const cleanup = () => {}
    expect(parseLeakOptions(fn, { cleanup }).plan.rule.maxGrowth).toBe(1024 ** 2)
    expect(parseLeakOptions(fn, { cleanup, cleanupTolerance: '16KB', maxGrowth: '1GB' }).plan.rule.maxGrowth).toBe(16 * 1024)
    expect(parseLeakOptions(fn, { cleanup }).plan.cleanup).toBe(cleanup)
  })

  it.each([
    [{ iterations: 50 }, /option "iterations" must be a whole number from 100 to 10000000, such as 10_000; received 50/],
    [{ iterations: 1e12 }, /option "iterations" must be a whole number from 100 to 10000000/],
    [{ iterations: '10k' }, /option "iterations"/],
    [{ checkpoints: 3 }, /option "checkpoints" must be a whole number from 5 to 1000/],
    [{ perCall: '64 bytes' }, /option "perCall" must be a size such as .*'64B'.*received "64 bytes"/],
    [{ maxGrowth: -1 }, /option "maxGrowth" must be a size/],
    [{ maxGrowth: 0 }, /option "maxGrowth" must be a size above 0 such as '1MB'.*received 0$/],
    [{ cleanup: fn, cleanupTolerance: '0B' }, /option "cleanupTolerance" must be a size above 0.*received "0B"$/],
    [{ cleanup: 'clear' }, /option "cleanup" must be a function/],
    [{ cleanupTolerance: '1MB' }, /option "cleanupTolerance" must be given together with cleanup/],
    [{ cleanup: fn, cleanupTolerance: 'lots' }, /option "cleanupTolerance" must be a size/],
    [{ confirm: 'yes' }, /option "confirm" must be true or false/],
    [{ suspects: 1 }, /option "suspects" must be true or false/],
    [{ name: '' }, /option "name" must be a non-empty string/],
    [{ iteration: 100 }, /unknown expectNoLeak option "iteration"; accepted options: name, iterations, checkpoints, perCall, maxGrowth, cleanup, cleanupTolerance, confirm, suspects$/],
    [[], /expectNoLeak options must be an object/],
  ])('rejects %j with a TypeError naming the option', (options, message) => {
    expect(() => parseLeakOptions(fn, options)).toThrow(TypeError)
    expect(() => parseLeakOptions(fn, options)).toThrow(message)
  })

  it('rejects a fn that is not a function', () => {
    expect(() => parseLeakOptions('handler', {})).toThrow(/expectNoLeak\(fn\) must be a function/)
  })
})
