import { describe, expect, test } from 'vitest'
import { baselineEntryOf } from '../src/compare/baseline-entry.js'
import { baselineVerdict, type BaselineVerdictInput } from '../src/compare/baseline-verdict.js'
import { compareEntries, compareExitCode, compareOutcome } from '../src/compare/compare-entries.js'
import type { BaselineEntry } from '../src/model/baseline.js'
import type { BenchEntry } from '../src/model/entries.js'
import type { Environment } from '../src/model/environment.js'
import { DEFAULT_GATE } from '../src/model/gate.js'
import { briefCheckText, checkText, compareRowText } from '../src/report/verdict-text.js'
import { committedMissingText, deletedDuringRunText } from '../src/report/missing-baseline-text.js'
import { latencies, resultOf } from './support/synthetic-result.js'

// The pure verdict on one benchmark's baseline, for every outcome the end of a run can reach:
// synthetic results, no files, no timing.
const env: Environment = { os: 'Linux 6', arch: 'x64', cpu: 'Test CPU', cores: 2, memory: 4e9, node: 'v20.20.0', ci: false }
const id = 'a.test.ts > t > b'
const benchOf = (values: number[], extra: Partial<BenchEntry> = {}): BenchEntry => ({ kind: 'bench', id, name: 'b', result: resultOf(id, values), ...extra })
const base = latencies(5000, 1)
const previous = baselineEntryOf(resultOf(id, base), env, '2026-11-30T00:00:00.000Z')

function verdict(over: Partial<BaselineVerdictInput>) {
  return baselineVerdict({ bench: benchOf(latencies(5000, 2)), test: { file: 'a.test.ts', line: 3 }, gate: DEFAULT_GATE, update: 'new', environment: env, baselineFile: 'baselines/a.test.ts.json', fileState: 'ok', previous, ...over })
}

