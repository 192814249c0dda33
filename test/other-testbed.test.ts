import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { baselineEntryOf } from '../src/compare/baseline-entry.js'
import { compareEntries } from '../src/compare/compare-entries.js'
import { DEFAULT_GATE } from '../src/model/gate.js'
import type { BaselineFile } from '../src/model/baseline.js'
import type { TestRecord } from '../src/model/run-report.js'
import { SPEED_REFERENCE_VERSION } from '../src/measure/speed-reference.js'
import { briefCheckText, checkSentence, notGatedTexts } from '../src/report/verdict-text.js'
import { committedLostText } from '../src/report/missing-baseline-text.js'
import { resolvePerfOptions, type PerfOptions } from '../src/run/options.js'
import { endRun, type SessionInput } from '../src/run/session.js'
import { otherTestbedEntries } from '../src/run/testbeds.js'
import { MemoryStore } from './support/memory-store.js'
import { latencies, resultOf } from './support/synthetic-result.js'

// A run whose own testbed has no baseline for a benchmark that another testbed of its file has:
// compared with that one and said, never gated, never written over. Synthetic results, no timing.
beforeEach(() => {
  vi.stubEnv('PERFSPEC_BASELINE_PROCESSES', '')
  vi.stubEnv('PERFSPEC_TESTBED', '')
})
afterEach(() => vi.unstubAllEnvs())

const FILE = 'a.test.ts'
const idOf = (name: string) => `${FILE} > t > ${name}`
const environment = { os: 'linux', arch: 'x64', cpu: 'cpu', cores: 2, memory: 2 ** 33, node: '20.0.0', runner: 'vitest 4', ci: false }
const entryOf = (name: string, seed: number) => baselineEntryOf(resultOf(idOf(name), latencies(3000, seed)), environment, '2026-12-01T00:00:00.000Z')
const record = (name: string, factor: number, seed = 7): TestRecord => ({ file: FILE, line: 4, test: 't', state: 'passed', entries: [{ kind: 'bench', id: idOf(name), name, result: resultOf(idOf(name), latencies(3000, seed).map((v) => v * factor)) }] })

function run(store: MemoryStore, tests: TestRecord[], options: PerfOptions, over: Partial<SessionInput> = {}) {
  const input: SessionInput = { tests, root: '/project', runner: { name: 'vitest', version: '4' }, startedAt: 0, options: resolvePerfOptions({ baselineProcesses: 1, ...options }), runnerUpdate: undefined, runnerCi: true, store, now: () => 1000, speed: () => ({ ns: 100, version: SPEED_REFERENCE_VERSION }), ...over }
  return endRun(input)
}

function storeWith(file: BaselineFile): MemoryStore {
  const store = new MemoryStore()
  store.files.set(FILE, { status: 'ok', data: structuredClone(file) })
  return store
}

