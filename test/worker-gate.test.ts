import { describe, expect, test } from 'vitest'
import { baselineEntryOf, hostSlowdownOf } from '../src/compare/baseline-entry.js'
import type { Environment } from '../src/model/environment.js'
import { baselineFileProblems } from '../src/run/baseline-schema.js'
import { compareEntry, SPREAD_FACTOR } from '../src/compare/compare-entry.js'
import { machineDifference } from '../src/compare/machine-difference.js'
import { sampleOfResult } from '../src/compare/metric-sample.js'
import type { BenchResult } from '../src/model/bench-result.js'
import { DEFAULT_GATE } from '../src/model/gate.js'
import { checkText } from '../src/report/verdict-text.js'
import { baselineVerdict } from '../src/compare/baseline-verdict.js'
import { settleAgainstBaseline, type SettleInput } from '../src/run/worker-gate.js'
import { FURTHER_PROCESS_MEASURING } from '../src/run/worker-config.js'
import { latencyOf, wantsFullSpeedAttempt } from '../src/compare/attempt-plan.js'
import { at, config, env, fingerprint, id, previous } from './support/gate-fixture.js'

// Confirmation and baselines measured several times, decided in the worker: fake measurements
// and a fake pause, so the logic runs in milliseconds and the same way every time.

function harness(readings: BenchResult[], over: Partial<SettleInput> = {}) {
  const pauses: number[] = []
  let measured = 0
  const input: SettleInput = {
    first: readings[0]!,
    config,
    fileState: 'ok',
    previous,
    environment: fingerprint,
    measure: async () => readings[++measured]!,
    pause: async (ms) => {
      pauses.push(ms)
    },
    ...over,
  }
  return { run: () => settleAgainstBaseline(input), pauses, measured: () => measured }
}

describe('confirm before failing', () => {
  test('a clean benchmark costs nothing extra', async () => {
    const h = harness([at(1, 2)])
    const r = await h.run()
    expect(r.attempts).toBeUndefined()
    expect(h.measured()).toBe(0)
  })

  test('every measurement regressed: confirmed, the fastest regression recorded, each reading kept', async () => {
    const h = harness([at(1.5, 3), at(1.4, 4), at(1.6, 5)])
    const r = await h.run()
    expect(h.pauses).toEqual([300, 300])
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 3, kept: 1 })
    expect(r.attempts!.changes).toHaveLength(3)
    const check = baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check
    expect(check).toMatchObject({ status: 'regressed', reason: 'beyond-threshold', confirmation: { regressed: 3 } })
    expect(checkText(check)).toMatch(/; confirmed by 3 of 3 measurements: \+\d+%, \+\d+%, \+\d+%$/)
  })

  test('every measurement regressed against a baseline from a machine twice as fast: said as another machine, not as "not confirmed"', async () => {
    const r = await harness([at(1.5, 3), at(1.4, 4), at(1.6, 5)]).run()
    const check = baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint, speed: { ns: 10.5, version: 1 } }, baselineFile: 'b.json', fileState: 'ok', previous: { ...previous, environment: { ...previous.environment, speed: { ns: 5, version: 1 } } } }).check
    expect(check).toMatchObject({ status: 'warn', reason: 'other-machine', confirmation: { regressed: 3 } })
  })

  test('a later measurement that does not regress ends it: not confirmed, that one recorded, reported as WARN', async () => {
    const h = harness([at(1.5, 3), at(1, 6), at(1.6, 5)])
    const r = await h.run()
    expect(h.measured()).toBe(1)
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 1, kept: 1 })
    const check = baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check
    expect(check).toMatchObject({ status: 'warn', reason: 'not-confirmed' })
    expect(checkText(check)).toMatch(/not confirmed \(1 of 2 measurements beyond the threshold: \+\d+%, [+−][\d.]+%\)/)
  })

  test('confirm: 0 (global or per bench) records the first reading as it is', async () => {
    expect((await harness([at(1.5, 3)], { config: { ...config, confirm: 0 } }).run()).attempts).toBeUndefined()
    expect((await harness([at(1.5, 3)], { confirm: 0 }).run()).attempts).toBeUndefined()
    const once = harness([at(1.5, 3), at(1.5, 4)], { confirm: 1 })
    expect((await once.run()).attempts).toMatchObject({ regressed: 2 })
    expect(once.measured()).toBe(1)
  })

  test('opting out of baselines skips it all', async () => {
    expect((await harness([at(1.5, 3)], { override: false }).run()).attempts).toBeUndefined()
  })
})

