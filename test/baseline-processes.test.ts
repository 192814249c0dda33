import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { BenchEntry } from '../src/model/entries.js'
import type { BenchResult } from '../src/model/bench-result.js'
import type { TestRecord } from '../src/model/run-report.js'
import { afterFreshProcesses } from '../src/adapters/fresh-process.js'
import { keptResult } from '../src/compare/attempt-plan.js'
import { baselineEntryOf } from '../src/compare/baseline-entry.js'
import { withBaselineProcesses } from '../src/compare/baseline-processes.js'
import { checkText } from '../src/report/verdict-text.js'
import { measureBaselinesAgain, type BaselinePass } from '../src/run/baseline-passes.js'
import { freshReadingOf } from '../src/run/fresh-recheck.js'
import { benchKey, fastestReadingOf, writeFastestReadings, type FastestReadings } from '../src/run/fastest-readings.js'
import { lowestReadings } from '../src/compare/attempt-plan.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { baselineFileProblems } from '../src/run/baseline-schema.js'
import { resolvePerfOptions, type PerfOptions } from '../src/run/options.js'
import { endRun, type SessionInput } from '../src/run/session.js'
import { SPEED_REFERENCE_VERSION } from '../src/measure/speed-reference.js'
import { MemoryStore } from './support/memory-store.js'
import { latencies, resultOf } from './support/synthetic-result.js'
import { resolve } from 'pathe'

// The suite's config sets PERFSPEC_BASELINE_PROCESSES=1 for the runners it starts; these tests
// read the option itself.
beforeEach(() => vi.stubEnv('PERFSPEC_BASELINE_PROCESSES', ''))
afterEach(() => vi.unstubAllEnvs())

const ID = 'a.test.ts > t > x'
/** A process's baseline measurements of the benchmark, each `factor` times the usual latencies. */
const measured = (seed: number, ...factors: number[]): BenchResult =>
  keptResult(
    'baseline',
    factors.map((f, i) => resultOf(ID, latencies(2000, seed + i).map((v) => v * f))),
    undefined,
    { host: factors.map(() => 1) },
  )
const environment = { os: 'linux', arch: 'x64', cpu: 'cpu', cores: 2, memory: 2 ** 33, node: '20.0.0', runner: 'vitest 4', ci: false }

describe('a baseline measured in several processes (withBaselineProcesses)', () => {
  test('the fastest measurement of all processes is kept, each statistic at the lowest, and each process starts where `processes` says', () => {
    const own = measured(1, 1.3, 1.35, 1.32)
    const second = measured(10, 1.0, 1.02)
    const third = measured(20, 1.6, 1.5)
    const r = withBaselineProcesses(own, [second, third])
    expect(r.attempts).toMatchObject({ purpose: 'baseline', processes: [0, 3, 5], kept: 3 })
    expect(r.attempts!.latency).toHaveLength(7)
    expect(r.latency.p50).toBe(Math.min(...r.attempts!.latency.map((l) => l.p50)))
    expect(r.latency.p50).toBeLessThan(own.latency.p50 / 1.2)
    expect(r.histogram).toBe(second.histogram)
    expect(r.attempts!.host).toHaveLength(7)
    expect(r.attempts!.processesShort).toBeUndefined()
  })

  test('a further process that read it twice as fast is kept: it ran the whole file, and this machine runs some code at two speeds in different processes (probe 18 #3)', () => {
    const own = measured(1, 1, 1.01)
    const r = withBaselineProcesses(own, [measured(30, 0.5), measured(40, 1.02)], 3)
    expect(r.attempts).toMatchObject({ processes: [0, 2, 3] })
    expect(r.attempts!.processesShort).toBeUndefined()
    expect(r.latency.p50).toBeLessThan(own.latency.p50 * 0.6)
  })

  test("measurements a test's timeout cut short: asked counts what every process was asked, not what the further ones took (probe 20 #5)", () => {
    const cut = (seed: number) => keptResult('baseline', [resultOf(ID, latencies(2000, seed))], undefined, { asked: 10, host: [1] })
    const r = withBaselineProcesses(cut(1), [cut(10), cut(20)])
    expect(r.attempts).toMatchObject({ asked: 30, processes: [0, 1, 2] })
    expect(r.attempts!.latency).toHaveLength(3)
    // A further process that took all it was asked: counted as taken.
    expect(withBaselineProcesses(cut(1), [measured(10, 1, 1.01)]).attempts).toMatchObject({ asked: 12 })
    // None cut short: nothing asked beyond what was taken.
    expect(withBaselineProcesses(measured(1, 1), [measured(10, 1)]).attempts!.asked).toBeUndefined()
  })

  test('no fresh result: the run’s own measurements, saying why fewer processes measured it', () => {
    const own = measured(1, 1, 1.01)
    const r = withBaselineProcesses(own, [], 3, 'Vitest started again on its tests exited with code 1 without recording results')
    expect(r.latency).toEqual(own.latency)
    expect(r.attempts).toMatchObject({ latency: own.attempts!.latency, processesShort: { asked: 3, problem: expect.stringContaining('exited with code 1') } })
    expect(r.attempts!.processes).toBeUndefined()
  })
})