describe('the verdict on one baseline', () => {
  test('opted out, or the bench failed: skipped, nothing written', () => {
    const out = verdict({ bench: benchOf(base, { baseline: false }) })
    expect(out).toMatchObject({ check: { status: 'skipped', cause: 'opted-out' }, write: false })
    const failed = verdict({ bench: { kind: 'bench', id, name: 'b', error: 'boom' } })
    expect(failed).toMatchObject({ check: { status: 'skipped', cause: 'bench-failed', detail: 'boom' }, write: false })
    expect(checkText(failed.check)).toBe('not checked: the bench failed (boom)')
  })

  test('a test expected to fail (test.fails, test.failing): skipped in every update mode, passed or failed, nothing written or compared', () => {
    const slower = benchOf(latencies(5000, 2).map((v) => v * 3))
    for (const update of ['new', 'all', 'none'] as const) {
      for (const state of ['passed', 'failed'] as const) {
        for (const known of [previous, undefined]) {
          const out = verdict({ bench: slower, update, test: { file: 'a.test.ts', line: 3, state, expectedToFail: true }, previous: known, fileState: known ? 'ok' : 'missing' })
          expect(out, `${update} ${state} ${known ? 'with' : 'without'} a baseline`).toMatchObject({ check: { status: 'skipped', cause: 'expected-to-fail' }, write: false })
        }
      }
    }
    const out = verdict({ bench: slower, test: { file: 'a.test.ts', expectedToFail: true } })
    expect(out.check.reason).toBeUndefined()
    expect(checkText(out.check)).toBe('no baseline checked or written: its test is expected to fail (test.fails, test.failing), so it passes when its body fails and its measurement is no reference')
    // Its bench failing is said as such.
    expect(verdict({ bench: { kind: 'bench', id, name: 'b', error: 'boom' }, test: { file: 'a.test.ts', expectedToFail: true } }).check).toMatchObject({ status: 'skipped', cause: 'bench-failed' })
  })

  test('no baseline: written locally, reported as new in CI', () => {
    const local = verdict({ previous: undefined, fileState: 'missing' })
    expect(local).toMatchObject({ check: { status: 'written', file: 'a.test.ts', line: 3 }, write: true })
    const ci = verdict({ previous: undefined, fileState: 'missing', update: 'none' })
    expect(ci).toMatchObject({ check: { status: 'new', cause: 'not-in-ci' }, write: false })
    expect(checkText(ci.check)).toContain('not written in CI or under update mode none; run locally or with PERFSPEC_UPDATE=new')
    // Probe 44 #2: a run that did not end whole writes nothing, and says that is why.
    const stopped = verdict({ previous: undefined, fileState: 'missing', update: 'none', incomplete: true })
    expect(stopped).toMatchObject({ check: { status: 'new', cause: 'run-incomplete' }, write: false })
    expect(checkText(stopped.check)).toContain('none written: this run did not end whole')
  })

  test('-u rewrites an existing baseline, and an invalid file too', () => {
    expect(verdict({ update: 'all' })).toMatchObject({ check: { status: 'updated' }, write: true })
    expect(verdict({ update: 'all', fileState: 'invalid', fileProblem: 'is not valid JSON', previous: undefined })).toMatchObject({ check: { status: 'written' }, write: true })
  })

  test('a corrupt file leaves its benchmarks unchecked and is not written without -u', () => {
    const out = verdict({ fileState: 'invalid', fileProblem: 'is not valid JSON: Unexpected token (line 3, column 5)', previous: undefined })
    expect(out).toMatchObject({ check: { status: 'unchecked', cause: 'file-invalid' }, write: false })
    expect(checkText(out.check)).toBe('not checked: baselines/a.test.ts.json is not valid JSON: Unexpected token (line 3, column 5). Fix the file, or delete it and run again to write a new one (or run with -u to rewrite it)')
    expect(briefCheckText(out.check)).toBe('not checked: baselines/a.test.ts.json is invalid')
  })

  test('a file that cannot be read is not said to be invalid', () => {
    const out = verdict({ fileState: 'invalid', fileProblem: 'cannot be read: ENOTDIR: not a directory', previous: undefined })
    expect(briefCheckText(out.check)).toBe('not checked: baselines/a.test.ts.json cannot be read')
  })

  test('probe 73: a baseline deleted during the run, or committed and missing as it started, is said to be missing, not invalid, and not to be fixed', () => {
    for (const problem of [deletedDuringRunText('baselines/a.test.ts.json'), committedMissingText('baselines/a.test.ts.json')]) {
      const out = verdict({ fileState: 'invalid', fileProblem: problem, previous: undefined })
      expect(briefCheckText(out.check)).toBe('not checked: baselines/a.test.ts.json is missing')
      expect(checkText(out.check)).toBe(`not checked: baselines/a.test.ts.json ${problem}`)
    }
  })

  test('a baseline entry without the gated metric is unchecked', () => {
    const plain: BaselineEntry = { bench_id: id, metric: 'latency', unit: 'ms', p50: 1, p95: 2, n: 10, timestamp: 't' }
    const out = verdict({ previous: plain, gate: { ...DEFAULT_GATE, metric: 'p99' } })
    expect(out).toMatchObject({ check: { status: 'unchecked', cause: 'metric-missing', metric: 'p99' }, write: false })
  })

  test('compared: unchanged, regressed, improved and the WARN reasons come back as data', () => {
    expect(verdict({}).check).toMatchObject({ status: 'ok', reason: 'unchanged' })
    const slow = verdict({ bench: benchOf(latencies(5000, 7).map((x) => x * 1.5)) }).check
    expect(slow).toMatchObject({ status: 'regressed', reason: 'beyond-threshold', metric: 'p95', threshold: 0.2 })
    expect(slow.change).toBeGreaterThan(0.4)
    expect(slow.interval![0]).toBeGreaterThan(0.2)
    expect(slow.typicalChange).toBeGreaterThan(0.4)
    expect(slow.message).toBeUndefined()
    expect(checkText(slow)).toMatch(/^regression in "a\.test\.ts > t > b": p95 [\d.]+µs → [\d.]+µs \(\+\d+%, threshold 20%\); 99% interval of the change/)
    expect(verdict({ bench: benchOf(latencies(5000, 13).map((x) => x * 0.7)) }).check).toMatchObject({ status: 'improved', reason: 'faster' })
    expect(verdict({ bench: benchOf(latencies(5000, 12).map((x) => x * 1.15)) }).check).toMatchObject({ status: 'warn', reason: 'warn-band' })
    const few = baselineEntryOf(resultOf(id, latencies(30, 9)), env, 't')
    expect(verdict({ previous: few, bench: benchOf(latencies(30, 9).map((x) => x * 1.25)) }).check).toMatchObject({ status: 'warn', reason: 'within-noise' })
  })

  test("the bench's own gate overrides the global one", () => {
    const out = verdict({ bench: benchOf(latencies(5000, 12).map((x) => x * 1.15), { baseline: { threshold: 0.05 } }) })
    expect(out.check).toMatchObject({ status: 'regressed', threshold: 0.05 })
  })

  test('a baseline from another environment is compared, and the difference is named', () => {
    const other = baselineEntryOf(resultOf(id, base), { ...env, cores: 4, node: 'v22.12.0' }, 't')
    const out = verdict({ previous: other })
    expect(out.check.machine).toEqual({ changes: [{ field: 'cores', before: 4, now: 2 }, { field: 'node', before: 'v22.12.0', now: 'v20.20.0' }], other: true })
  })
})

