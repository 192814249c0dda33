import { baselineEntryOf } from '../../src/compare/baseline-entry.js'
import type { BaselineEntry, BaselineRead } from '../../src/model/baseline.js'
import type { Environment } from '../../src/model/environment.js'
import { DEFAULT_GATE } from '../../src/model/gate.js'
import type { DecidedRun, RunReport, TestRecord } from '../../src/model/run-report.js'
import { compareWithBaselines } from '../../src/run/compare-with-baselines.js'
import { decideRun, summarize } from '../../src/run/decide.js'
import { latencies, resultOf } from './synthetic-result.js'
import { syntheticScaling } from './synthetic-scaling.js'
import { expectScaling } from '../../src/assert/scaling.js'
import { setTestContext } from '../../src/record/context.js'
import type { RecordEntry } from '../../src/model/entries.js'

/** A machine that never changes, so that reports of synthetic runs are the same everywhere. */
export const FIXED_ENVIRONMENT: Environment = { os: 'Linux 6.1', arch: 'x64', cpu: 'Example CPU @ 2.0GHz', cores: 2, memory: 8 * 1024 ** 3, node: 'v20.0.0', ci: true, commit: 'abc123def456', speed: { ns: 5, version: 1 } }

interface Spec {
  file: string
  test: string
  name: string
  /** Median of the current run, ms; `undefined` for a bench that failed. */
  median?: number
  /** Median of its baseline, ms; `undefined` for a new benchmark. */
  baseline?: number
  expect?: { limit: number; status: 'PASS' | 'FAIL' }
}

/** The benchmarks of the fixed run: a regression, a slowdown within the threshold, an improvement, a new one, a failure, long names. */
export const FIXED_SPECS: Spec[] = [
  { file: 'src/cache.test.ts', test: 'LruCache > get is fast', name: 'cache.get hit', median: 0.0012, baseline: 0.0012, expect: { limit: 0.005, status: 'PASS' } },
  { file: 'src/cache.test.ts', test: 'LruCache > set with eviction stays fast under pressure from many writers', name: 'cache.set evicting', median: 0.0021, baseline: 0.0012, expect: { limit: 0.005, status: 'PASS' } },
  { file: 'src/json.test.ts', test: 'JSON of an API response > parse stays under 5 ms', name: 'JSON.parse 30KB', median: 0.16, baseline: 0.14 },
  { file: 'src/json.test.ts', test: 'JSON of an API response > stringify', name: 'JSON.stringify 30KB', median: 0.08, baseline: 0.11 },
  { file: 'src/json.test.ts', test: 'JSON of an API response > a very long test name that goes on and on about what it measures and why', name: 'round trip of a nested document with arrays', median: 0.3 },
  { file: 'src/orders.test.ts', test: 'orders > decode', name: 'decodeOrder', median: 0.0013, baseline: 0.0013, expect: { limit: 0.001, status: 'FAIL' } },
  { file: 'src/orders.test.ts', test: 'orders > broken', name: 'encodeOrder' },
]

/** Baseline files in memory, read only. */
function storeOf(entries: Map<string, BaselineEntry[]>) {
  return {
    pathOf: (f: string) => `baselines/${f}.json`,
    read: (f: string): BaselineRead => (entries.has(f) ? { status: 'ok', data: { perfspec: 1, file: f, benchmarks: entries.get(f)! } } : { status: 'missing' }),
    write: () => {
      throw new Error('read only')
    },
  }
}