describe('its baseline entry: the spread covers the gap between processes', () => {
  test('two of three processes read it 1.6x slower: the spread says so, though each process’s own measurements agree', () => {
    const r = withBaselineProcesses(measured(1, 1.6, 1.61, 1.62), [measured(10, 1, 1.01, 1.02), measured(20, 1.6, 1.6, 1.61)])
    const entry = baselineEntryOf(r, environment, '2026-12-04T00:00:00.000Z')
    expect(entry).toMatchObject({ attempts: 9, processes: 3 })
    expect(entry.spread!.p50).toBeGreaterThan(0.45)
    expect(baselineFileProblems({ perfspec: 1, file: 'a.test.ts', benchmarks: [entry] }, 'a.test.ts')).toEqual([])
  })

  test('one process of three read it slow: left out as the slowest measurement is, so the spread stays that of the two that agree', () => {
    const r = withBaselineProcesses(measured(1, 1, 1.01, 1.02), [measured(10, 1.8, 1.8), measured(20, 1.01, 1.02)])
    const entry = baselineEntryOf(r, environment, '2026-12-04T00:00:00.000Z')
    expect(entry.processes).toBe(3)
    expect(entry.spread!.p50).toBeLessThan(0.1)
  })

  test('one process: no `processes` field, and the spread as before', () => {
    const entry = baselineEntryOf(measured(1, 1, 1.2, 1.3), environment, '2026-12-04T00:00:00.000Z')
    expect(entry.processes).toBeUndefined()
    expect(entry.attempts).toBe(3)
  })

  test('a hand-edited file with more processes than measurements, or `processes: 1`, is refused naming the field', () => {
    const entry = baselineEntryOf(withBaselineProcesses(measured(1, 1, 1.01), [measured(10, 1.01)]), environment, '2026-12-04T00:00:00.000Z')
    expect(entry).toMatchObject({ attempts: 3, processes: 2 })
    expect(baselineFileProblems({ perfspec: 1, file: 'a.test.ts', benchmarks: [{ ...entry, processes: 4 }] }, 'a.test.ts').join('\n')).toMatch(/benchmarks\[0\]\.processes 4 needs benchmarks\[0\]\.attempts of at least as many/)
    expect(baselineFileProblems({ perfspec: 1, file: 'a.test.ts', benchmarks: [{ ...entry, processes: 1 }] }, 'a.test.ts').join('\n')).toMatch(/benchmarks\[0\]\.processes/)
  })
})

const record = (file: string, name: string, result: BenchResult, state: TestRecord['state'] = 'passed'): TestRecord => ({ file, line: 4, test: 't', state, entries: [{ kind: 'bench', id: `${file} > t > ${name}`, name, result: { ...result, id: `${file} > t > ${name}`, name } }] })

