import { describe, expect, test } from 'vitest'
import { resolveScalingOptions, SCALING_ROUNDS, SCALING_TIME, SCALING_WARMUP } from '../src/measure/scaling-options.js'
import { benchScaling } from '../src/bench-scaling.js'
import { parseComplexity, complexityForms } from '../src/units/complexity.js'
import { formatComplexity, formatExponent, formatSize } from '../src/units/format.js'

const sizes = [100, 1_000, 10_000]

describe('benchScaling() options', () => {
  test('defaults, and sizes sorted for the user', () => {
    expect(resolveScalingOptions({ sizes: [10_000, 100, 1_000] })).toEqual({ sizes: [100, 1_000, 10_000], time: SCALING_TIME, warmup: SCALING_WARMUP, rounds: SCALING_ROUNDS })
    expect(resolveScalingOptions({ sizes, time: '3s', warmup: false, rounds: 20 })).toMatchObject({ time: 3000, warmup: 0, rounds: 20 })
  })

  test.each([
    [undefined, /benchScaling\(\) needs options with the sizes to measure, e\.g\. \{ sizes: \[100, 1_000, 10_000, 100_000\] \}/],
    [{}, /option "sizes" is required: the input sizes to measure, e\.g\. \{ sizes: \[100/],
    [{ sizes: 1000 }, /option "sizes" must be an array of 3 to 20 distinct whole numbers from 1 up, such as \[100, 1_000, 10_000, 100_000\]; received 1000/],
    [{ sizes: [100, 1000] }, /option "sizes" must be an array of 3 to 20 .*; received 2$/],
    [{ sizes: Array.from({ length: 21 }, (_, i) => 2 ** i) }, /option "sizes" must be an array of 3 to 20 .*; received 21$/],
    [{ sizes: [100, 1.5, 1000] }, /option "sizes" must be .*; element 1 is 1\.5/],
    [{ sizes: [100, 0, 1000] }, /element 1 is 0/],
    [{ sizes: [100, '1e3', 10_000] }, /element 1 is "1e3"/],
    [{ sizes: [100, Number.NaN, 10_000] }, /element 1 is NaN/],
    [{ sizes: [100, 1e300, 10_000] }, /element 1 is 1e\+300/],
    [{ sizes: [100, 1000, 100] }, /100 is given twice/],
    [{ sizes: [100, 150, 200] }, /option "sizes" must span at least a factor of 4 from the smallest to the largest, such as \[100, 1_000, 10_000, 100_000\]; received 100 to 200, a factor of 2/],
    [{ sizes, time: 0 }, /option "time" must be a positive duration of at most '10min', such as '3s'; received 0/],
    [{ sizes, time: '1h' }, /option "time"/],
    [{ sizes, warmup: -1 }, /option "warmup" must be a duration such as/],
    [{ sizes, warmup: '11min' }, /option "warmup" must be a duration of at most '10min', such as '100ms'/],
    [{ sizes, rounds: 4 }, /option "rounds" must be a whole number from 5 to 200, such as 20; received 4/],
    [{ sizes, rounds: 2.5 }, /option "rounds"/],
    [{ sizes, rounds: 201 }, /option "rounds" must be a whole number from 5 to 200/],
    [{ sizes, setup: 'db' }, /option "setup" must be a function/],
    [{ sizes, signal: {} }, /option "signal" must be an AbortSignal/],
    [{ sizes, clock: {} }, /option "clock" must be an object with a now\(\) method/],
    [{ sizes, sizez: [1] }, /unknown benchScaling\(\) option "sizez"; accepted options: sizes, time, warmup, rounds, setup, teardown, signal, clock/],
    [{ sizes, baseline: false }, /option "baseline" is not supported: a scaling check has no baseline: .*; bench\(\) one size for a baseline/],
    [{ sizes, concurrency: 4 }, /option "concurrency" is not supported: a scaling check times one call at a time/],
    [{ sizes, iterations: 100 }, /option "iterations" is not supported: .*raise "time" or "rounds"/],
    [{ sizes, cpu: true }, /option "cpu" is not supported/],
    [[100, 1000, 10000], /benchScaling\(\) options must be an object such as \{ sizes: \[100/],
  ])('%j is refused, naming the option', (options, message) => {
    expect(() => resolveScalingOptions(options)).toThrow(TypeError)
    expect(() => resolveScalingOptions(options)).toThrow(message)
  })

  test('bad name, factory and name characters', async () => {
    await expect(benchScaling('', () => () => 1, { sizes })).rejects.toThrow(/benchScaling\(\) name \(first argument\) must be a non-empty string, e\.g\. benchScaling\('sort'/)
    await expect(benchScaling('sort', 42 as never, { sizes })).rejects.toThrow(/benchScaling\("sort"\) needs a factory as its second argument, a function that takes the size and returns the function to time/)
    await expect(benchScaling('so\u202ert', () => () => 1, { sizes })).rejects.toThrow(/benchScaling\(\) name "so\\u202ert" contains the control character \\u202e/)
  })
})

describe('growth classes as written', () => {
  test.each([
    ['1', '1'], ['O(1)', '1'], ['log n', 'log n'], ['O(log n)', 'log n'], ['n', 'n'], ['O(n)', 'n'], [' O( n ) ', 'n'],
    ['n log n', 'n log n'], ['O(n log n)', 'n log n'], ['n  log  n', 'n log n'], ['n^2', 'n^2'], ['n²', 'n^2'], ['O(n²)', 'n^2'], ['n ^ 2', 'n^2'],
    ['n^3', 'n^3'], ['n³', 'n^3'], ['O(n^3)', 'n^3'],
  ])('%j reads as %j', (input, cls) => {
    expect(parseComplexity(input, 'limit')).toBe(cls)
  })

  test.each(['nlogn', 'n^4', 'O(2^n)', 'linear', '', 'o(n)', 2, null])('%j is refused, listing the accepted forms', (input) => {
    expect(() => parseComplexity(input, 'expectScaling(…).toBeAtMost() limit')).toThrow(
      /^perfspec: expectScaling\(…\)\.toBeAtMost\(\) limit must be a growth class, one of '1', 'O\(1\)', 'log n', 'O\(log n\)', 'n', 'O\(n\)', 'n log n', 'O\(n log n\)', 'n\^2', 'n²', 'O\(n\^2\)', 'O\(n²\)', 'n\^3', 'n³', 'O\(n\^3\)', 'O\(n³\)'; received /,
    )
  })

  test('formats', () => {
    expect(complexityForms()).toContain("'O(n log n)'")
    expect(['1', 'log n', 'n', 'n log n', 'n^2', 'n^3'].map((c) => formatComplexity(c as never))).toEqual(['O(1)', 'O(log n)', 'O(n)', 'O(n log n)', 'O(n²)', 'O(n³)'])
    expect([1.0234, -0.012, 0].map(formatExponent)).toEqual(['1.02', '−0.01', '0.00'])
    expect([100, 1_000, 1_500, 25_000, 1_000_000, 3e9].map(formatSize)).toEqual(['100', '1k', '1.5k', '25k', '1M', '3G'])
  })
})