describe("another testbed's baselines", () => {
  const reference: BaselineFile = { perfspec: 1, file: FILE, benchmarks: [], testbeds: [{ name: 'reference', benchmarks: [entryOf('x', 1), entryOf('y', 2)] }] }

  test('a run naming no testbed, in CI: compared with the reference testbed, a 3x slowdown a WARN (other-testbed), not failed, nothing written; the run says why and how to gate', () => {
    const store = storeWith(reference)
    const decided = run(store, [record('x', 3), record('y', 1)], {})
    const [x, y] = decided.report.baselines
    expect(x).toMatchObject({ status: 'warn', reason: 'other-testbed', gated: false, otherTestbed: 'reference' })
    expect(y).toMatchObject({ gated: false, otherTestbed: 'reference' })
    expect(['ok', 'improved', 'warn']).toContain(y!.status)
    expect(decided.failed).toBe(false)
    expect(store.writes).toEqual([])
    // crossMachine gates other machines' baselines, never another testbed's.
    expect(run(storeWith(reference), [record('x', 3)], { crossMachine: true }).report.baselines[0]).toMatchObject({ status: 'warn', reason: 'other-testbed' })
    expect(checkSentence(x!)).toMatch(/^"a\.test\.ts > t > x": p95 .* → .*: baseline of testbed "reference", as this run's testbed has none: compared, not gated; to gate here, write this run's own baselines with -u, or run as testbed "reference" \(PERFSPEC_TESTBED=reference\) on its machine class$/)
    expect(notGatedTexts(decided.report.baselines)).toEqual([
      `2 of 2 benchmarks have no baseline of this run's testbed, only baselines of testbed "reference": compared, not gated; to gate here, write this run's own baselines with -u, or run as testbed "reference" (PERFSPEC_TESTBED=reference) on its machine class`,
    ])
  })

  test('the same run as that testbed: gated against it, so the 3x slowdown fails (crossMachine: this machine is not the synthetic one)', () => {
    const decided = run(storeWith(reference), [record('x', 3), record('y', 1)], { testbed: 'reference', crossMachine: true })
    expect(decided.report.baselines[0]).toMatchObject({ status: 'regressed', reason: 'beyond-threshold' })
    expect(decided.report.baselines[0]!.otherTestbed).toBeUndefined()
    expect(decided.failed).toBe(true)
  })

  test("locally (update new) the run's own baseline is written beside the other testbed's, which is kept as it was", () => {
    const store = storeWith(reference)
    const decided = run(store, [record('x', 3)], {}, { runnerCi: false })
    expect(decided.report.baselines[0]).toMatchObject({ status: 'written' })
    const read = store.read(FILE)
    expect(read.status === 'ok' && read.data.benchmarks.map((e) => e.bench_id)).toEqual([idOf('x')])
    expect(read.status === 'ok' && read.data.testbeds).toEqual(reference.testbeds)
  })

  test('a run naming a testbed whose file has only the unnamed baselines: compared with those, said as such', () => {
    const decided = run(storeWith({ perfspec: 1, file: FILE, benchmarks: [entryOf('x', 1)] }), [record('x', 3)], { testbed: 'ci' })
    const check = decided.report.baselines[0]!
    expect(check).toMatchObject({ status: 'warn', reason: 'other-testbed', otherTestbed: null })
    expect(decided.failed).toBe(false)
    expect(checkSentence(check)).toContain('baseline written without a testbed name, as this run\'s testbed has none: compared, not gated; to gate here, write this run\'s own baselines with -u')
  })

  test("benchmarks compared with another testbed's baselines say nothing of this run's drift: they cannot turn a regression against the run's own into a WARN (probe 21 #1)", () => {
    const file: BaselineFile = { perfspec: 1, file: FILE, benchmarks: [], testbeds: [{ name: 'ci', benchmarks: [entryOf('own', 1)] }, { name: 'dev', benchmarks: [entryOf('o1', 2), entryOf('o2', 3), entryOf('o3', 4)] }] }
    // crossMachine: the synthetic entries' machine is not this one; it gates the run's own testbed only.
    const decided = run(storeWith(file), [record('own', 2.5), record('o1', 4, 2), record('o2', 4, 3), record('o3', 4, 4)], { testbed: 'ci', crossMachine: true })
    expect(decided.report.baselines.map((c) => [c.benchId.split(' > ').at(-1), c.status, c.reason])).toEqual([
      ['own', 'regressed', 'beyond-threshold'],
      ['o1', 'warn', 'other-testbed'],
      ['o2', 'warn', 'other-testbed'],
      ['o3', 'warn', 'other-testbed'],
    ])
    expect(decided.failed).toBe(true)
  })

  test('perfspec compare: baselines from another machine, compared and not gated, leave the drift out too (probe 21 #1, its variant)', () => {
    const other = { ...environment, cores: 4 }
    const before = [entryOf('own', 1), ...['o1', 'o2', 'o3'].map((n, i) => baselineEntryOf(resultOf(idOf(n), latencies(3000, i + 2)), other, '2026-12-01T00:00:00.000Z'))]
    const now = [['own', 2.5], ['o1', 4], ['o2', 4], ['o3', 4]].map(([n, f], i) => baselineEntryOf(resultOf(idOf(n as string), latencies(3000, 20 + i).map((v) => v * (f as number))), environment, '2026-12-04T00:00:00.000Z'))
    const rows = compareEntries(before, now, DEFAULT_GATE)
    expect(rows.map((r) => [r.benchId.split(' > ').at(-1), r.status, r.reason])).toEqual([
      ['own', 'regressed', 'beyond-threshold'],
      ['o1', 'warn', 'other-machine'],
      ['o2', 'warn', 'other-machine'],
      ['o3', 'warn', 'other-machine'],
    ])
  })

  test("-u of one testbed leaves a file that is invalid but holds other testbeds' baselines as it is, says why, and fails (probe 21 #2)", () => {
    const store = new MemoryStore()
    store.files.set(FILE, { status: 'invalid', problem: 'does not match the baseline schema: testbeds[0].benchmarks[0].timestamp must match format "date-time"', holds: { unnamed: false, testbeds: ['ci-linux', 'mac-m3'] } })
    const decided = run(store, [record('x', 1)], { testbed: 'ci-linux' }, { runnerUpdate: 'all', runnerCi: false })
    expect(store.writes).toEqual([])
    expect(decided.report.baselines[0]).toMatchObject({ status: 'unchecked', cause: 'not-written' })
    expect(checkSentence(decided.report.baselines[0]!)).toContain('was left as it is: it holds the baselines of testbed "mac-m3", which rewriting it from this run would lose; fix the file')
    // The console's short line names the file too (probe 22 #6).
    expect(briefCheckText(decided.report.baselines[0]!)).toMatch(/^baseline not written: baselines\/a\.test\.ts\.json \(does not match the baseline schema/)
    expect(decided.failed).toBe(true)
    // One whose testbeds cannot be read (not valid JSON, or not a list): left as it is too (probe 22 #3).
    const unreadable = new MemoryStore()
    unreadable.files.set(FILE, { status: 'invalid', problem: 'is not valid JSON: …', holds: { unnamed: false, testbeds: [], unknown: true } })
    const left = run(unreadable, [record('x', 1)], { testbed: 'ci-linux' }, { runnerUpdate: 'all', runnerCi: false })
    expect(unreadable.writes).toEqual([])
    expect(checkSentence(left.report.baselines[0]!)).toContain('was left as it is: it holds the baselines of testbeds whose names it cannot show, which rewriting it from this run would lose; fix the file')
    // A file of this testbed alone is rewritten whole by -u, as before.
    const alone = new MemoryStore()
    alone.files.set(FILE, { status: 'invalid', problem: 'does not match the baseline schema: …', holds: { unnamed: false, testbeds: ['ci-linux'] } })
    expect(run(alone, [record('x', 1)], { testbed: 'ci-linux' }, { runnerUpdate: 'all', runnerCi: false }).report.baselines[0]).toMatchObject({ status: 'written' })
    expect(alone.writes).toEqual([FILE])
  })

  test('benchmarks compared with several other testbeds: one line names them all once, and how to gate (probe 21 #6)', () => {
    const file: BaselineFile = { perfspec: 1, file: FILE, benchmarks: [], testbeds: [{ name: 'a', benchmarks: [entryOf('x', 1)] }, { name: 'b', benchmarks: [entryOf('y', 2)] }] }
    const decided = run(storeWith(file), [record('x', 1), record('y', 1)], {})
    expect(notGatedTexts(decided.report.baselines)).toEqual([
      `2 of 2 benchmarks have no baseline of this run's testbed, only baselines of testbeds "a", "b": compared, not gated; to gate here, write this run's own baselines with -u, or run as one of those testbeds (PERFSPEC_TESTBED) on its machine class`,
    ])
  })

  test("the run's own testbed wins where it has the benchmark; the unnamed, then the first named, stand in where it does not", () => {
    const file: BaselineFile = { perfspec: 1, file: FILE, benchmarks: [entryOf('x', 1)], testbeds: [{ name: 'a', benchmarks: [entryOf('x', 2), entryOf('y', 3)] }, { name: 'b', benchmarks: [entryOf('y', 4), entryOf('z', 5)] }] }
    const byId = (m: ReturnType<typeof otherTestbedEntries>) => Object.fromEntries([...m].map(([id, o]) => [id.split(' > ').at(-1), o.name]))
    expect(byId(otherTestbedEntries(file, undefined))).toEqual({ y: 'a', z: 'b' })
    expect(byId(otherTestbedEntries(file, 'a'))).toEqual({ z: 'b' })
    expect(byId(otherTestbedEntries(file, 'b'))).toEqual({ x: null })
    expect(byId(otherTestbedEntries(file, 'c'))).toEqual({ x: null, y: 'a', z: 'b' })
  })
})

describe('probe 80 #1, probe 81: baselines committed but lost before the run (told by the store under CI)', () => {
  test('a benchmark of the run whose baseline was lost is not new: unchecked, saying why, and the CI run fails; one an earlier -u dropped (not run) is not judged; -u writes anew; a testbed\'s lost baseline counts for that testbed only', () => {
    const problem = committedLostText('baselines/a.test.ts.json', [{ id: idOf('x') }])
    const lostRead = (testbed?: string) => {
      const store = new MemoryStore()
      store.files.set(FILE, { status: 'ok', data: { perfspec: 1, file: FILE, benchmarks: [entryOf('y', 2)] }, lost: { entries: [{ id: idOf('x'), ...(testbed !== undefined && { testbed }) }, { id: idOf('gone') }], problem } })
      return store
    }
    const decided = run(lostRead(), [record('x', 6), record('y', 1)], {})
    const [x, y] = decided.report.baselines
    expect(x).toMatchObject({ status: 'unchecked', cause: 'file-invalid', detail: problem })
    expect(y!.status).not.toBe('unchecked')
    expect(decided.failed).toBe(true)
    // Probe 82 #2: the console row says what it is, and the sentence keeps its own advice only (deleting the file would lose the committed baselines).
    expect(briefCheckText(x!)).toBe('not checked: baselines/a.test.ts.json lacks baselines git has (restore it: git checkout)')
    expect(checkSentence(x!)).not.toMatch(/delete it/)
    // -u writes it anew.
    const store = lostRead()
    expect(run(store, [record('x', 6), record('y', 1)], {}, { runnerUpdate: 'all' }).report.baselines[0]!.status).toBe('written')
    // Lost under testbed "ci": the unnamed testbed's run takes x for new, a run as "ci" does not.
    expect(run(lostRead('ci'), [record('x', 6)], {}).report.baselines[0]!.status).not.toBe('unchecked')
    expect(run(lostRead('ci'), [record('x', 6)], { testbed: 'ci' }).report.baselines[0]).toMatchObject({ status: 'unchecked', detail: problem })
  })
})
