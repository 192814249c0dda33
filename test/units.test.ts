import { describe, expect, test } from 'vitest'
import { parseDuration } from '../src/units/duration'
import { parseRate } from '../src/units/rate'
import { parseFraction, parseThreshold } from '../src/units/percent'
import { parseBytes } from '../src/units/bytes'
import { formatBytes, formatDuration, formatRate } from '../src/units/format'

describe('durations', () => {
  test.each([
    [5, 5],
    ['250ns', 250e-6],
    ['40us', 0.04],
    ['40µs', 0.04],
    ['5ms', 5],
    ['2s', 2000],
    ['1.5ms', 1.5],
    ['0.5ms', 0.5],
    ['1min', 60_000],
    ['1.5min', 90_000],
  ])('%s → %s ms', (input, ms) => {
    expect(parseDuration(input, 'x')).toBeCloseTo(ms, 12)
  })

  test.each(['1m', '1M', '2.5m'])('refuses %s as ambiguous (minutes or milli-?), saying what to write instead', (bad) => {
    const amount = bad.slice(0, -1)
    expect(() => parseDuration(bad, 'bench() option "time"')).toThrow(TypeError)
    expect(() => parseDuration(bad, 'bench() option "time"')).toThrow(`perfspec: bench() option "time" "${bad}" is ambiguous: write '${amount}min' for minutes or '${amount}ms' for milliseconds`)
  })

  test.each(['soon', '', '5 parsecs', -1, '-2ms', Number.NaN, Number.POSITIVE_INFINITY, '1e400ms', '1e307s', null, {}])('rejects %s with a TypeError naming the argument', (bad) => {
    expect(() => parseDuration(bad, 'bench() option "time"')).toThrow(TypeError)
    expect(() => parseDuration(bad, 'bench() option "time"')).toThrow(/bench\(\) option "time".*'5ms'/)
  })

  test('formats with a readable unit', () => {
    expect(formatDuration(61.2e-3)).toBe('61.2µs')
    expect(formatDuration(50e-3)).toBe('50.0µs')
    expect(formatDuration(0.000812)).toBe('812ns')
    expect(formatDuration(1.25)).toBe('1.25ms')
    expect(formatDuration(2400)).toBe('2.40s')
    // A limit below a hundredth of a nanosecond keeps two significant digits rather than reading 0.00ns.
    expect(formatDuration(0.001e-6)).toBe('0.001ns')
    expect(formatDuration(0.0012e-6)).toBe('0.0012ns')
    expect(formatDuration(5e-7)).toBe('0.50ns')
  })
})

describe('rates', () => {
  test.each([
    [500, 500],
    ['500/s', 500],
    ['100k/s', 100_000],
    ['2M/s', 2_000_000],
    ['2M', 2_000_000],
    ['100K/s', 100_000],
    ['1.5G/s', 1.5e9],
    ['600/min', 10],
    ['1.2k/min', 20],
    ['5/ms', 5000],
  ])('%s → %s per second', (input, perSecond) => {
    expect(parseRate(input, 'x')).toBeCloseTo(perSecond, 9)
  })
  test.each(['fast', '1g/s', '100/sec', '1e400/s', Number.POSITIVE_INFINITY, -1])('rejects %s, showing the accepted forms', (bad) => {
    expect(() => parseRate(bad, 'expectThroughput(…).toBeGreaterThan() rate')).toThrow(/toBeGreaterThan\(\) rate must be a rate such as .*'100k\/s', '2M\/s' or '600\/min'/)
  })
  test('refuses m as a multiplier (milli-, not mega) and as a unit of time (minutes?), saying what to write instead', () => {
    expect(() => parseRate('2m/s', 'x')).toThrow(TypeError)
    expect(() => parseRate('2m/s', 'x')).toThrow(`perfspec: x "2m/s" is ambiguous: 'm' is milli-, and thousandths of a call per second are never meant: write '2M/s' for 2 million per second`)
    expect(() => parseRate('2m', 'x')).toThrow(/write '2M\/s'/)
    expect(() => parseRate('600/m', 'x')).toThrow(`perfspec: x "600/m" is ambiguous: write '600/min' for per minute`)
    expect(() => parseRate('1k/M', 'x')).toThrow(/write '1k\/min'/)
  })
  test('reads back what formatRate writes', () => {
    for (const perSecond of [812, 45_600, 1_230_000, 2_500_000_000]) expect(parseRate(formatRate(perSecond), 'x')).toBeCloseTo(perSecond, -1)
  })
  test('formats', () => {
    expect(formatRate(1_234_000)).toBe('1.23M/s')
    expect(formatRate(812)).toBe('812/s')
  })
})

