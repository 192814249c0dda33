import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { checkNoLeak } from '../src/assert/leak.js'
import { keptResult } from '../src/compare/attempt-plan.js'
import { baselineEntryOf } from '../src/compare/baseline-entry.js'
import { MAX_SPREAD } from '../src/model/baseline.js'
import { expectLatency } from '../src/assert/latency.js'
import { bench } from '../src/bench.js'
import type { HeapProbe } from '../src/measure/leak/checkpoints.js'
import type { BaselineEntry } from '../src/model/baseline.js'
import type { Environment } from '../src/model/environment.js'
import type { RunReport, TestRecord } from '../src/model/run-report.js'
import { setTestContext, type TestContext } from '../src/record/context.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { renderRunJson } from '../src/report/run-json.js'
import { checkText } from '../src/report/verdict-text.js'
import { baselineFileProblems } from '../src/run/baseline-schema.js'
import { fileBaselineStore, readBaselineFile } from '../src/run/baseline-store.js'
import { decideRun } from '../src/run/decide.js'
import { resolvePerfOptions } from '../src/run/options.js'
import { readRunReport } from '../src/run/results-file.js'
import { runReportProblems } from '../src/run/run-report-schema.js'
import type { WorkerGateConfig } from '../src/run/worker-config.js'
import { lookupBaseline } from '../src/run/worker-gate.js'
import { endRun, type SessionInput } from '../src/run/session.js'
import { latencies, resultOf } from './support/synthetic-result.js'
import { VirtualTime } from './support/virtual-time.js'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-file-checks-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => setTestContext(undefined))

/** The end of a run with its baselines under `<dir>/<name>/baselines`, on a fixed machine. */
function endRunIn(name: string, tests: TestRecord[], over: Partial<SessionInput> = {}) {
  const root = join(dir, name)
  return endRun({
    tests,
    root,
    runner: { name: 'vitest', version: '4' },
    startedAt: 0,
    options: resolvePerfOptions({}),
    runnerUpdate: undefined,
    runnerCi: false,
    store: fileBaselineStore(root, join(root, 'baselines')),
    now: () => 1000,
    speed: () => ({ ns: 10, version: 1 }),
    ...over,
  })
}

/** A baseline entry as perfspec writes it for `id`, from seeded synthetic latencies. */
function measuredEntry(id: string, seed: number, median = 0.001): BaselineEntry {
  const entry = baselineEntryOf(resultOf(id, latencies(3000, seed, median)), {} as Environment, '2026-01-01T00:00:00.000Z')
  delete entry.environment
  return entry
}

const workerConfig = (baselineDir: string): WorkerGateConfig => ({ baselineDir, gate: resolvePerfOptions({}).gate, update: 'new', confirm: 2, baselineAttempts: 3, crossMachine: false, pause: 0 })

const record = (file: string, name: string, values: number[]): TestRecord => {
  const id = `${file} > t > ${name}`
  return { file, line: 4, test: 't', state: 'passed', entries: [{ kind: 'bench', id, name, result: resultOf(id, values) }] }
}

/** Every kind of entry a run records, measured in virtual time: benches, load runs, expectations, a comparison, a leak check. */
async function recordedTests(): Promise<TestRecord[]> {
  const context: TestContext = { file: 'api.test.ts', titlePath: ['api'], entries: [] }
  setTestContext(context)
  const time = new VirtualTime()
  const options = { clock: time, scheduler: time, warmup: false as const }
  let call = 0
  await bench('open', async () => {
    await time.sleep(call % 2 ? 3 : 8)
    if (++call % 50 === 0) throw new Error('HTTP 503')
  }, { ...options, rate: '200/s', duration: '1s', maxInFlight: 1 })
  const batch = await bench('upload', () => time.sleep(10), { ...options, concurrency: 2, time: '300ms', items: 20 })
  const fast = await bench('fast', () => time.sleep(1), { ...options, concurrency: 1, time: '100ms' })
  expectLatency(fast).p95.toBeLessThan('5ms')
  expectLatency(fast).toBeFasterThan(batch)
  const probe: HeapProbe = { collect: async () => {}, read: () => 5e6 }
  await checkNoLeak(function handler() {}, { iterations: 1000 }, probe)
  setTestContext(undefined)
  return [{ file: context.file, line: 3, test: 'api', state: 'passed', entries: context.entries }]
}