describe('perfspec compare uses the same judge', () => {
  const entry = (bench_id: string, values: number[]) => baselineEntryOf(resultOf(bench_id, values), env, 't')
  test('new, missing, unchecked and compared rows, with the drift check', () => {
    const before = [entry('a', base), entry('b', base), { bench_id: 'plain', metric: 'latency' as const, unit: 'ms' as const, p50: 1, p95: 2, n: 1, timestamp: 't' }]
    const after = [entry('a', latencies(5000, 7).map((x) => x * 1.5)), entry('c', base), { ...before[2]!, p95: 2.1 }]
    const rows = compareEntries(before, after, DEFAULT_GATE)
    expect(rows.map((r) => `${r.benchId}:${r.status}`)).toEqual(['a:regressed', 'c:new', 'plain:ok', 'b:missing'])
    const p99 = compareEntries(before, after, { ...DEFAULT_GATE, metric: 'p99' })
    expect(p99.find((r) => r.benchId === 'plain')).toMatchObject({ status: 'unchecked', lacking: 'baseline' })
    expect(compareRowText(p99.find((r) => r.benchId === 'plain')!, { metric: 'p99', threshold: 0.2 })).toBe('"plain" not compared: the baseline entry has no "p99"')
  })

  test('a benchmark that failed in the current run is a failed row, with its baseline figure and its error; the outcome fails', () => {
    const before = [entry('a', base), entry('b', base)]
    const rows = compareEntries(before, [entry('a', base)], DEFAULT_GATE, [{ benchId: 'b', error: 'boom' }, { benchId: 'fresh' }])
    expect(rows.map((r) => `${r.benchId}:${r.status}`)).toEqual(['a:ok', 'b:failed', 'fresh:failed'])
    expect(rows[1]).toMatchObject({ error: 'boom', baseline: before[1]!.p95 })
    expect(compareOutcome(rows)).toBe('failed')
    expect(compareExitCode(compareOutcome(rows))).toBe(1)
    // Only failures, nothing compared: still a failure, not "nothing compared".
    expect(compareOutcome(compareEntries([], [], DEFAULT_GATE, [{ benchId: 'x' }]))).toBe('failed')
    // Missing alone fails nothing.
    expect(compareOutcome(compareEntries(before, [entry('a', base)], DEFAULT_GATE))).toBe('passed')
  })

  test('when every benchmark slowed together, the machine did: WARN with the drift', () => {
    const slow = (seed: number) => latencies(5000, seed).map((x) => x * 1.6)
    const rows = compareEntries(['a', 'b', 'c'].map((n) => entry(n, base)), ['a', 'b', 'c'].map((n, i) => entry(n, slow(30 + i))), DEFAULT_GATE)
    expect(rows.map((r) => r.status)).toEqual(['warn', 'warn', 'warn'])
    expect(rows[0]).toMatchObject({ reason: 'machine-slower' })
    expect(rows[0]!.drift).toBeGreaterThan(0.5)
    expect(compareRowText(rows[0]!, DEFAULT_GATE)).toMatch(/Not failed: the typical call of most benchmarks in this run is \+\d+% slower/)
  })
})