describe('a busy machine', () => {
  test('a regression measured while other processes kept a core busy is compared, not gated, and says so', () => {
    const busy = { ...at(1.5, 3), host: { otherCores: 0.97 } }
    const check = baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: busy }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check
    expect(check).toMatchObject({ status: 'warn', reason: 'machine-busy', otherCores: 0.97 })
    expect(checkText(check)).toContain('measured while other processes kept 1.0 cores of this machine busy, which can explain up to +294%: compared, not gated')
    const idle = { ...at(1.5, 3), host: { otherCores: 0.1 } }
    expect(baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: idle }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check.status).toBe('regressed')
  })

  test('a regression beyond what the load explains still fails on a busy machine: ten times slower is not the machine', () => {
    const tenTimes = { ...at(10, 11), host: { otherCores: 0.6 } }
    const check = baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: tenTimes }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check
    expect(check).toMatchObject({ status: 'regressed', reason: 'beyond-threshold', otherCores: 0.6 })
    expect(check.loadAllowance).toBeCloseTo(2.2)
    expect(checkText(check)).toContain('measured while other processes kept 0.6 cores busy, which explains +220% at most')
    // A typical call 2.6x slower with a core busy: within what the load explains (2 × (1 + 1)).
    const twoCores = { ...at(2.6, 5), host: { otherCores: 1 } }
    expect(baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: twoCores }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check).toMatchObject({ status: 'warn', reason: 'machine-busy', loadAllowance: 3 })
  })

  test('the worker measures a suspect from a busy machine again: a quiet measurement can confirm it', async () => {
    const h = harness([{ ...at(1.5, 3), host: { otherCores: 1 } }, { ...at(1.5, 3), host: { otherCores: 0 } }, { ...at(1.5, 3), host: { otherCores: 0 } }])
    const r = await h.run()
    expect(h.measured()).toBe(2)
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 3 })
  })
})

describe('baselines measured several times', () => {
  test('a baseline about to be written: three measurements spread in time, the fastest kept', async () => {
    const h = harness([at(1.3, 3), at(1, 4), at(1.05, 5)], { fileState: 'missing', previous: undefined, config: { ...config, update: 'new' } })
    const r = await h.run()
    expect(h.pauses).toEqual([300, 300])
    expect(r.attempts).toMatchObject({ purpose: 'baseline', kept: 1 })
    const entry = baselineEntryOf(r, env, 't')
    expect(entry.attempts).toBe(3)
    // The gap from the fastest to the next fastest: the slow first reading is left out.
    expect(entry.spread!.p50).toBeGreaterThan(0.02)
    expect(entry.spread!.p50).toBeLessThan(0.1)
  })

  test('-u rewrites with attempts too; baselineAttempts: 1 measures once; CI writes nothing so measures once', async () => {
    expect((await harness([at(1, 3), at(1, 4), at(1, 5)], { config: { ...config, update: 'all' } }).run()).attempts?.purpose).toBe('baseline')
    expect((await harness([at(1, 3)], { fileState: 'missing', previous: undefined, config: { ...config, update: 'new', baselineAttempts: 1 } }).run()).attempts).toBeUndefined()
    expect((await harness([at(1, 3)], { fileState: 'missing', previous: undefined }).run()).attempts).toBeUndefined()
  })
})

