import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { baselineVerdict } from '../src/compare/baseline-verdict.js'
import { compareEntries, compareOutcome } from '../src/compare/compare-entries.js'
import type { Environment } from '../src/model/environment.js'
import { DEFAULT_GATE, type GateOverride } from '../src/model/gate.js'
import type { RecordEntry } from '../src/model/entries.js'
import type { BenchResult } from '../src/model/bench-result.js'
import type { RunReport, TestRecord } from '../src/model/run-report.js'
import { readResultsFile } from '../src/run/results-file.js'
import { perfspec } from './helpers/run-cli.js'
import { reportOfTests } from './support/report-of-tests.js'
import { latencies, resultOf } from './support/synthetic-result.js'

// `perfspec compare` of two run reports follows what each report decided of each benchmark, as
// the reporter did: opted out or expected to fail → listed, not gated; its own gate → judged by it.

const dir = mkdtempSync(join(tmpdir(), 'perfspec-own-gates-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const FILE = 't7/cli.test.ts'

/** A run report of the probe's file: every bench `median` ms per call (the thrower throws), plus `extra` tests. */
function runReport(median: number, extra: TestRecord[] = []): RunReport {
  const bench = (test: string, name: string, baseline?: false | GateOverride): RecordEntry => {
    const id = `${FILE} > ${test} > ${name}`
    return { kind: 'bench', id, name, result: resultOf(id, latencies(400, name.length, median, 0.05)), ...(baseline !== undefined && { baseline }) }
  }
  const tests: TestRecord[] = [
    { file: FILE, line: 5, test: 'opted out', state: 'passed', entries: [bench('opted out', 'noisy', false)] },
    { file: FILE, line: 6, test: 'loose', state: 'passed', entries: [bench('loose', 'loose', { threshold: 4 })] },
    { file: FILE, line: 7, test: 'xf', state: 'passed', expectedToFail: true, entries: [{ kind: 'bench', id: `${FILE} > xf > thrower`, name: 'thrower', error: 'Error: expected' }] },
    { file: FILE, line: 8, test: 'caught', state: 'passed', entries: [{ kind: 'bench', id: `${FILE} > caught > caught`, name: 'caught', error: 'Error: the test caught this' }] },
    ...extra,
  ]
  return reportOfTests(tests)
}

function written(name: string, report: RunReport): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(report))
  return path
}

