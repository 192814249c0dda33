import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'pathe'
import { afterEach, describe, expect, test } from 'vitest'
import { bench } from '../src/bench.js'
import type { BaselineFile } from '../src/model/baseline.js'
import { readBaselineFile, writeBaselineFile } from '../src/run/baseline-store.js'
import { COMPARE_HELP } from '../src/cli/compare-command.js'
import { resolveGate, resolvePerfOptions, TESTBED_ENV } from '../src/run/options.js'
import { entriesOf, withEntries } from '../src/run/testbeds.js'

// An entry of a.test.ts, as perfspec writes it: its id starts with its test file, its timestamp is ISO 8601.
const entry = (name: string, extra: Record<string, unknown> = {}) => ({ bench_id: `a.test.ts > t > ${name}`, metric: 'latency', unit: 'ms', p50: 1, p95: 2, n: 10, timestamp: '2026-11-20T10:00:00.000Z', ...extra })
const nameOf = (e: { bench_id: string }) => e.bench_id.split(' > ').at(-1)

describe('gate options: bad input gets a TypeError naming the option', () => {
  afterEach(() => {
    delete process.env[TESTBED_ENV]
  })

  test('confirm and baselineAttempts are small whole numbers', () => {
    expect(resolvePerfOptions({})).toMatchObject({ confirm: 2, baselineAttempts: 3, crossMachine: false })
    expect(resolvePerfOptions({ confirm: 0, baselineAttempts: 1 })).toMatchObject({ confirm: 0, baselineAttempts: 1 })
    for (const bad of [-1, 1.5, '2', 1e6, Number.NaN]) {
      expect(() => resolvePerfOptions({ confirm: bad })).toThrow(/^perfspec: plugin option "confirm" must be a whole number from 0 to 10/)
    }
    expect(() => resolvePerfOptions({ baselineAttempts: 0 })).toThrow(/option "baselineAttempts" must be a whole number from 1 to 10/)
    expect(() => resolvePerfOptions({ crossMachine: 'yes' })).toThrow(/option "crossMachine" must be true or false/)
  })

  test('freshProcess: on by default, off with false or with confirmation off; anything but a boolean is named', () => {
    expect(resolvePerfOptions({}).freshProcess).toBe(true)
    expect(resolvePerfOptions({ freshProcess: false }).freshProcess).toBe(false)
    expect(resolvePerfOptions({ confirm: 0, freshProcess: true }).freshProcess).toBe(false)
    for (const bad of ['no', 0, null]) expect(() => resolvePerfOptions({ freshProcess: bad }), String(bad)).toThrow(/^perfspec: plugin option "freshProcess" must be true or false/)
  })

  test("testTimeout: above 0 and at most Node's longest timer (2147483647 ms), as both runners time tests with Node's timers", () => {
    expect(resolvePerfOptions({ testTimeout: 2_147_483_647 }).testTimeout).toBe(2_147_483_647)
    expect(resolvePerfOptions({ testTimeout: 0.5 }).testTimeout).toBe(0.5)
    for (const bad of [1e12, 2_147_483_648, Infinity, NaN, 0, -1, '60000']) {
      expect(() => resolvePerfOptions({ testTimeout: bad }), String(bad)).toThrow(/^perfspec: plugin option "testTimeout" must be a number of milliseconds above 0 and at most 2147483647 \(about 24\.8 days, the longest timer Node runs\), such as 60000; received /)
    }
    expect(() => resolvePerfOptions({ testTimeout: 1e12 }, 'Jest reporter')).toThrow('perfspec: Jest reporter option "testTimeout" must be a number of milliseconds above 0 and at most 2147483647')
  })

  test('messages of the plugin and both reporters carry the perfspec prefix once, then name who took the option', async () => {
    const { perf } = await import('../src/vitest/plugin.js')
    const { PerfReporter } = await import('../src/vitest/reporter.js')
    const { PerfJestReporter } = await import('../src/jest/reporter.js')
    const takers: Array<[string, (options: object) => unknown]> = [
      ['plugin', (o) => perf(o)],
      ['perf reporter', (o) => new PerfReporter(o)],
      ['Jest reporter', (o) => new PerfJestReporter({ rootDir: os.tmpdir() } as never, o)],
    ]
    for (const [who, take] of takers) {
      for (const bad of [{ threshold: 20 }, { treshold: '20%' }, { confirm: -1 }, { output: '' }, { exports: { bencher: 'b.json' } }]) {
        let message = ''
        try {
          take(bad)
        } catch (error) {
          message = (error as Error).message
        }
        expect(message).toMatch(new RegExp(`^perfspec: (unknown )?${who} option`))
        expect(message).not.toMatch(/perfspec\S*: perfspec|perfspec \w+ option|perfspec\/jest/)
      }
    }
  })

  test('a warnThreshold above the threshold would never warn: refused, naming both', () => {
    expect(() => resolvePerfOptions({ threshold: '20%', warnThreshold: '30%' })).toThrow(
      'perfspec: plugin option "warnThreshold" "30%" is above plugin option "threshold" "20%": a change past the threshold fails, so a warning band above it would never warn; give a warnThreshold at most the threshold, such as 10%',
    )
    expect(() => resolvePerfOptions({ warnThreshold: 0.25 })).toThrow(/option "warnThreshold" 0\.25 is above the default plugin option "threshold" of 20%/)
    expect(resolvePerfOptions({ threshold: '20%', warnThreshold: '20%' }).gate).toMatchObject({ threshold: 0.2, warn: 0.2 })
    expect(resolvePerfOptions({ threshold: '50%', warnThreshold: '30%' }).gate).toMatchObject({ threshold: 0.5, warn: 0.3 })
  })

  test("bench()'s own confirm is checked the same way", async () => {
    await expect(bench('x', () => 1, { confirm: -1 })).rejects.toThrow(/bench\(\) option "confirm" must be a whole number from 0 to 10/)
    await expect(bench('x', () => 1, { confirm: 'twice' as never })).rejects.toThrow(TypeError)
  })

  test('testbed names: no separators, spaces or control characters; the environment variable wins', () => {
    expect(resolvePerfOptions({ testbed: 'ci-linux-2core' }).testbed).toBe('ci-linux-2core')
    for (const bad of ['../x', 'a/b', 'a\\b', '   ', '', 'a b', 'ci\n::error::', 'x'.repeat(101), 42]) {
      expect(() => resolvePerfOptions({ testbed: bad })).toThrow(/option "testbed" must be a name of letters, digits/)
    }
    for (const device of ['CON', 'nul', 'Com1', 'LPT9', 'aux.linux']) {
      expect(() => resolvePerfOptions({ testbed: device })).toThrow(/option "testbed" must be a name of letters, digits.*; received ".*": CON, PRN, AUX, NUL, COM0 to COM9 and LPT0 to LPT9 .* name devices on Windows/)
    }
    for (const fine of ['console', 'null-box', 'com10', 'lpt', 'aux2']) expect(resolvePerfOptions({ testbed: fine }).testbed).toBe(fine)
    process.env[TESTBED_ENV] = 'gh-ubuntu'
    expect(resolvePerfOptions({ testbed: 'local' }).testbed).toBe('gh-ubuntu')
    process.env[TESTBED_ENV] = 'bad/name'
    expect(() => resolvePerfOptions({})).toThrow(/the environment variable PERFSPEC_TESTBED must be a name/)
  })
})