describe('baselines measured while the host ran slow', () => {
  // A fake host-speed probe: its readings in order (ns per element); its best the lowest of them,
  // of what this process read before (`earlier`) and of what the machine's other processes of its
  // kind saw (`remembered`).
  const probe = (values: number[], remembered = Number.POSITIVE_INFINITY, earlier = Number.POSITIVE_INFINITY) => {
    let own = earlier
    let reads = 0
    return {
      read: () => {
        const v = values[Math.min(reads++, values.length - 1)]!
        own = Math.min(own, v)
        return v
      },
      get best() {
        return Math.min(own, remembered)
      },
      reads: () => reads,
    }
  }
  const writing = { fileState: 'missing' as const, previous: undefined, config: { ...config, update: 'new' as const } }

  test('two of three measurements at full speed: nothing more; each slowdown recorded; the spread leaves the slow one out', async () => {
    const host = probe([1, 1.5, 1.05])
    const h = harness([at(1, 3), at(1.4, 4), at(1.02, 5)], { ...writing, host })
    const r = await h.run()
    expect(h.measured()).toBe(2)
    expect(host.reads()).toBe(3)
    expect(r.attempts!.host).toEqual([1, 1.5, 1.05])
    const entry = baselineEntryOf(r, env, 't')
    expect(entry.attempts).toBe(3)
    // From the two full-speed measurements (+2 %), not from the slow one (+40 %).
    expect(entry.spread!.p50).toBeLessThan(0.1)
  })

  test('every measurement in a slow stretch: measured again after a longer pause until two ran at full speed', async () => {
    // Earlier processes of the machine read 1; this one starts in a slow stretch.
    const host = probe([1.5, 1.5, 1.5, 1, 1.02], 1)
    const h = harness([at(1.45, 3), at(1.5, 4), at(1.4, 5), at(1, 6), at(1.03, 7)], { ...writing, host })
    const r = await h.run()
    expect(h.measured()).toBe(4)
    expect(h.pauses).toEqual([300, 300, 1000, 1000])
    expect(r.attempts).toMatchObject({ purpose: 'baseline', kept: 3, host: [1.5, 1.5, 1.5, 1, 1.02] })
    expect(r.latency.p50).toBe(at(1, 6).latency.p50)
    expect(baselineEntryOf(r, env, 't').attempts).toBe(5)
  })

  test('a further process of a baseline being written: its measurements back to back, none added for a slow host', async () => {
    const host = probe([1.5, 1.5, 1.5], 1)
    const h = harness([at(1.45, 3), at(1.5, 4), at(1.4, 5), at(1, 6)], { ...writing, host, config: { ...writing.config, ...FURTHER_PROCESS_MEASURING } })
    const r = await h.run()
    expect(h.measured()).toBe(2)
    expect(h.pauses).toEqual([10, 10])
    // Still read and recorded: the run's own process and the spread read them.
    expect(r.attempts).toMatchObject({ purpose: 'baseline', host: [1.5, 1.5, 1.5] })
    expect(wantsFullSpeedAttempt([1.5, 1.5, 1.5], 0, 0)).toBe(false)
    expect(wantsFullSpeedAttempt([1.5, 1.5, 1.5], 0)).toBe(true)
  })

  test('a further process told the lowest readings so far: it stops at the first measurement within a quarter of the threshold of them', async () => {
    const further = { ...writing, config: { ...writing.config, ...FURTHER_PROCESS_MEASURING } }
    const fastest = latencyOf(at(1, 3))
    // Its first measurement reads +4 % at p95 (within 5 % at the 20 % threshold): nothing more.
    const quick = harness([at(1.04, 3), at(1, 4), at(1, 5)], { ...further, fastest })
    const one = await quick.run()
    expect(quick.measured()).toBe(0)
    expect(one.attempts).toMatchObject({ purpose: 'baseline', latency: [latencyOf(at(1.04, 3))] })
    expect(one.attempts!.asked).toBeUndefined()
    // +10 %, then +3 %: stops there, with its own pause.
    const second = harness([at(1.1, 3), at(1.03, 4), at(1, 5)], { ...further, fastest })
    expect((await second.run()).attempts!.latency).toHaveLength(2)
    expect(second.pauses).toEqual([10])
    // Never within reach: every measurement asked for, as before.
    const slow = harness([at(1.3, 3), at(1.25, 4), at(1.2, 5)], { ...further, fastest })
    expect((await slow.run()).attempts!.latency).toHaveLength(3)
    // A bench's own threshold (40 %) widens the reach to 10 %.
    const wide = harness([at(1.08, 3), at(1, 4)], { ...further, fastest, override: { threshold: 0.4 } })
    await wide.run()
    expect(wide.measured()).toBe(0)
    // The run's own process is told nothing: all its measurements, back to back when further processes follow.
    const own = harness([at(1, 3), at(1, 4), at(1, 5)], { ...writing, config: { ...writing.config, baselinePause: 10 } })
    expect((await own.run()).attempts!.latency).toHaveLength(3)
    expect(own.pauses).toEqual([10, 10])
  })

  test('a suspect is confirmed as before, whatever lowest readings a process was told', async () => {
    const h = harness([at(1.5, 3), at(1.5, 4), at(1.5, 5)], { fastest: latencyOf(at(1.5, 3)) })
    const r = await h.run()
    expect(h.measured()).toBe(2)
    expect(h.pauses).toEqual([config.pause, config.pause])
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 3 })
  })

  test('at most three more, and only as the test allows', async () => {
    const slow = probe([2], 1)
    const h = harness(Array.from({ length: 8 }, (_, i) => at(1.5, 3 + i)), { ...writing, host: slow })
    expect((await h.run()).attempts!.latency).toHaveLength(6)
    // A 5 s test: the extra measurements and pauses stay within its quarter (1250 ms), so one retry fits of three.
    let clock = 0
    const budget = { timeout: 5000, deadline: 5000, spent: 0 }
    const tight = harness(Array.from({ length: 8 }, (_, i) => at(1.5, 3 + i)), {
      ...writing,
      host: probe([2], 1),
      budget,
      took: 400,
      now: () => clock,
      measure: async () => {
        clock += 400
        return at(1.5, 20)
      },
    })
    const r = await tight.run()
    expect(r.attempts!.latency).toHaveLength(4)
    expect(budget.spent).toBeLessThanOrEqual(1250)
  })

  test('a clean benchmark never reads the probe', async () => {
    const host = probe([1])
    await harness([at(1, 2)], { host }).run()
    expect(host.reads()).toBe(0)
  })

  test('a regression confirmed only while the host ran slow is not failed: slow-host, with the slowdown', async () => {
    const verdictOf = (r: BenchResult) =>
      baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check
    // This process read the probe at 1 before (an earlier benchmark's measurements).
    const slow = probe([1.5, 1.6, 1.45], undefined, 1)
    const r = await harness([at(1.5, 3), at(1.4, 4), at(1.6, 5)], { host: slow }).run()
    expect(slow.reads()).toBe(3)
    expect(r.attempts!.host).toEqual([1.5, 1.6, 1.45])
    const check = verdictOf(r)
    expect(check).toMatchObject({ status: 'warn', reason: 'slow-host', hostSlowdown: 1.45, confirmation: { regressed: 3 } })
    expect(checkText(check)).toMatch(/the host ran slow after each \(a fixed probe at least 1\.4x slower than while its baseline was measured\).*Not failed/)
    // Ten times slower is not the host's doing, however slow it ran (1.25 x its slowdown at most).
    const tenfold = await harness([at(10, 3), at(10, 4), at(10, 5)], { host: probe([2.9], undefined, 1) }).run()
    const beyond = verdictOf(tenfold)
    expect(beyond).toMatchObject({ status: 'regressed', reason: 'beyond-threshold', hostSlowdown: 2.9 })
    expect(checkText(beyond)).toMatch(/measured while the host ran 2\.9x slower than when the baseline was measured, which explains \+263% at most$/)
    // One measurement at full speed that still read as a regression: confirmed slower code.
    const once = await harness([at(1.5, 3), at(1.4, 4), at(1.6, 5)], { host: probe([1.5, 1.05, 1.45], undefined, 1) }).run()
    expect(verdictOf(once)).toMatchObject({ status: 'regressed', reason: 'beyond-threshold' })
    // Nothing read faster, in this process or another of its kind: nothing says the host ran
    // slow, and a regression confirmed so is failed.
    const elsewhere = await harness([at(1.5, 3), at(1.4, 4), at(1.6, 5)], { host: probe([1.5, 1.6, 1.45]) }).run()
    expect(elsewhere.attempts!.host).toEqual([1.5 / 1.45, 1.6 / 1.45, 1])
    expect(verdictOf(elsewhere)).toMatchObject({ status: 'regressed', reason: 'beyond-threshold' })
  })

  test('a baseline measured on a slow host: only a host slower than that excuses a regression', async () => {
    const verdictOf = (r: BenchResult, hostSlowdown: number) =>
      baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous: { ...previous, host_slowdown: hostSlowdown } }).check
    const r = await harness([at(1.5, 3), at(1.4, 4), at(1.6, 5)], { host: probe([1.5, 1.6, 1.45], undefined, 1) }).run()
    // The baseline's host ran 1.45x slow too: the same host, slower code.
    expect(verdictOf(r, 1.45)).toMatchObject({ status: 'regressed', reason: 'beyond-threshold' })
    // Its host ran 1.1x slow: this run's ran 1.45 / 1.1 = 1.32x slower than that, which explains the change.
    const check = verdictOf(r, 1.1)
    expect(check).toMatchObject({ status: 'warn', reason: 'slow-host' })
    expect((check as { hostSlowdown: number }).hostSlowdown).toBeCloseTo(1.45 / 1.1, 6)
  })

  test("a baseline stores how slow the host ran after its least slow measurement", () => {
    const attempts = (host?: number[]) => ({ purpose: 'baseline' as const, latency: [at(1, 1).latency, at(1.1, 2).latency, at(1.2, 3).latency], kept: 0, ...(host && { host }) })
    expect(hostSlowdownOf(attempts([1.62, 1.5, 1.8]))).toBe(1.5)
    expect(hostSlowdownOf(attempts([1.0004, 1.3, 1.2]))).toBe(1)
    expect(hostSlowdownOf(attempts())).toBeUndefined()
    expect(hostSlowdownOf(attempts([1.5]))).toBeUndefined()
    const entry = baselineEntryOf({ ...at(1, 1), attempts: attempts([1.62, 1.5, 1.8]) }, { ...env, ...fingerprint } as Environment, '2026-12-03T00:00:00Z')
    expect(entry.host_slowdown).toBe(1.5)
    expect(baselineFileProblems({ perfspec: 1, benchmarks: [entry] })).toEqual([])
    expect(baselineFileProblems({ perfspec: 1, benchmarks: [{ ...entry, host_slowdown: 0.5 }] }).join('\n')).toMatch(/host_slowdown must be a number from 1 to 1,000 \(found 0.5\)/)
  })
})