function input(store: MemoryStore, tests: TestRecord[], options: PerfOptions = {}, over: Partial<SessionInput> = {}): SessionInput {
  return { tests, root: '/project', runner: { name: 'vitest', version: '4' }, startedAt: 0, options: resolvePerfOptions(options), runnerUpdate: undefined, runnerCi: false, store, now: () => 1000, speed: () => ({ ns: 100, version: SPEED_REFERENCE_VERSION }), ...over }
}

/** A further process that measures every test it is given at `factor` times the usual latencies (its tests `state`), noting what it was asked. */
function passes(factor: (call: number) => number | undefined, state: TestRecord['state'] = 'passed') {
  const calls: Array<Array<[string, readonly string[]]>> = []
  const told: FastestReadings[] = []
  const pass: BaselinePass = (tests, fastest) => {
    calls.push([...tests])
    told.push(fastest)
    const f = factor(calls.length)
    if (f === undefined) return { ok: false, problem: 'Vitest started again on its tests exited with code 1 without recording results' }
    return { ok: true, tests: [...tests].flatMap(([file]) => [record(file, 'x', measured(100 + calls.length, f), state)]) }
  }
  return { calls, told, pass }
}

const benchOf = (tests: readonly TestRecord[], file: string) => tests.find((t) => t.file === file)!.entries[0] as BenchEntry