describe('testbeds and the new baseline fields in files', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const file = (data: unknown) => {
    dir = mkdtempSync(join(os.tmpdir(), 'perfspec-testbeds-'))
    const path = join(dir, 'a.test.ts.json')
    writeFileSync(path, JSON.stringify(data))
    return path
  }

  test("a testbed's entries are read and written apart; every other testbed is kept", () => {
    const data: BaselineFile = { perfspec: 1, file: 'a.test.ts', benchmarks: [entry('x') as never], testbeds: [{ name: 'ci', benchmarks: [entry('y') as never] }] }
    expect(entriesOf(data, undefined).map(nameOf)).toEqual(['x'])
    expect(entriesOf(data, 'ci').map(nameOf)).toEqual(['y'])
    expect(entriesOf(data, 'mac')).toEqual([])
    const next = withEntries(data, 'a.test.ts', 'mac', [entry('z') as never])
    expect(next.benchmarks.map(nameOf)).toEqual(['x'])
    expect(next.testbeds!.map((t) => t.name)).toEqual(['ci', 'mac'])
    const path = file(next)
    writeBaselineFile(path, next)
    expect(readBaselineFile(path)).toMatchObject({ status: 'ok' })
  })

  test('two testbeds of one name, a bad testbed name, a speed that is not a number: invalid, naming the field', () => {
    const twice = readBaselineFile(file({ perfspec: 1, benchmarks: [], testbeds: [{ name: 'ci', benchmarks: [] }, { name: 'ci', benchmarks: [] }] }))
    expect(twice).toMatchObject({ status: 'invalid' })
    expect((twice as { problem: string }).problem).toContain('testbeds[1].name "ci" names a testbed that appears earlier in the file')
    // What it still holds, so that one testbed's -u does not rewrite the others' away (probe 21 #2).
    expect(twice).toMatchObject({ holds: { unnamed: false, testbeds: ['ci', 'ci'] } })
    rmSync(dir, { recursive: true })
    // A file that does not parse (truncated, Git's conflict markers) but names testbeds, or whose testbeds are no list: names unknown (probe 22 #3).
    const path = file({})
    writeFileSync(path, '{ "perfspec": 1, "benchmarks": [], "testbeds": [ { "name": "tbA", "benchmarks": [\n<<<<<<< HEAD\n')
    expect(readBaselineFile(path)).toMatchObject({ status: 'invalid', holds: { unknown: true } })
    writeFileSync(path, JSON.stringify({ perfspec: 1, benchmarks: [], testbeds: { tbA: { benchmarks: [] } } }))
    expect(readBaselineFile(path)).toMatchObject({ status: 'invalid', holds: { unknown: true, testbeds: [] } })
    rmSync(dir, { recursive: true })
    const badName = readBaselineFile(file({ perfspec: 1, benchmarks: [], testbeds: [{ name: '../ci', benchmarks: [] }] }))
    expect((badName as { problem: string }).problem).toContain('testbeds[0].name must match pattern')
    rmSync(dir, { recursive: true })
    const speed = readBaselineFile(file({ perfspec: 1, benchmarks: [entry('x', { environment: { speed: { ns: 'fast', version: 1 } } })] }))
    expect((speed as { problem: string }).problem).toContain('benchmarks[0].environment.speed.ns must be a positive finite number (found "fast")')
    rmSync(dir, { recursive: true })
    const noNs = readBaselineFile(file({ perfspec: 1, benchmarks: [entry('x', { environment: { speed: { version: 1 } } })] }))
    expect((noNs as { problem: string }).problem).toContain('benchmarks[0].environment.speed.ns is missing')
  })

  test('a file written by the previous version still reads, and gains the new fields only when rewritten', () => {
    const path = file({ perfspec: 1, file: 'a.test.ts', benchmarks: [entry('x', { environment: { os: 'Linux 6', cores: 2 } })] })
    const read = readBaselineFile(path)
    expect(read).toMatchObject({ status: 'ok' })
    expect(readFileSync(path, 'utf8')).not.toContain('speed')
  })
})