describe('fractions and bytes', () => {
  test('percentages and fractions', () => {
    expect(parseFraction('20%', 'x')).toBeCloseTo(0.2)
    expect(parseFraction(0.05, 'x')).toBe(0.05)
    expect(() => parseFraction('lots', 'threshold')).toThrow(TypeError)
  })
  test('a percentage is the very fraction written as a decimal: the same setting either way (probe 23 #4)', () => {
    for (let tenths = 1; tenths < 1000; tenths++) {
      const text = `${tenths / 10}%`
      expect(parseFraction(text, 'x'), text).toBe(Number(`${tenths / 10}e-2`))
    }
    expect(parseFraction('1.1%', 'x')).toBe(0.011)
    expect(parseThreshold('33.3%', 'x')).toBe(0.333)
  })
  test('byte sizes', () => {
    expect(parseBytes('64B', 'x')).toBe(64)
    expect(parseBytes('16KB', 'x')).toBe(16 * 1024)
    expect(parseBytes('50MB', 'x')).toBe(50 * 1024 * 1024)
    expect(() => parseBytes('big', 'maxGrowth')).toThrow(/maxGrowth/)
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(3.1 * 1024 * 1024)).toBe('3.10 MB')
  })
})

describe('one grammar for strings with units: a plain decimal, the unit as listed, no spaces', () => {
  test.each([
    ['5MS', "write '5ms'"],
    ['5Ms', "write '5ms'"],
    ['5 ms', "write '5ms'"],
    [' 5ms', "write '5ms'"],
    ['5ms ', "write '5ms'"],
    ['1e3ms', "write '1000ms'"],
    ['.5ms', "write '0.5ms'"],
    ['5.ms', "write '5ms'"],
    ['+5ms', "write '5ms'"],
    ['2S', "write '2s'"],
    ['1 MIN', "write '1min'"],
  ])('duration %j is refused, saying what to write', (bad, instead) => {
    expect(() => parseDuration(bad, 'bench() option "time"')).toThrow(TypeError)
    expect(() => parseDuration(bad, 'bench() option "time"')).toThrow(
      `perfspec: bench() option "time" must be a duration such as 5 (ms), '250ns', '40us', '5ms', '2s' or '1min'; received ${JSON.stringify(bad)}: ${instead} (a plain decimal number then the unit as listed, without spaces; units are case-sensitive)`,
    )
  })

  test.each(['5 parsecs', '1_000ms', '5ms5', '0x10ms', '5,5ms', '1e400ms', '1e-400ms', '-5ms'])('duration %j is refused, with no suggestion where none fits', (bad) => {
    expect(() => parseDuration(bad, 'x')).toThrow(/^perfspec: x must be a duration such as .*; received "[^"]*"$/)
  })

  test.each([
    ['100 k/s', "write '100k/s'"],
    ['100/S', "write '100/s'"],
    ['100K/S', "write '100K/s'"],
    ['1e3/s', "write '1000/s'"],
    ['.5k/s', "write '0.5k/s'"],
    ['600 / min', "write '600/min'"],
  ])('rate %j is refused, saying what to write', (bad, instead) => {
    expect(() => parseRate(bad, 'x')).toThrow(`received ${JSON.stringify(bad)}: ${instead} (a plain decimal`)
  })

  test.each([
    ['64kb', "write '64KB'"],
    ['64 KB', "write '64KB'"],
    ['812 B', "write '812B'"],
    ['1.5mb', "write '1.5MB'"],
    ['2gib', "write '2GiB'"],
  ])('size %j is refused, saying what to write', (bad, instead) => {
    expect(() => parseBytes(bad, 'x')).toThrow(`received ${JSON.stringify(bad)}: ${instead} (a plain decimal`)
  })

  test('the accepted spellings', () => {
    expect(parseBytes('2KiB', 'x')).toBe(2048)
    expect(parseBytes('1.5MB', 'x')).toBe(1.5 * 1024 ** 2)
    expect(parseRate('0.5k/s', 'x')).toBe(500)
    expect(parseDuration('10.25ms', 'x')).toBe(10.25)
    expect(parseFraction('0.5%', 'x')).toBeCloseTo(0.005, 12)
  })

  test('names of no unit, Object.prototype\'s included, are refused', () => {
    for (const bad of ['5constructor', '5toString', '5__proto__']) expect(() => parseDuration(bad, 'x')).toThrow(TypeError)
    expect(() => parseRate('5/constructor', 'x')).toThrow(TypeError)
  })
})