describe('a run that writes baselines measures them in further processes (measureBaselinesAgain)', () => {
  test('a new baseline, written locally: two more processes by default, each running every test whose baseline is written, once; the file stores their fastest', () => {
    const store = new MemoryStore()
    const p = passes(() => 1)
    const run = input(store, [record('a.test.ts', 'x', measured(1, 1.5, 1.5, 1.52)), record('b.test.ts', 'x', measured(5, 1, 1.01, 1.02))])
    const decided = endRun(afterFreshProcesses(run, undefined, p.pass))
    expect(p.calls).toEqual([
      [['a.test.ts', ['t']], ['b.test.ts', ['t']]],
      [['a.test.ts', ['t']], ['b.test.ts', ['t']]],
    ])
    expect(decided.report.baselines.map((c) => c.status)).toEqual(['written', 'written'])
    const a = store.read('a.test.ts')
    const entry = a.status === 'ok' ? a.data.benchmarks[0]! : undefined
    expect(entry).toMatchObject({ attempts: 5, processes: 3 })
    // The run's own process read it 1.5x slow; the further processes at its usual speed.
    expect(entry!.p50).toBeLessThan((run.tests[0]!.entries[0] as BenchEntry).result!.latency.p50 / 1.3)
  })

  test('a baseline compared, not written (an existing one, or CI): no further process', () => {
    const store = new MemoryStore()
    endRun(input(store, [record('a.test.ts', 'x', measured(1, 1))], { baselineProcesses: 1 }))
    const p = passes(() => 1)
    const again = input(store, [record('a.test.ts', 'x', measured(2, 1))])
    expect(measureBaselinesAgain(again, p.pass).tests).toBe(again.tests)
    const ci = input(new MemoryStore(), [record('a.test.ts', 'x', measured(3, 1))], {}, { runnerCi: true })
    expect(measureBaselinesAgain(ci, p.pass).tests).toBe(ci.tests)
    expect(p.calls).toEqual([])
  })

  test('-u rewrites them: measured in further processes too; a benchmark whose test failed, or that opted out, is not run again', () => {
    const store = new MemoryStore()
    const p = passes(() => 1)
    const run = input(store, [record('a.test.ts', 'x', measured(1, 1)), record('b.test.ts', 'x', measured(2, 1), 'failed')], {}, { runnerUpdate: 'all' })
    const tests = measureBaselinesAgain(run, p.pass).tests
    expect(p.calls).toEqual([[['a.test.ts', ['t']]], [['a.test.ts', ['t']]]])
    expect(benchOf(tests, 'a.test.ts').result!.attempts!.processes).toEqual([0, 1, 2])
    expect(benchOf(tests, 'b.test.ts')).toBe(run.tests[1]!.entries[0])
  })

  test('`baselineProcesses: 1`, or a stopped run: no further process', () => {
    const p = passes(() => 1)
    const one = input(new MemoryStore(), [record('a.test.ts', 'x', measured(1, 1))], { baselineProcesses: 1 })
    expect(measureBaselinesAgain(one, p.pass).tests).toBe(one.tests)
    const stopped = input(new MemoryStore(), [record('a.test.ts', 'x', measured(1, 1))], {}, { interrupted: true })
    expect(measureBaselinesAgain(stopped, p.pass).tests).toBe(stopped.tests)
    expect(p.calls).toEqual([])
  })

  test('a further process that fails: the baseline is written from the processes that measured it, and its sentence says how many and why', () => {
    const store = new MemoryStore()
    const p = passes((call) => (call === 1 ? 1 : undefined))
    const decided = endRun(afterFreshProcesses(input(store, [record('a.test.ts', 'x', measured(1, 1))]), undefined, p.pass))
    expect(p.calls).toHaveLength(2)
    const check = decided.report.baselines[0]!
    expect(check).toMatchObject({ status: 'written', processesShort: { taken: 2, asked: 3, problem: expect.stringContaining('exited with code 1') } })
    expect(checkText(check)).toMatch(/baseline written to baselines\/a\.test\.ts\.json \(measured in 2 of 3 processes asked: Vitest started again on its tests exited with code 1/)
    expect(decided.failed).toBe(false)
  })

  test('a further process in which the test failed gives no reading, however fast: a failing test is no reference, as in the run (probe 18 #2)', () => {
    const store = new MemoryStore()
    const p = passes(() => 0.6, 'failed')
    const run = input(store, [record('a.test.ts', 'x', measured(1, 1))])
    const decided = endRun(afterFreshProcesses(run, undefined, p.pass))
    expect(decided.report.baselines[0]).toMatchObject({ status: 'written', processesShort: { taken: 1, asked: 3, problem: expect.stringContaining('its test failed in a further process') } })
    const a = store.read('a.test.ts')
    expect(a.status === 'ok' && a.data.benchmarks[0]!.p50).toBe((run.tests[0]!.entries[0] as BenchEntry).result!.latency.p50)
  })

  test('a test file that changes after the run (edited while the further processes ran): their readings from then on are not taken, and the sentence says why (probe 23 #6)', () => {
    const store = new MemoryStore()
    // The edit makes the code 8x faster: a baseline of it would fail the next run of the code the run measured.
    const p = passes((call) => (call === 1 ? 1 : 0.125))
    let passesSeen = 0
    const counting: BaselinePass = (tests, fastest) => {
      passesSeen += 1
      return p.pass(tests, fastest)
    }
    // Modified before the run started (at 0) until the edit, during the second further process.
    const stamp = (file: string) => (file === 'a.test.ts' && passesSeen >= 2 ? { digest: 'edited', modified: 5 } : { digest: `as run: ${file}`, modified: -1 })
    const run = input(store, [record('a.test.ts', 'x', measured(1, 1)), record('b.test.ts', 'x', measured(5, 1))])
    const measuredAgain = measureBaselinesAgain(run, counting, stamp)
    const a = benchOf(measuredAgain.tests, 'a.test.ts').result!.attempts!
    expect(a.processesShort).toEqual({ asked: 3, problem: expect.stringContaining('its test file changed during the run') })
    // The first pass ended before the edit: its reading stays; the second's is left out.
    expect(a.processes).toEqual([0, 1])
    expect(benchOf(measuredAgain.tests, 'b.test.ts').result!.attempts!.processesShort).toBeUndefined()
    const decided = endRun({ ...run, tests: measuredAgain.tests })
    expect(checkText(decided.report.baselines[0]!)).toMatch(/measured in 2 of 3 processes asked: its test file changed during the run \(edited or checked out after the run started\), so a further process may have measured other code than the run did/)
    // Read by the path from the run's root: Vitest projects with roots of their own may share a file name (probe 26 #1).
    const asked: string[] = []
    const inProject = input(new MemoryStore(), [{ ...record('t.test.ts', 'x', measured(1, 1)), path: 'pb/t.test.ts' }])
    measureBaselinesAgain(inProject, passes(() => 1).pass, (path) => (asked.push(path), undefined))
    expect(new Set(asked)).toEqual(new Set(['pb/t.test.ts']))
    // A file that cannot be read both times (another root) is no change.
    const again = () => input(new MemoryStore(), [record('a.test.ts', 'x', measured(1, 1))])
    expect(benchOf(measureBaselinesAgain(again(), passes(() => 1).pass, () => undefined).tests, 'a.test.ts').result!.attempts!.processesShort).toBeUndefined()
    // Modified after the run started, before the further processes: none of them is taken (the run may have measured it before or after).
    const early = measureBaselinesAgain(again(), passes(() => 1).pass, (file) => (file === 'a.test.ts' ? { digest: 'x', modified: 1 } : undefined))
    expect(benchOf(early.tests, 'a.test.ts').result!.attempts).toMatchObject({ processesShort: { asked: 3, problem: expect.stringContaining('changed during the run') } })
    expect(benchOf(early.tests, 'a.test.ts').result!.attempts!.processes).toBeUndefined()
    // A modification time ahead of the clock (1000 here) is no edit of the run.
    const future = measureBaselinesAgain(again(), passes(() => 1).pass, () => ({ digest: 'x', modified: 5000 }))
    expect(benchOf(future.tests, 'a.test.ts').result!.attempts!.processesShort).toBeUndefined()
  })

  test('probe 30 #3: a test file replaced after the runner loaded it by a copy that kept its old date: no further reading is taken', () => {
    const run = input(new MemoryStore(), [record('a.test.ts', 'x', measured(1, 1)), record('b.test.ts', 'x', measured(1, 1))])
    // Both dated before the run; a.test.ts holds other bytes now than when it was queued, b.test.ts the same.
    const now = (file: string) => ({ digest: file === 'a.test.ts' ? 'new code' : 'b', modified: -1 })
    const loadedFiles = new Map([
      [resolve(run.root, 'a.test.ts'), { digest: 'old code', modified: -1 }],
      [resolve(run.root, 'b.test.ts'), { digest: 'b', modified: -1 }],
    ])
    const measuredAgain = measureBaselinesAgain({ ...run, loadedFiles }, passes(() => 1).pass, now)
    expect(benchOf(measuredAgain.tests, 'a.test.ts').result!.attempts).toMatchObject({ processesShort: { asked: 3, problem: expect.stringContaining('its test file changed during the run') } })
    expect(benchOf(measuredAgain.tests, 'a.test.ts').result!.attempts!.processes).toBeUndefined()
    expect(benchOf(measuredAgain.tests, 'b.test.ts').result!.attempts!.processesShort).toBeUndefined()
    // Without the stamps from the load, the same files read as unchanged (what probe 30 #3 found).
    expect(benchOf(measureBaselinesAgain(run, passes(() => 1).pass, now).tests, 'a.test.ts').result!.attempts!.processesShort).toBeUndefined()
  })

  test('each further process is told the lowest readings of the processes before it; a changed test file tells none', () => {
    const p = passes((call) => (call === 1 ? 0.8 : 1))
    const own = measured(1, 1, 1.1, 1.05)
    const run = input(new MemoryStore(), [record('a.test.ts', 'x', own)])
    measureBaselinesAgain(run, p.pass)
    const key = benchKey('a.test.ts', 'a.test.ts > t > x')
    expect([...p.told[0]!.keys()]).toEqual([key])
    expect(p.told[0]!.get(key)).toEqual(lowestReadings(own.attempts!.latency))
    // The first further process read it 0.8x: the second is told its readings.
    expect(p.told[1]!.get(key)!.p95).toBeLessThan(p.told[0]!.get(key)!.p95 * 0.9)
    // Edited after the run started: its readings may be of other code, and nothing is told of it.
    const edited = passes(() => 1)
    measureBaselinesAgain(input(new MemoryStore(), [record('a.test.ts', 'x', own)]), edited.pass, () => ({ digest: 'x', modified: 1 }))
    expect(edited.told.map((t) => t.size)).toEqual([0, 0])
  })

  test('the readings reach a further process through a file; one it cannot read tells nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfspec-fastest-'))
    try {
      const lowest = lowestReadings(measured(1, 1).attempts!.latency)
      writeFastestReadings(join(dir, 'f.json'), new Map([[benchKey('a.test.ts', ID), lowest]]))
      expect(fastestReadingOf(join(dir, 'f.json'), 'a.test.ts', ID)).toEqual(lowest)
      expect(fastestReadingOf(join(dir, 'f.json'), 'b.test.ts', ID)).toBeUndefined()
      writeFileSync(join(dir, 'bad.json'), '{ not json')
      expect(fastestReadingOf(join(dir, 'bad.json'), 'a.test.ts', ID)).toBeUndefined()
      expect(fastestReadingOf(join(dir, 'missing.json'), 'a.test.ts', ID)).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a further process stopped by Ctrl-C stops the run: nothing more is started, and the run is reported as stopped', () => {
    const store = new MemoryStore()
    let calls = 0
    const stopped: BaselinePass = () => {
      calls += 1
      return { ok: false, problem: 'Vitest started again on its tests was stopped by SIGINT', stopped: 'SIGINT' }
    }
    const after = afterFreshProcesses(input(store, [record('a.test.ts', 'x', measured(1, 1))]), undefined, stopped)
    expect(calls).toBe(1)
    expect(after.interrupted).toBe(true)
    expect(endRun(after).report.baselines[0]!.status).not.toBe('written')
    expect(store.writes).toEqual([])
  })
})