describe('PERFSPEC_UPDATE', () => {
  test('a value that is not a mode is an error naming it and the modes, not silently ignored', async () => {
    const { updateMode } = await import('../src/run/options.js')
    const saved = process.env.PERFSPEC_UPDATE
    try {
      process.env.PERFSPEC_UPDATE = 'yes'
      expect(() => updateMode(undefined, undefined, false)).toThrow('PERFSPEC_UPDATE=yes is not a mode; use all')
      process.env.PERFSPEC_UPDATE = 'ALL'
      expect(updateMode(undefined, undefined, true)).toBe('all')
      process.env.PERFSPEC_UPDATE = ''
      expect(updateMode(undefined, undefined, true)).toBe('none')
    } finally {
      if (saved === undefined) delete process.env.PERFSPEC_UPDATE
      else process.env.PERFSPEC_UPDATE = saved
    }
  })
})

describe('the WARN band', () => {
  test('defaults to 10 %, or half the threshold when that is lower; one given may be up to the threshold, as --help and the README say', () => {
    const flag = (key: string) => `--${key}`
    expect(resolveGate({}, flag).warn).toBe(0.1)
    expect(resolveGate({ threshold: 0.1 }, flag).warn).toBe(0.05)
    expect(resolveGate({ threshold: 0.2, warnThreshold: 0.15 }, flag).warn).toBe(0.15)
    expect(resolveGate({ threshold: 0.2, warnThreshold: 0.2 }, flag).warn).toBe(0.2)
    expect(() => resolveGate({ threshold: 0.2, warnThreshold: 0.25 }, flag)).toThrow(/above .*give a warnThreshold at most the threshold/)
    expect(COMPARE_HELP).toContain('at most the threshold\n                     (default 10%, or half the threshold when that is lower)')
    expect(COMPARE_HELP).not.toContain('at most half the threshold')
  })
})