/** A decided run built from specs with seeded latencies: the same run on every machine, every time. */
export function syntheticRun(specs: readonly Spec[] = FIXED_SPECS): DecidedRun {
  const tests: TestRecord[] = []
  const baselines = new Map<string, BaselineEntry[]>()
  specs.forEach((s, i) => {
    const id = `${s.file} > ${s.test} > ${s.name}`
    const test: TestRecord = { file: s.file, line: 10 + i * 7, test: s.test, state: 'passed', entries: [] }
    if (s.median === undefined) {
      test.state = 'failed'
      test.entries.push({ kind: 'bench', id, name: s.name, error: 'TypeError: cannot read properties of undefined (reading "items")' })
    } else {
      const result = resultOf(id, latencies(2000, 100 + i, s.median, 0.25))
      test.entries.push({ kind: 'bench', id, name: s.name, result })
      if (s.expect) {
        const ok = s.expect.status === 'PASS'
        // A failed expectation throws: its test failed, unless it caught it.
        if (!ok) test.state = 'failed'
        test.entries.push({ kind: 'expectation', benchId: id, subject: 'p95 latency', comparator: '<', actual: result.latency.p95, limit: s.expect.limit, unit: 'ms', status: s.expect.status, message: `p95 latency of "${s.name}" was ${result.latency.p95.toPrecision(3)}ms, expected < ${s.expect.limit}ms${ok ? '' : ' (over the limit)'}` })
      }
      if (s.baseline !== undefined) {
        const entry = baselineEntryOf(resultOf(id, latencies(2000, 500 + i, s.baseline, 0.25)), FIXED_ENVIRONMENT, '2026-11-30T12:00:00.000Z')
        baselines.set(s.file, [...(baselines.get(s.file) ?? []), entry])
      }
    }
    tests.push(test)
  })
  // A load run: 50 concurrent calls for 2 s, whose latency climbs as a queue builds.
  const loadId = 'src/http.test.ts > GET /items under load > GET /items, 50 concurrent'
  const loadResult = resultOf(loadId, latencies(1000, 900, 40, 0.4))
  const timeline = Array.from({ length: 20 }, (_, i) => ({ start: i * 100, calls: 50, errors: i === 15 ? 1 : 0, mean: 30 + i * 2, p95: 60 + i * 5 }))
  loadResult.load = { model: 'closed', concurrency: 50, duration: 2000, inFlightPeak: 50, late: 0, maxLateness: 0, started: 1001, completed: 1001, elapsed: 2000, timeline }
  loadResult.errors = { count: 1, rate: 0.001, timedOut: 0, messages: ['Error: HTTP 503'] }
  tests.push({ file: 'src/http.test.ts', line: 8, test: 'GET /items under load', state: 'passed', entries: [{ kind: 'bench', id: loadId, name: 'GET /items, 50 concurrent', result: loadResult, baseline: false }] })
  tests.push({ file: 'src/cache.test.ts', line: 60, test: 'LruCache > does not leak', state: 'passed', entries: [{ kind: 'leak', id: 'src/cache.test.ts > LruCache > does not leak > cache churn', name: 'cache churn', status: 'PASS', bytesPerCall: 0.4, growth: 2048, iterations: 4000, checkpoints: [[0, 1e6], [4000, 1002048]], message: 'no leak: 0.4 B retained per call over 4,000 calls' }] })
  // A scaling check: a sort, n log n, and its expectation as expectScaling records it.
  const sortId = 'src/sort.test.ts > sorting > grows as n log n > sort'
  const sort = syntheticScaling(sortId, { sizes: [100, 1_000, 10_000, 100_000], cost: (n) => 2e-6 * n * Math.log2(n) + 5e-4, seed: 7 })
  const sortEntries: RecordEntry[] = [{ kind: 'scaling', id: sortId, name: 'sort', result: sort }]
  setTestContext({ file: 'src/sort.test.ts', titlePath: ['sorting', 'grows as n log n'], entries: sortEntries })
  try {
    expectScaling(sort).toBeAtMost('n log n')
  } finally {
    setTestContext(undefined)
  }
  tests.push({ file: 'src/sort.test.ts', line: 12, test: 'sorting > grows as n log n', state: 'passed', entries: sortEntries })
  const { checks, errors } = compareWithBaselines(tests, { store: storeOf(baselines), gate: DEFAULT_GATE, update: 'none', environment: FIXED_ENVIRONMENT, timestamp: '2026-12-01T12:00:00.000Z' })
  const report: RunReport = {
    perfspec: 1,
    createdAt: '2026-12-01T12:00:00.000Z',
    duration: 12_345,
    runner: { name: 'vitest', version: '4.1.0' },
    environment: FIXED_ENVIRONMENT,
    tests,
    baselines: checks,
    baselineErrors: errors,
    summary: summarize(tests, checks, errors.length, true),
  }
  return decideRun(report)
}

/** Specs of `n` benchmarks over files of ten, each with a baseline: a large suite's report. */
export function manySpecs(n: number): Spec[] {
  return Array.from({ length: n }, (_, i) => ({
    file: `src/module-${Math.floor(i / 10)}.test.ts`,
    test: `module ${Math.floor(i / 10)} > operation ${i} under a typical load`,
    name: `operation ${i}`,
    median: 0.001 * (1 + (i % 7)),
    baseline: 0.001 * (1 + (i % 7)) * (i % 9 === 0 ? 0.7 : 1),
    expect: { limit: 0.05, status: 'PASS' as const },
  }))
}