describe('what perfspec writes, perfspec reads', () => {
  test('a run report of every kind of entry passes its schema, and reads back to the same report', async () => {
    const run = endRunIn('every-kind', await recordedTests())
    const path = join(dir, 'every-kind', 'BENCHMARK_RESULTS.json')
    writeFileSync(path, renderRunJson(run.report))
    expect(runReportProblems(JSON.parse(readFileSync(path, 'utf8')))).toEqual([])
    const back = readRunReport(path)
    expect(renderMarkdown(decideRun(back))).toBe(renderMarkdown(decideRun(JSON.parse(renderRunJson(run.report)) as RunReport)))
    expect(back.tests[0]!.entries.map((e) => e.kind)).toEqual(['bench', 'bench', 'bench', 'expectation', 'expectation', 'leak'])
  })

  test('figures that are not finite are written as null, accepted, and read back as NaN', () => {
    const run = endRunIn('not-finite', [record('a.test.ts', 'x', latencies(50, 1))])
    const result = run.report.tests[0]!.entries[0]!.kind === 'bench' ? run.report.tests[0]!.entries[0]!.result! : undefined
    result!.latency.rme = Number.POSITIVE_INFINITY
    result!.throughput.mean = Number.NaN
    const path = join(dir, 'not-finite', 'BENCHMARK_RESULTS.json')
    writeFileSync(path, renderRunJson(run.report))
    expect(readFileSync(path, 'utf8')).toContain('"rme": null')
    const back = readRunReport(path)
    const read = back.tests[0]!.entries[0]!.kind === 'bench' ? back.tests[0]!.entries[0]!.result! : undefined
    expect(read!.latency.rme).toBeNaN()
    expect(read!.throughput.mean).toBeNaN()
    expect(() => renderMarkdown(decideRun(back))).not.toThrow()
  })

  test('baselines perfspec writes pass the baseline checks, measured or synthetic, per call or batched', async () => {
    const run = endRunIn('baselines', [...(await recordedTests()), record('b.test.ts', 'y', latencies(3000, 2)), record('c.test.ts', 'z', latencies(1, 3))])
    expect(run.report.baselines.map((c) => c.status)).toEqual(['written', 'written', 'written', 'written', 'written'])
    for (const file of ['api.test.ts', 'b.test.ts', 'c.test.ts']) {
      const read = readBaselineFile(join(dir, 'baselines', 'baselines', `${file}.json`))
      expect(read, file).toMatchObject({ status: 'ok' })
    }
  })

  test('a result that would make an entry its reader refuses (a p95 of 0) is not written, and says why', () => {
    const run = endRunIn('zero', [record('a.test.ts', 'zero', [0, 0, 0, 0]), record('a.test.ts', 'ok', latencies(100, 4))])
    const [zero, ok] = run.report.baselines
    expect(zero).toMatchObject({ status: 'unchecked', cause: 'not-storable' })
    expect(zero!.detail).toContain('p95 must be a positive finite number (found 0)')
    expect(checkText(zero!)).toMatch(/^not checked: no baseline written to baselines\/a\.test\.ts\.json, as this run's result cannot be one \(p50 must be a positive finite number \(found 0\); /)
    expect(ok!.status).toBe('written')
    const read = readBaselineFile(join(dir, 'zero', 'baselines', 'a.test.ts.json'))
    expect(read.status === 'ok' && read.data.benchmarks.map((e) => e.bench_id)).toEqual(['a.test.ts > t > ok'])
  })
})

describe('the reporter and a baseline file the checks refuse', () => {
  const entry = (id: string, more: Record<string, unknown> = {}) => ({ bench_id: id, metric: 'latency', unit: 'ms', p50: 0.001, p95: 0.0012, n: 3000, timestamp: '2026-01-01T00:00:00Z', ...more })
  const measured = measuredEntry('a.test.ts > t > x', 5)
  // [name, the file's entries, the one problem, the file's other fields]
  const cases: Array<[string, unknown[], string, Record<string, unknown>?]> = [
    ['zero', [entry('a.test.ts > t > x', { p95: 0 })], 'benchmarks[0].p95 must be a positive finite number (found 0)'],
    ['twice', [entry('a.test.ts > t > x'), entry('a.test.ts > t > x', { p95: 0.5 })], 'benchmarks[1].bench_id "a.test.ts > t > x" appears twice (also benchmarks[0]); keep one of them'],
    ['histogram', [entry('a.test.ts > t > x', { histogram: 'HISTFAAAAB54nJNpmSzMwMDACMXMDBAAYjNYzzrFAOcDAEYDAu0=' })], 'benchmarks[0].histogram cannot be decoded: it holds no samples'],
    ['timestamp', [entry('a.test.ts > t > x', { timestamp: 'yesterday' })], 'benchmarks[0].timestamp must be an ISO 8601 date and time with its time zone, such as "2026-11-20T10:00:00.000Z" (found "yesterday")'],
    [
      'entry of another file',
      [entry('b.test.ts > t > x')],
      'benchmarks[0].bench_id "b.test.ts > t > x" is not a benchmark of "a.test.ts", whose baselines this file holds (its ids start with "a.test.ts > "); move the entry to the baseline file of its own test file, or rewrite this file with -u',
    ],
    [
      'file field',
      [entry('a.test.ts > t > x')],
      'file "b.test.ts" names another test file than the one this baseline file belongs to ("a.test.ts"); move the file to the baselines of "b.test.ts", or correct the field',
      { file: 'b.test.ts' },
    ],
    ['control character', [entry('a.test.ts > t > x\u001b[2J')], 'benchmarks[0].bench_id "a.test.ts > t > x\\u001b[2J" contains the control character \\u001b; ids are printable text'],
    [
      'histogram of another measurement',
      [{ ...measured, n: measured.n - 1 }],
      `benchmarks[0].n ${measured.n - 1} is not the number of samples in benchmarks[0].histogram (${measured.n}); a histogram belongs to the measurement of its own entry: rewrite the entry with -u`,
    ],
    [
      'spread without attempts',
      [entry('a.test.ts > t > x', { spread: { p95: 0.1 } })],
      'benchmarks[0].spread needs benchmarks[0].attempts of 2 or more (found none): a spread is the gap between several measurements; rewrite the entry with -u',
    ],
    ['attempts without spread', [entry('a.test.ts > t > x', { attempts: 3 })], 'benchmarks[0].spread is missing: an entry measured 3 times (attempts) carries the gap between its measurements; rewrite the entry with -u'],
  ]
  test.each(cases)('%s: unchecked, named by file and field, never overwritten unless asked', (name, benchmarks, problem, top = {}) => {
    const data = { perfspec: 1, ...top, benchmarks }
    expect(baselineFileProblems(data, 'a.test.ts')).toEqual([problem])
    const path = join(dir, `invalid-${name}`, 'baselines', 'a.test.ts.json')
    const text = `${JSON.stringify(data, null, 2)}\n`
    const tests = [record('a.test.ts', 'x', latencies(3000, 5))]
    rmSync(join(dir, `invalid-${name}`), { recursive: true, force: true })
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, text)

    const local = endRunIn(`invalid-${name}`, tests)
    expect(local.report.baselines[0]).toMatchObject({ status: 'unchecked', cause: 'file-invalid' })
    expect(local.report.baselineErrors).toEqual([{ file: 'baselines/a.test.ts.json', problem: `does not match the baseline schema: ${problem}` }])
    expect(checkText(local.report.baselines[0]!)).toContain(`not checked: baselines/a.test.ts.json does not match the baseline schema: ${problem}. Fix the file`)
    expect(readFileSync(path, 'utf8')).toBe(text)
    expect(endRunIn(`invalid-${name}`, tests, { runnerCi: true }).failed).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe(text)
    // The worker, which reads the file to confirm a regression, sees it as the reporter does.
    expect(lookupBaseline(workerConfig(join(dir, `invalid-${name}`, 'baselines')), 'a.test.ts', 'a.test.ts > t > x')).toEqual({ fileState: 'invalid' })
    // Rewritten only when asked.
    expect(endRunIn(`invalid-${name}`, tests, { runnerUpdate: 'all' }).report.baselines[0]!.status).toBe('written')
    expect(readBaselineFile(path, 'a.test.ts')).toMatchObject({ status: 'ok' })
  })
})