describe("perfspec compare of two run reports follows each benchmark's own decisions", () => {
  const a = written('a.json', runReport(1))
  const b = written('b.json', runReport(3))

  test('opted out, expected to fail, caught: listed as not gated; its own threshold: judged by it; exit 0 as the reporter said', () => {
    const r = perfspec(['compare', a, b])
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^${FILE} > opted out > noisy\\s+\\S+\\s+\\S+\\s+\\+\\d+%\\s+not gated$`, 'm'))
    expect(r.stdout).toMatch(new RegExp(`^${FILE} > xf > thrower\\s+—\\s+—\\s+—\\s+not gated$`, 'm'))
    expect(r.stdout).toContain(`i "${FILE} > opted out > noisy" not gated: it opts out of baselines (baseline: false)`)
    expect(r.stdout).toContain(`i "${FILE} > xf > thrower" not gated: its test is expected to fail (test.fails, test.failing), and it failed as expected: Error: expected`)
    expect(r.stdout).toContain(`i "${FILE} > caught > caught" not gated: it failed in a test that caught the failure: Error: the test caught this`)
    expect(r.stdout).toMatch(new RegExp(`^${FILE} > loose > loose\\s+.*\\s(WARN|ok)$`, 'm'))
    expect(r.stdout).toContain(`benchmark is gated by its own metric or threshold, as its run report says ("${FILE} > loose > loose": p95 400%)`)
    expect(r.stdout).not.toContain('REGRESSED')
    expect(r.stdout).not.toContain('FAILED')
    expect(r.stdout).toMatch(/^WARN: .*3 not gated/m)
  })

  test('probe 78 #1: reports of a run gated at 100 % or more (stored as the fraction 5) are compared by that gate, not refused as ambiguous', () => {
    const loose = (median: number) => {
      const report = runReport(median)
      return { ...report, gate: { ...DEFAULT_GATE, threshold: 5 } }
    }
    const r = perfspec(['compare', written('a500.json', loose(1)), written('b500.json', loose(3))])
    expect(r.stderr).not.toContain('ambiguous')
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).not.toContain('REGRESSED')
  })

  test('an ordinary benchmark of the same reports is still gated at the command threshold, and one that failed in a failed test fails', () => {
    const ordinary = (median: number, error?: string): TestRecord => {
      const id = `${FILE} > ordinary > plain`
      return { file: FILE, line: 9, test: 'ordinary', state: error ? 'failed' : 'passed', entries: [error ? { kind: 'bench', id, name: 'plain', error } : { kind: 'bench', id, name: 'plain', result: resultOf(id, latencies(400, 5, median, 0.05)) }] }
    }
    const before = written('a2.json', runReport(1, [ordinary(1)]))
    const slower = perfspec(['compare', before, written('b2.json', runReport(3, [ordinary(3)]))])
    expect(slower.status).toBe(1)
    expect(slower.stdout).toMatch(new RegExp(`^${FILE} > ordinary > plain\\s+.*REGRESSED$`, 'm'))
    const failed = perfspec(['compare', before, written('b3.json', runReport(1, [ordinary(1, 'Error: boom')]))])
    expect(failed.status).toBe(1)
    expect(failed.stdout).toMatch(new RegExp(`^${FILE} > ordinary > plain\\s+.*FAILED$`, 'm'))
  })

  test('a regression the run measured while other processes kept the machine busy, or only while its host ran slow, is the WARN the reporter made it, not a failure (probe 17 #1)', () => {
    const plain = (median: number, measured: Partial<BenchResult> = {}): TestRecord => {
      const id = `${FILE} > ordinary > plain`
      return { file: FILE, line: 9, test: 'ordinary', state: 'passed', entries: [{ kind: 'bench', id, name: 'plain', result: { ...resultOf(id, latencies(400, 5, median, 0.05)), ...measured } }] }
    }
    const before = written('a4.json', runReport(1, [plain(1)]))
    const busy = perfspec(['compare', before, written('b4.json', runReport(3, [plain(1.5, { host: { otherCores: 0.8 } })]))])
    expect(busy.status, busy.stdout).toBe(0)
    expect(busy.stdout).toMatch(new RegExp(`^${FILE} > ordinary > plain\\s+.*WARN$`, 'm'))
    expect(busy.stdout).toMatch(/other processes kept 0\.8 cores of this machine busy, which can explain up to \+260%: compared, not gated/)
    const latency = latencies(400, 5, 1.5, 0.05)
    const stats = resultOf('x', latency).latency
    const three = [stats, stats, stats].map((l) => ({ p50: l.p50, mean: l.mean, p75: l.p75, p90: l.p90, p95: l.p95, p99: l.p99, max: l.max }))
    const slowHost = { attempts: { purpose: 'confirm' as const, latency: three, changes: [0.5, 0.5, 0.5], regressed: 3, kept: 0, host: [1.6, 1.7, 1.5] } }
    const slow = perfspec(['compare', before, written('b5.json', runReport(3, [plain(1.5, slowHost)]))])
    expect(slow.status, slow.stdout).toBe(0)
    expect(slow.stdout).toMatch(new RegExp(`^${FILE} > ordinary > plain\\s+.*WARN$`, 'm'))
    // At full speed once: no excuse, as in the run.
    const once = perfspec(['compare', before, written('b6.json', runReport(3, [plain(1.5, { attempts: { ...slowHost.attempts, host: [1.6, 1.0, 1.5] } })]))])
    expect(once.status, once.stdout).toBe(1)
    expect(readResultsFile(join(dir, 'b4.json')).gates.find((g) => g.benchId.endsWith('plain'))).toMatchObject({ otherCores: 0.8 })
  })

  test("a confirmation's outcome (not confirmed, a slow host, confirmed) is the reporter's in compare: one rule decides both (probe 18 #5)", () => {
    const id = `${FILE} > ordinary > plain`
    const plain = (median: number, measured: Partial<BenchResult> = {}): TestRecord => ({ file: FILE, line: 9, test: 'ordinary', state: 'passed', entries: [{ kind: 'bench', id, name: 'plain', result: { ...resultOf(id, latencies(400, 5, median, 0.05)), ...measured } }] })
    const before = written('a7.json', runReport(1, [plain(1)]))
    const previous = readResultsFile(before).entries.find((e) => e.bench_id === id)!
    const stats = (median: number) => {
      const l = resultOf('x', latencies(400, 5, median, 0.05)).latency
      return { p50: l.p50, mean: l.mean, p75: l.p75, p90: l.p90, p95: l.p95, p99: l.p99, max: l.max }
    }
    const confirm = (changes: number[], host?: number[]) => ({ attempts: { purpose: 'confirm' as const, latency: changes.map((c) => stats(1 + c)), changes, regressed: changes.filter((c) => c > 0.2).length, kept: changes.length - 1, ...(host && { host }) } })
    const cases = [
      { name: 'not confirmed', kept: 1.08, measured: confirm([0.5, 0.45, 0.08]), status: 'warn', reason: 'not-confirmed', exit: 0 },
      { name: 'slow host', kept: 1.5, measured: confirm([0.5, 0.5, 0.5], [1.6, 1.7, 1.5]), status: 'warn', reason: 'slow-host', exit: 0 },
      { name: 'confirmed', kept: 1.5, measured: confirm([0.5, 0.5, 0.5], [1.6, 1.0, 1.5]), status: 'regressed', reason: 'beyond-threshold', exit: 1 },
    ]
    for (const c of cases) {
      const report = runReport(3, [plain(c.kept, c.measured)])
      const bench = report.tests.at(-1)!.entries[0]!
      if (bench.kind !== 'bench') throw new Error('a bench entry')
      const reporter = baselineVerdict({ bench, test: { file: FILE }, gate: DEFAULT_GATE, update: 'none', environment: report.environment as Environment, baselineFile: 'baselines/x.json', fileState: 'ok', previous }).check
      const after = written(`b7-${c.exit}-${c.reason}.json`, report)
      const file = readResultsFile(after)
      const row = compareEntries([previous], file.entries.filter((e) => e.bench_id === id), DEFAULT_GATE, [], file.gates).find((r) => r.benchId === id)!
      expect({ case: c.name, status: reporter.status, reason: reporter.reason }).toEqual({ case: c.name, status: c.status, reason: c.reason })
      expect({ case: c.name, status: row.status, reason: row.reason, confirmation: row.confirmation }).toEqual({ case: c.name, status: reporter.status, reason: reporter.reason, confirmation: reporter.confirmation })
      const cli = perfspec(['compare', before, after])
      expect(cli.status, cli.stdout).toBe(c.exit)
    }
    const shown = perfspec(['compare', before, join(dir, 'b7-0-not-confirmed.json')]).stdout
    expect(shown).toMatch(/not confirmed \(2 of 3 measurements beyond the threshold: \+50%, \+45%, \+8(\.0)?%\)/)
  })

  test("under another gate than the run's, compare reads each measurement of a confirmation again at that gate, says so, and never claims the run's readings for it (probe 25 #1)", () => {
    const id = `${FILE} > ordinary > plain`
    const plain = (median: number, measured: Partial<BenchResult> = {}): TestRecord => ({ file: FILE, line: 9, test: 'ordinary', state: 'passed', entries: [{ kind: 'bench', id, name: 'plain', result: { ...resultOf(id, latencies(400, 5, median, 0.05)), ...measured } }] })
    const before = written('a12.json', { ...runReport(1, [plain(1)]), gate: DEFAULT_GATE })
    const base = readResultsFile(before).entries.find((e) => e.bench_id === id)!
    // Each measurement's recorded figures: p50 and p95 as changes over the baseline's.
    const at = (p50: number, p95: number) => ({ p50: base.p50! * (1 + p50), mean: base.p50! * (1 + p50), p75: base.p50! * (1 + p50), p90: base.p95! * (1 + p95), p95: base.p95! * (1 + p95), p99: base.p95! * (1 + p95), max: base.p95! * (1 + p95) })
    const confirmed = (readings: Array<[number, number]>, regressed: number) => ({ attempts: { purpose: 'confirm' as const, latency: readings.map(([a, b]) => at(a, b)), changes: readings.map(([, b]) => b), regressed, kept: 0 } })
    // The run confirmed at p95 (its readings +53 %, +45 %, +46 %), each measurement's p50 +50 % or more.
    const run = written('b12.json', { ...runReport(1.5, [plain(1.5, confirmed([[0.51, 0.53], [0.5, 0.45], [0.52, 0.46]], 3))]), gate: DEFAULT_GATE })
    const own = perfspec(['compare', before, run])
    expect(own.stdout).toContain('confirmed by 3 of 3 measurements: +53%, +45%, +46%')
    const p50 = perfspec(['compare', before, run, '--metric', 'p50', '--threshold', '45%'])
    expect(p50.status, p50.stdout).toBe(1)
    expect(p50.stdout).toContain("confirmed by 3 of 3 measurements (read again from each one's recorded p50, at this gate and against this baseline: the run read them at its own): +51%, +50%, +52%")
    expect(p50.stdout).not.toContain('typical and fastest calls')
    // A measurement whose p50 lies within the asked threshold: not confirmed there, though the run's gate confirmed it.
    const mixed = written('b12-mixed.json', { ...runReport(1.5, [plain(1.5, confirmed([[0.51, 0.53], [0.3, 0.45], [0.52, 0.46]], 3))]), gate: DEFAULT_GATE })
    const strict = perfspec(['compare', before, mixed, '--metric', 'p50', '--threshold', '40%'])
    expect(strict.status, strict.stdout).toBe(0)
    // A looser gate that no measurement exceeds: nothing read as a regression there, so no WARN (probe 26 #3).
    const loose = perfspec(['compare', before, run, '--metric', 'p50', '--threshold', '101%'])
    expect(loose.status, loose.stdout).toBe(0)
    expect(loose.stdout).not.toContain('not confirmed')
    expect(loose.stdout).toContain(`"${id}" is slower, within the threshold: p50`)
    // Against another baseline than the run's, its readings are read again against that one (probe 26 #2).
    const slower = written('a12-slower.json', { ...runReport(1.2, [plain(1.2)]), gate: DEFAULT_GATE })
    const other = perfspec(['compare', slower, run])
    expect(other.stdout).toContain("(read again from each one's recorded p95, at this gate and against this baseline: the run read them at its own)")
    expect(other.stdout).not.toContain('+53%, +45%, +46%')
    expect(strict.stdout).toContain("not confirmed (2 of 3 measurements beyond the threshold (read again from each one's recorded p50, at this gate and against this baseline: the run read them at its own): +51%, +30%, +52%); the result kept is the run's")
  })

  test("compare of one baseline file against a whole run's report reads the run-wide drift from the whole run, as the reporter did (probe 19 #1)", () => {
    // Three benchmarks of file a 1.6x slower, five of file b unchanged: no run-wide drift.
    const A = 't7/a.test.ts'
    const B = 't7/b.test.ts'
    const test = (file: string, name: string, median: number): TestRecord => {
      const id = `${file} > t > ${name}`
      return { file, line: 3, test: 't', state: 'passed', entries: [{ kind: 'bench', id, name, result: resultOf(id, latencies(400, name.length + 11, median, 0.05)) }] }
    }
    const names = { a: ['a1', 'a2', 'a3'], b: ['b1', 'b2', 'b3', 'b4', 'b5'] }
    const before = reportOfTests([...names.a.map((n) => test(A, n, 1)), ...names.b.map((n) => test(B, n, 1))])
    const previous = readResultsFile(written('a8.json', before)).entries
    const tests = [...names.a.map((n) => test(A, n, 1.6)), ...names.b.map((n) => test(B, n, 1))]
    const check = (file: string, name: string, typicalChange: number) => ({ benchId: `${file} > t > ${name}`, file, status: (typicalChange > 0.2 ? 'regressed' : 'ok') as 'regressed' | 'ok', metric: 'p95' as const, threshold: 0.2, baselineFile: `baselines/${file}.json`, typicalChange })
    const after = written('b8.json', reportOfTests(tests, [...names.a.map((n) => check(A, n, 0.6)), ...names.b.map((n) => check(B, n, 0))]))
    const current = readResultsFile(after)
    const onlyA = previous.filter((e) => e.bench_id.startsWith(A))
    const rows = compareEntries(onlyA, current.entries, DEFAULT_GATE, current.failed, current.gates)
    expect(rows.filter((r) => r.benchId.startsWith(A)).map((r) => [r.status, r.reason])).toEqual(names.a.map(() => ['regressed', 'beyond-threshold']))
    // Without the run's own readings (a plain file of the same figures), the three are all there is.
    const alone = compareEntries(onlyA, current.entries, DEFAULT_GATE, current.failed, [])
    expect(alone.filter((r) => r.benchId.startsWith(A)).map((r) => r.reason)).toEqual(names.a.map(() => 'machine-slower'))
    writeFileSync(join(dir, 'a8-only.json'), JSON.stringify(onlyA))
    const cli = perfspec(['compare', join(dir, 'a8-only.json'), after])
    expect(cli.status, cli.stdout).toBe(1)
  })

  test('a run that gated a baseline from another machine (crossMachine: true) is followed by compare, and --cross-machine asks for it (probe 19 #2)', () => {
    const id = `${FILE} > ordinary > plain`
    const plain = (median: number): TestRecord => ({ file: FILE, line: 9, test: 'ordinary', state: 'passed', entries: [{ kind: 'bench', id, name: 'plain', result: resultOf(id, latencies(400, 5, median, 0.05)) }] })
    const laptop = readResultsFile(written('a9.json', runReport(1, [plain(1)]))).entries.map((e) => ({ ...e, environment: { ...e.environment!, cpu: 'a laptop CPU' } }))
    writeFileSync(join(dir, 'a9-laptop.json'), JSON.stringify(laptop))
    const check = { benchId: id, file: FILE, status: 'regressed' as const, reason: 'beyond-threshold' as const, metric: 'p95' as const, threshold: 0.2, baselineFile: 'baselines/x.json', machine: { other: true, changes: [] } }
    const gatedRun = written('b9.json', reportOfTests(runReport(1.6, [plain(1.6)]).tests, [check as never]))
    const followed = perfspec(['compare', join(dir, 'a9-laptop.json'), gatedRun])
    expect(followed.status, followed.stdout).toBe(1)
    expect(followed.stdout).toMatch(new RegExp(`^${FILE} > ordinary > plain\\s+.*REGRESSED$`, 'm'))
    // A run that did not ask: compared, not gated; unless compare is asked.
    const plainRun = written('b9-plain.json', runReport(1.6, [plain(1.6)]))
    expect(perfspec(['compare', join(dir, 'a9-laptop.json'), plainRun]).status).toBe(0)
    const asked = perfspec(['compare', '--cross-machine', join(dir, 'a9-laptop.json'), plainRun])
    expect(asked.status, asked.stdout).toBe(1)
  })

  test("without a gate flag, a run report is compared by the gate its run had; a flag chooses another (probe 19 #4)", () => {
    const id = `${FILE} > ordinary > plain`
    const plain = (median: number): TestRecord => ({ file: FILE, line: 9, test: 'ordinary', state: 'passed', entries: [{ kind: 'bench', id, name: 'plain', result: resultOf(id, latencies(400, 5, median, 0.05)) }] })
    const before = written('a10.json', runReport(1, [plain(1)]))
    const loose = written('b10.json', { ...runReport(1.3, [plain(1.3)]), gate: { metric: 'p95', threshold: 0.5, warn: 0.25 } })
    const own = perfspec(['compare', before, loose])
    expect(own.status, own.stdout).toBe(0)
    expect(own.stdout).toContain("(gate: p95 more than 50% above the baseline, the run's own, from its report; --threshold, --warn or --metric to choose another)")
    const strict = perfspec(['compare', before, loose, '--threshold', '20%'])
    expect(strict.status, strict.stdout).toBe(1)
    expect(strict.stdout).toContain('(gate: p95 more than 20% above the baseline)')
    // Two reports of runs gated differently, no flag: refused, naming each report's gate (probe 22 #2); a flag decides.
    const other = written('b10-other.json', { ...runReport(1.3, []), tests: [], gate: { metric: 'p95', threshold: 0.3, warn: 0.15 } })
    const mixed = perfspec(['compare', before, loose, other])
    expect(mixed.status).toBe(2)
    expect(mixed.stderr).toContain(`the current run reports were gated differently (${loose}: p95 50% (warn 25%), ${other}: p95 30% (warn 15%)): give the gate to compare them all by with --threshold, --warn and --metric`)
    expect(perfspec(['compare', before, loose, other, '--threshold', '20%']).stdout).toContain('(gate: p95 more than 20% above the baseline)')
    // A hand-edited gate the plugin would refuse is refused naming the report's field, not flags never given (probe 20 #6).
    const bad = written('b10-bad.json', { ...runReport(1.3, [plain(1.3)]), gate: { metric: 'p95', threshold: 0.2, warn: 0.5 } })
    const refused = perfspec(['compare', before, bad])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain(`${bad}'s "gate.warn"`)
    expect(refused.stderr).not.toContain('--warn 0.5')
  })

  test("without --testbed or PERFSPEC_TESTBED, a run report's own testbed picks the baseline entries; --testbed another (probe 20 #2)", () => {
    const id = `${FILE} > ordinary > plain`
    const plain = (median: number): TestRecord => ({ file: FILE, line: 9, test: 'ordinary', state: 'passed', entries: [{ kind: 'bench', id, name: 'plain', result: resultOf(id, latencies(400, 5, median, 0.05)) }] })
    const entry = (median: number) => readResultsFile(written(`a11-${median}.json`, runReport(median, [plain(median)]))).entries.filter((e) => e.bench_id === id)
    // Unnamed entries of a slow day beside the testbed's own of today's speed.
    writeFileSync(join(dir, 'a11-bed.json'), JSON.stringify({ perfspec: 1, file: FILE, benchmarks: entry(2), testbeds: [{ name: 'ci-2core', benchmarks: entry(1) }] }))
    const run = written('b11.json', { ...runReport(1.6, []), tests: [plain(1.6)], testbed: 'ci-2core' })
    const own = perfspec(['compare', join(dir, 'a11-bed.json'), run])
    expect(own.status, own.stdout).toBe(1)
    expect(own.stdout).toContain(`i baselines of testbed "ci-2core", the run's own, from its report; --testbed to choose another`)
    const unnamed = written('b11-unnamed.json', { ...runReport(1.6, []), tests: [plain(1.6)] })
    expect(perfspec(['compare', join(dir, 'a11-bed.json'), unnamed]).status).toBe(0)
    // Reports of runs under different testbeds (or one under none): refused, naming them (probe 22 #1).
    const mixed = perfspec(['compare', join(dir, 'a11-bed.json'), run, unnamed])
    expect(mixed.status).toBe(2)
    expect(mixed.stderr).toContain(`the current run reports were run under different testbeds (${run}: "ci-2core", ${unnamed}: none)`)
    // The run's testbed the file lacks: its other entries are compared, not gated, as the reporter did; no dead end (probe 21 #5).
    const elsewhere = written('b11-mac.json', { ...runReport(1.6, []), tests: [plain(1.6)], testbed: 'mac' })
    const lacking = perfspec(['compare', join(dir, 'a11-bed.json'), elsewhere])
    expect(lacking.status, lacking.stderr).toBe(0)
    expect(lacking.stdout).toContain('i 1 of 1 benchmark has no baseline of this run\'s testbed, only baselines written without a testbed name: compared, not gated')
    // A plain file (another tool's) has no testbeds: not said to be read by the run's (probe 22 #4).
    writeFileSync(join(dir, 'a11-plain.json'), JSON.stringify(entry(1)))
    const plainFile = perfspec(['compare', join(dir, 'a11-plain.json'), run])
    expect(plainFile.status, plainFile.stderr).toBe(1)
    expect(plainFile.stdout).not.toContain('testbed')
    // PERFSPEC_TESTBED naming another testbed than the report's (a variable set for the reporter): refused; --testbed: judged and said (probe 23 #5).
    const inherited = perfspec(['compare', join(dir, 'a11-bed.json'), run], { PERFSPEC_TESTBED: 'other' })
    expect(inherited.status).toBe(2)
    expect(inherited.stderr).toContain(`PERFSPEC_TESTBED names testbed "other", but ${run} was run as testbed "ci-2core", and a run is judged against its own testbed's baselines: unset PERFSPEC_TESTBED`)
    expect(perfspec(['compare', join(dir, 'a11-bed.json'), run], { PERFSPEC_TESTBED: 'ci-2core' }).status).toBe(1)
    // A report of a run under no testbed (or an older perfspec's) is another too (probe 24 #1).
    const noneNamed = perfspec(['compare', join(dir, 'a11-bed.json'), unnamed], { PERFSPEC_TESTBED: 'ci-2core' })
    expect(noneNamed.status).toBe(2)
    expect(noneNamed.stderr).toContain(`PERFSPEC_TESTBED names testbed "ci-2core", but ${unnamed} was run without a testbed name, and a run is judged`)
    expect(perfspec(['compare', join(dir, 'a11-bed.json'), unnamed, '--testbed', 'ci-2core']).stdout).toContain(`i ${unnamed} was run without a testbed name; judged against testbed "ci-2core", as --testbed asked`)
    const chosen = perfspec(['compare', join(dir, 'a11-bed.json'), run, '--testbed', 'ci-2core'], { PERFSPEC_TESTBED: 'other' })
    expect(chosen.status, chosen.stderr).toBe(1)
    expect(chosen.stdout).not.toContain('was run as testbed')
    writeFileSync(join(dir, 'a11-bed2.json'), JSON.stringify({ perfspec: 1, file: FILE, benchmarks: [], testbeds: [{ name: 'mac', benchmarks: entry(1) }, { name: 'ci-2core', benchmarks: entry(1) }] }))
    const across = perfspec(['compare', join(dir, 'a11-bed2.json'), run, '--testbed', 'mac'])
    expect(across.status, across.stderr).toBe(1)
    expect(across.stdout).toContain(`i ${run} was run as testbed "ci-2core"; judged against testbed "mac", as --testbed asked`)
    // Two baseline files that keep their entries under testbeds only: said, with the testbeds to name (probe 23 #7).
    const none = perfspec(['compare', join(dir, 'a11-bed2.json'), join(dir, 'a11-bed2.json')])
    expect(none.status).toBe(2)
    expect(none.stderr).toContain('both hold no benchmarks without a testbed name; they keep baselines of testbed "mac", testbed "ci-2core": name the one to compare with --testbed <name>: nothing to compare')
    // A plain file (no testbed, no run) against a file of testbeds only: the testbed is asked for, not taken by file order (probe 24 #2).
    writeFileSync(join(dir, 'a11-plain10.json'), JSON.stringify(entry(10)))
    const plainVsBeds = perfspec(['compare', join(dir, 'a11-bed2.json'), join(dir, 'a11-plain10.json')])
    expect(plainVsBeds.status).toBe(2)
    expect(plainVsBeds.stderr).toContain(`${join(dir, 'a11-bed2.json')} keeps baselines of testbed "mac", testbed "ci-2core" only, and ${join(dir, 'a11-plain10.json')} names no testbed: name the one to compare with --testbed <name>`)
    expect(perfspec(['compare', join(dir, 'a11-bed2.json'), join(dir, 'a11-plain10.json'), '--testbed', 'ci-2core']).status).toBe(1)
  })

  test('pure: a per-bench metric is read from its own metric, and the read run report carries each gate', () => {
    const file = readResultsFile(b)
    expect(file.gates).toEqual([
      { benchId: `${FILE} > opted out > noisy`, skip: 'opted-out' },
      { benchId: `${FILE} > loose > loose`, override: { threshold: 4 } },
      { benchId: `${FILE} > xf > thrower`, skip: 'expected-to-fail' },
      { benchId: `${FILE} > caught > caught`, skip: 'caught' },
    ])
    const before = readResultsFile(a)
    const rows = compareEntries(before.entries, file.entries, DEFAULT_GATE, file.failed, [{ benchId: `${FILE} > loose > loose`, override: { metric: 'p50', threshold: 0.5 } }])
    const loose = rows.find((r) => r.benchId.endsWith('loose'))!
    expect(loose).toMatchObject({ status: 'regressed', gate: { metric: 'p50', threshold: 0.5 } })
    expect(loose.current).toBeCloseTo(file.entries.find((e) => e.bench_id.endsWith('loose'))!.p50, 9)
    expect(compareOutcome(rows)).toBe('regressed')
  })
})