describe('the option', () => {
  test('baselineProcesses: 3 by default; 1 to 5; PERFSPEC_BASELINE_PROCESSES wins; anything else names the option or the variable', () => {
    expect(resolvePerfOptions({}).baselineProcesses).toBe(3)
    expect(resolvePerfOptions({ baselineProcesses: 1 }).baselineProcesses).toBe(1)
    for (const bad of [0, 6, 2.5, '3', -1, Number.NaN]) expect(() => resolvePerfOptions({ baselineProcesses: bad as number })).toThrow(/option "baselineProcesses" must be a whole number from 1 to 5/)
    vi.stubEnv('PERFSPEC_BASELINE_PROCESSES', '2')
    expect(resolvePerfOptions({ baselineProcesses: 4 }).baselineProcesses).toBe(2)
    for (const bad of ['0', 'three', '2.5', '9']) {
      vi.stubEnv('PERFSPEC_BASELINE_PROCESSES', bad)
      expect(() => resolvePerfOptions({})).toThrow(/environment variable PERFSPEC_BASELINE_PROCESSES must be a whole number from 1 to 5/)
    }
  })
})

describe("a further process's reading, or why it has none (probe 20 #5)", () => {
  test('a test that failed there before its benchmark ran is said to have failed, in a further process', () => {
    const own = record('a.test.ts', 'x', measured(1, 1))
    const failedEarly: TestRecord = { ...own, state: 'failed', entries: [] }
    expect(freshReadingOf([failedEarly], own, (own.entries[0] as BenchEntry).id, undefined, 'a further process')).toEqual({ problem: 'its test failed in a further process before it was measured, and a failing test is no reference' })
    expect(freshReadingOf([], own, (own.entries[0] as BenchEntry).id, undefined, 'a further process')).toEqual({ problem: 'a further process recorded no result for it (its test did not run there, or did not finish)' })
  })
})