describe('relative changes', () => {
  test('signed percentages, with the factor once the percentage saturates', async () => {
    const { formatChange } = await import('../src/units/format')
    expect(formatChange(-0.25)).toBe('−25%')
    expect(formatChange(0.031)).toBe('+3.1%')
    expect(formatChange(-0.5)).toBe('−50%')
    expect(formatChange(-0.95)).toBe('−95.0% (20× faster)')
    expect(formatChange(-0.99991)).toBe('−99.99% (11,111× faster)')
    // A console column of 12: the factor alone.
    expect(formatChange(-0.95, { short: true })).toBe('20× faster')
    expect(formatChange(-0.99817, { short: true })).toBe('546× faster')
    expect(formatChange(-0.99991, { short: true })).toBe('11k× faster')
    expect(formatChange(0.25, { short: true })).toBe('+25%')
  })
})

describe('gate thresholds: strings carry %, numbers are fractions', () => {
  test('accepted forms', () => {
    expect(parseThreshold('20%', 'threshold')).toBeCloseTo(0.2)
    expect(parseThreshold('150%', 'threshold')).toBeCloseTo(1.5)
    expect(parseThreshold(0.2, 'threshold')).toBe(0.2)
    expect(parseThreshold(0, 'threshold')).toBe(0)
  })
  test('numbers of 1 or more are ambiguous and refused, naming both forms', () => {
    expect(() => parseThreshold(20, 'option "threshold"')).toThrow("perfspec: option \"threshold\" 20 is ambiguous: numbers are fractions, so 20 would mean 2000%. Write '20%' for 20 percent, or 0.2 as a fraction")
    expect(() => parseThreshold(1.5, 'x')).toThrow(/1\.5 is ambiguous.*'1\.5%'.*0\.015/)
    expect(() => parseThreshold(1, 'x')).toThrow(TypeError)
  })
  test('anything else is a TypeError with the accepted forms', () => {
    for (const bad of [Number.NaN, '20', 'lots', null, {}]) expect(() => parseThreshold(bad, 'x')).toThrow(/x must be a percentage string such as '20%', or a fraction below 1 such as 0\.2/)
  })
  test('a negative threshold is refused as such, with the accepted forms', () => {
    for (const bad of [-0.1, '-5%', ' -0.05']) {
      expect(() => parseThreshold(bad, '--threshold')).toThrow(/^perfspec: --threshold cannot be negative \(received .*\): it is how much slower than the baseline fails; write a percentage string such as '20%', or a fraction below 1 such as 0\.2$/)
    }
  })
})

describe('values that print like a number and are not one', () => {
  test('a boxed number, a boxed string and a BigInt are named as such', () => {
    expect(() => parseDuration(new Number(5), 'limit')).toThrow(/received a Number object \(5\); give the plain value/)
    expect(() => parseDuration(new String('5ms'), 'limit')).toThrow(/received a String object \("5ms"\); give the plain value/)
    expect(() => parseDuration(5n, 'limit')).toThrow(/received 5n \(a BigInt\)/)
  })
})

describe('strings carry their unit', () => {
  test("'10' is refused, saying what to write; the number 10 is taken in the number's unit", () => {
    expect(() => parseDuration('10', 'time')).toThrow(/perfspec: time must be .*; received "10": a string carries its unit: write '10ms', or the number 10/)
    expect(parseDuration(10, 'time')).toBe(10)
    expect(() => parseBytes('1024', 'limit')).toThrow(/received "1024": a string carries its unit: write '1024B', or the number 1024/)
  })
})