describe('hand-edited baselines the schema cannot see through', () => {
  test('statistics out of order and an absurd spread are refused, naming the field', async () => {
    const { baselineFileProblems } = await import('../src/run/baseline-schema.js')
    const entry = { bench_id: 'a.test.ts > b', metric: 'latency', unit: 'ms', p50: 2, p95: 1, min: 3, max: 4, n: 10, timestamp: '2026-12-01T00:00:00Z', spread: { p95: 1e308 }, attempts: 3 }
    const problems = baselineFileProblems({ perfspec: 1, file: 'a.test.ts', benchmarks: [entry] })
    expect(problems).toEqual([
      expect.stringMatching(/^benchmarks\[0\]\.p50 2 is below min 3; statistics must stand in order/),
      expect.stringMatching(/^benchmarks\[0\]\.p95 1 is below p50 2/),
      expect.stringMatching(/^benchmarks\[0\]\.spread\.p95 1e\+308 is beyond any measurement's spread/),
    ])
    const fine = { ...entry, p50: 1, p95: 2, min: 0.5, max: 4, spread: { p95: 0.1 } }
    expect(baselineFileProblems({ perfspec: 1, file: 'a.test.ts', benchmarks: [fine] })).toEqual([])
  })
})

describe('a histogram and the figures beside it describe one measurement', () => {
  const id = 'a.test.ts > t > x'
  const file = (...benchmarks: unknown[]) => ({ perfspec: 1, file: 'a.test.ts', benchmarks })

  test("perfspec's own entries agree with their histograms: one measurement, or the lowest of several", () => {
    expect(baselineFileProblems(file(measuredEntry(id, 1)), 'a.test.ts')).toEqual([])
    // A baseline measured three times keeps the histogram of the fastest and each statistic at its lowest.
    const results = [7, 8, 9].map((seed, i) => resultOf(id, latencies(1000 + 500 * i, seed, 0.001 * (1 + i / 10), 0.2 + i / 10)))
    const entry = baselineEntryOf(keptResult('baseline', results), {} as Environment, '2026-01-01T00:00:00.000Z')
    delete entry.environment
    expect(entry.attempts).toBe(3)
    expect(baselineFileProblems(file(entry), 'a.test.ts')).toEqual([])
  })

  test('measurements whose max differs 200-fold (a collector pause in one) are stored with the widest spread the reader accepts', () => {
    const results = [7, 8].map((seed) => resultOf(id, latencies(1000, seed, 0.001, 0.2)))
    results[1] = { ...results[1]!, latency: { ...results[1]!.latency, max: results[0]!.latency.max * 200 } }
    const entry = baselineEntryOf(keptResult('baseline', results), {} as Environment, '2026-01-01T00:00:00.000Z')
    delete entry.environment
    expect(entry.spread?.max).toBe(MAX_SPREAD)
    expect(baselineFileProblems(file(entry), 'a.test.ts')).toEqual([])
  })

  test('a figure raised above its histogram, a p50 moved, a unit changed, histograms swapped: refused, naming the field', () => {
    const entry = measuredEntry(id, 1)
    const above = /^benchmarks\[0\]\.p95 \S+ \(\S+\) is above the p95 of benchmarks\[0\]\.histogram \(\S+\); the figures and the histogram must come from one measurement: rewrite the entry with -u$/
    expect(baselineFileProblems(file({ ...entry, p95: entry.p95 * 1.5, p99: entry.p95 * 1.6 }), 'a.test.ts')).toEqual([expect.stringMatching(above), expect.stringMatching(/^benchmarks\[0\]\.p99 /)])
    expect(baselineFileProblems(file({ ...entry, mean: entry.mean! * 2 }), 'a.test.ts')).toEqual([expect.stringMatching(/^benchmarks\[0\]\.mean \S+ \(\S+\) is above the mean of benchmarks\[0\]\.histogram/)])
    expect(baselineFileProblems(file({ ...entry, p50: entry.p50 * 0.8, min: entry.min! * 0.5 }), 'a.test.ts')).toEqual([expect.stringMatching(/^benchmarks\[0\]\.p50 \S+ \(\S+\) is below the p50 of benchmarks\[0\]\.histogram/)])
    // Lower percentiles than the histogram's are what keeping the lowest of several measurements gives.
    expect(baselineFileProblems(file({ ...entry, p95: entry.p95 * 0.95, p99: entry.p99! * 0.9 }), 'a.test.ts')).toEqual([])
    // Every figure 1000x larger (ms read as s), or smaller (as µs): the histogram does not move.
    expect(baselineFileProblems(file({ ...entry, unit: 's' }), 'a.test.ts').length).toBeGreaterThan(0)
    expect(baselineFileProblems(file({ ...entry, unit: 'us' }), 'a.test.ts')).toEqual([expect.stringMatching(/^benchmarks\[0\]\.p50 .* is below the p50 of/)])
    // Two entries with each other's histogram.
    const slower = measuredEntry('a.test.ts > t > y', 2, 0.003)
    const problems = baselineFileProblems(file({ ...entry, histogram: slower.histogram }, { ...slower, histogram: entry.histogram }), 'a.test.ts')
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^benchmarks\[0\]\.p50 .* is below the p50 of benchmarks\[0\]\.histogram/), expect.stringMatching(/^benchmarks\[1\]\.p50 .* is above the p50 of benchmarks\[1\]\.histogram/)]))
  })

  test('timestamps: ISO 8601 dates and times with their time zone, as perfspec has always written them', () => {
    const at = (timestamp: string) => baselineFileProblems(file({ ...measuredEntry(id, 1), timestamp }), 'a.test.ts')
    for (const good of ['2026-12-01T23:37:18.496Z', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00+01:00']) expect(at(good), good).toEqual([])
    for (const bad of ['yesterday', '', '2026-11-20', '2026-11-20T10:00:00', '2026-02-30T10:00:00Z', '20/11/2026 10:00', '1764000000000']) {
      expect(at(bad), bad).toEqual([`benchmarks[0].timestamp must be an ISO 8601 date and time with its time zone, such as "2026-11-20T10:00:00.000Z" (found ${JSON.stringify(bad)})`])
    }
  })

  test("without the test file, a file's own `file` field says whose ids it holds (perfspec compare)", () => {
    expect(baselineFileProblems({ perfspec: 1, file: 'a.test.ts', benchmarks: [measuredEntry('b.test.ts > t > x', 1)] })).toEqual([expect.stringMatching(/^benchmarks\[0\]\.bench_id "b\.test\.ts > t > x" is not a benchmark of "a\.test\.ts"/)])
    expect(baselineFileProblems({ perfspec: 1, benchmarks: [measuredEntry('b.test.ts > t > x', 1)] })).toEqual([])
    // A test file whose name holds the separator: ids write it escaped.
    expect(baselineFileProblems({ perfspec: 1, benchmarks: [measuredEntry('a \\> b.test.ts > t > x', 1)] }, 'a > b.test.ts')).toEqual([])
  })
})