describe('baselines that know their machine and their noise', () => {
  const sample = (factor: number, seed: number) => sampleOfResult(at(factor, seed), 'p95')

  test('the machine fingerprint: CPU, cores, OS kind, arch and Node major; speed within 25 %', () => {
    expect(machineDifference(env, { ...fingerprint, speed: { ns: 5.5, version: 1 } })).toMatchObject({ changes: [], other: false })
    expect(machineDifference(env, { ...fingerprint, speed: { ns: 10.5, version: 1 } })).toMatchObject({ other: true, speedRatio: 2.1 })
    expect(machineDifference(env, { ...fingerprint, speed: { ns: 9, version: 2 } })).toMatchObject({ other: false })
    expect(machineDifference(env, { ...fingerprint, node: 'v22.12.0' })?.changes).toEqual([{ field: 'node', before: 'v20.20.0', now: 'v22.12.0' }])
    expect(machineDifference(env, { ...fingerprint, os: 'Darwin 24' })?.other).toBe(true)
  })

  test('a regression against another machine is compared, not gated, and says why; crossMachine gates it', () => {
    const fast = baselineEntryOf(at(1, 1), { ...env, speed: { ns: 2.5, version: 1 } }, 't')
    const c = compareEntry(sample(1.5, 3), fast, DEFAULT_GATE, { environment: { ...fingerprint, speed: { ns: 5.25, version: 1 } } })
    expect(c).toMatchObject({ compared: true, status: 'warn', reason: 'other-machine' })
    const check = { benchId: id, file: 'a.test.ts', metric: 'p95' as const, threshold: 0.2, baselineFile: 'b.json', ...(c as object), status: 'warn' as const }
    expect(checkText(check)).toContain('baseline from another machine (its machine ran the speed reference 2.1x faster): compared, not gated; write baselines on this machine class with -u, or name a testbed')
    expect(compareEntry(sample(1.5, 3), fast, DEFAULT_GATE, { environment: { ...fingerprint, speed: { ns: 5.25, version: 1 } }, crossMachine: true })).toMatchObject({ status: 'regressed' })
  })

  test("a change within the baseline's own spread is not failed; a spread beyond the threshold is too noisy to gate, saying at what it could", () => {
    const spreadOf = (p95: number) => ({ ...previous, spread: { p95 } })
    expect(compareEntry(sample(1.5, 3), spreadOf(0.05), DEFAULT_GATE)).toMatchObject({ status: 'regressed', spread: expect.closeTo(0.05 * SPREAD_FACTOR) })
    expect(compareEntry(sample(1.5, 3), spreadOf(0.6 / SPREAD_FACTOR), DEFAULT_GATE)).toMatchObject({ status: 'warn', reason: 'too-noisy', spread: expect.closeTo(0.6) })
    expect(compareEntry(sample(2.5, 3), spreadOf(0.6 / SPREAD_FACTOR), DEFAULT_GATE)).toMatchObject({ status: 'regressed' })
    // Unchanged code of a noisy benchmark reads as unchanged: only a slowdown is too noisy to judge.
    expect(compareEntry(sample(1, 3), spreadOf(0.33 / SPREAD_FACTOR), DEFAULT_GATE)).toMatchObject({ status: 'ok' })
    expect(compareEntry(sample(1.15, 3), spreadOf(0.33 / SPREAD_FACTOR), DEFAULT_GATE)).toMatchObject({ status: 'warn', reason: 'too-noisy' })
    expect(compareEntry(sample(1, 3), spreadOf(0.15 / SPREAD_FACTOR), DEFAULT_GATE)).toMatchObject({ status: 'ok' })
    const c = compareEntry(sample(1.15, 3), spreadOf(0.33 / SPREAD_FACTOR), DEFAULT_GATE)
    const check = { benchId: id, file: 'a.test.ts', metric: 'p95' as const, threshold: 0.2, baselineFile: 'b.json', ...(c as object), status: 'warn' as const }
    expect(checkText(check)).toMatch(/is too noisy to gate at 20% on this machine: its baseline's own measurements show unchanged code moving by up to 33% here, so it could be gated at 35%/)
  })
})
