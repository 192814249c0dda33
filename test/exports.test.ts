import { existsSync, mkdirSync, writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import AjvImport from 'ajv'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { finishRun } from '../src/adapters/finish-run.js'
import type { BenchResult } from '../src/model/bench-result.js'
import type { RecordEntry } from '../src/model/entries.js'
import type { RunReport } from '../src/model/run-report.js'
import { exportSelection, leftOutText, renderExport } from '../src/report/export.js'
import { bmfOf } from '../src/report/export-bmf.js'
import { githubActionBenchmarkOf } from '../src/report/export-github-action-benchmark.js'
import { resolvePerfOptions } from '../src/run/options.js'
import { workerGateConfig } from '../src/run/worker-config.js'
import { fixedResult } from './support/fixed-result.js'
import { perfspec } from './helpers/run-cli.js'
import { reportOfTests } from './support/report-of-tests.js'
import { latencies, resultOf } from './support/synthetic-result.js'

const Ajv = ((AjvImport as unknown as { default?: typeof AjvImport }).default ?? AjvImport) as typeof AjvImport

/**
 * The Bencher Metric Format as Bencher documents it (https://bencher.dev/docs/reference/bencher-metric-format,
 * its JSON schema, draft-07): benchmarks by name, each an object of measures by slug, each measure
 * `{ value, lower_value?, upper_value? }` of numbers. Stricter where the same page and "How to
 * track custom benchmarks" say more: a benchmark name is at most 1,024 characters; perfspec uses
 * only the two measures every project has built in, `latency` (ns) and `throughput` (ops/s),
 * and nothing but the three documented fields.
 */
const BMF_SCHEMA = {
  type: 'object',
  propertyNames: { minLength: 1, maxLength: 1024 },
  additionalProperties: {
    type: 'object',
    propertyNames: { enum: ['latency', 'throughput'] },
    additionalProperties: {
      type: 'object',
      properties: { value: { type: 'number' }, lower_value: { type: 'number' }, upper_value: { type: 'number' } },
      required: ['value'],
      additionalProperties: false,
    },
  },
}

/**
 * github-action-benchmark's custom tools as its README documents them ("Every entry in the JSON
 * file you provide only needs to provide `name`, `unit`, and `value`. You can also provide optional
 * `range` … and `extra` …") and its extractor checks them (src/extract.ts: a JSON array of
 * `{ name: string, value: number, range?: string, unit: string, extra?: string }`). Stricter: no
 * other field, and a unit the action converts between (src/normalizeValueByUnit.ts: s, ms, us, ns,
 * each also `/iter`).
 */
const GAB_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1 },
      unit: { enum: ['s', 'ms', 'us', 'ns', 's/iter', 'ms/iter', 'us/iter', 'ns/iter'] },
      value: { type: 'number' },
      range: { type: 'string' },
      extra: { type: 'string' },
    },
    required: ['name', 'unit', 'value'],
    additionalProperties: false,
  },
}

const ajv = new Ajv({ allErrors: true, strict: true })
const validBmf = ajv.compile(BMF_SCHEMA)
const validGab = ajv.compile(GAB_SCHEMA)

// A fixed run: fixedResult's figures are mean 40 µs, sd 10 µs, min 10 µs, ±1.1 %, 25,000 calls/s, n = 4,120.
const plain = fixedResult(0.06, { id: 'a.test.ts > cache > cache.get', name: 'cache.get' })
const heavyTail = fixedResult(0.06, { id: 'a.test.ts > cache > cache.miss', name: 'cache.miss', latency: { ...plain.latency, sd: 0.05 } })
const loadRun = fixedResult(0.5, {
  id: 'a.test.ts > api > GET /users',
  name: 'GET /users',
  latency: { ...plain.latency, mean: 2, sd: 0.5, min: 1, p50: 1.8, p95: 3, p99: 4 },
  throughput: { mean: 800 },
  errors: { count: 12, rate: 0.005 },
  load: { model: 'closed', concurrency: 8, duration: 3000, inFlightPeak: 8, late: 0, maxLateness: 0, started: 2412, completed: 2400, elapsed: 3000 },
})
const unmeasured = fixedResult(0.06, { id: 'a.test.ts > cache > edited', name: 'edited', latency: { ...plain.latency, mean: Number.NaN } })
const bench = (result: BenchResult): RecordEntry => ({ kind: 'bench', id: result.id, name: result.name, result })

const fixture = JSON.parse(readFileSync(join('test', 'fixtures', 'run-report.json'), 'utf8')) as RunReport
const report: RunReport = {
  ...fixture,
  tests: [
    { file: 'a.test.ts', test: 'cache', state: 'passed', entries: [bench(plain), { kind: 'expectation', benchId: plain.id, subject: 'p95 latency', comparator: '<', actual: 0.06, limit: 0.1, unit: 'ms', status: 'PASS', message: 'ok' }, bench(heavyTail), bench(unmeasured)] },
    { file: 'a.test.ts', test: 'api', state: 'passed', entries: [bench(loadRun)] },
    { file: 'a.test.ts', test: 'broken', state: 'failed', entries: [{ kind: 'bench', id: 'a.test.ts > broken > parse', name: 'parse', error: 'SyntaxError: kaput' }] },
    { file: 'b.test.ts', test: 'twice', state: 'passed', entries: [bench({ ...plain, id: 'b.test.ts > twice > x' }), bench({ ...plain, id: 'b.test.ts > twice > x' })] },
  ],
}

describe('which benchmarks are exported', () => {
  test('those with a result, a mean latency and an id of their own, in the report order; the rest are said by id', () => {
    const selection = exportSelection(report)
    expect(selection.results.map((r) => r.id)).toEqual([plain.id, heavyTail.id, loadRun.id])
    expect(selection).toMatchObject({ failed: ['a.test.ts > broken > parse'], sharedIds: ['b.test.ts > twice > x'], unmeasured: [unmeasured.id] })
    expect(leftOutText(selection)).toEqual([
      '1 failed benchmark not exported (no result): "a.test.ts > broken > parse"',
      '1 id shared by several benchmarks not exported (an exported name must stand for one benchmark; rename one of them): "b.test.ts > twice > x"',
      '1 benchmark without a finite mean latency not exported: "a.test.ts > cache > edited"',
    ])
    expect(leftOutText({ results: [], failed: [], sharedIds: [], unmeasured: [] })).toEqual([])
  })

  test('a long list of failures is cut after five, with the count', () => {
    const failed = Array.from({ length: 7 }, (_, i) => `f > t > b${i}`)
    expect(leftOutText({ results: [], failed, sharedIds: [], unmeasured: [] })).toEqual(['7 failed benchmarks not exported (no result): "f > t > b0", "f > t > b1", "f > t > b2", "f > t > b3", "f > t > b4" and 2 more'])
  })
})

describe('Bencher Metric Format', () => {
  const { results } = exportSelection(report)
  const bmf = bmfOf(results)

  test('passes the shape Bencher documents', () => {
    expect(validBmf(bmf), JSON.stringify(validBmf.errors)).toBe(true)
    expect(validBmf(JSON.parse(renderExport('bmf', results)))).toBe(true)
    // The check itself refuses what Bencher would: a measure without a value, a field it does not know, a text value.
    expect(validBmf({ x: { latency: { lower_value: 1 } } })).toBe(false)
    expect(validBmf({ x: { latency: { value: 1, median: 1 } } })).toBe(false)
    expect(validBmf({ x: { latency: { value: '1' } } })).toBe(false)
  })

  test('latency in ns: the mean with mean ∓ sd; throughput in calls/s bounded by the mean margin of error', () => {
    expect(bmf[plain.id]).toEqual({
      latency: { value: 40_000, lower_value: 30_000, upper_value: 50_000 },
      // 25,000 / (1 ± 0.011)
      throughput: { value: 25_000, lower_value: 24_727.992, upper_value: 25_278.059 },
    })
  })

  test('a heavy tail (sd above the mean) never gives a latency below the fastest call', () => {
    expect(bmf[heavyTail.id]!.latency).toEqual({ value: 40_000, lower_value: 10_000, upper_value: 90_000 })
  })

  test('a load run: its latency, and its rate (settled calls over elapsed time) alone', () => {
    expect(bmf[loadRun.id]).toEqual({ latency: { value: 2_000_000, lower_value: 1_500_000, upper_value: 2_500_000 }, throughput: { value: 800 } })
  })

  test('figures that are not finite are left out, never written as null', () => {
    const unknown = fixedResult(0.06, { latency: { ...plain.latency, sd: Number.NaN, rme: Number.NaN }, throughput: { mean: Number.POSITIVE_INFINITY } })
    expect(bmfOf([unknown])[unknown.id]).toEqual({ latency: { value: 40_000 } })
  })
})

describe('github-action-benchmark (customSmallerIsBetter)', () => {
  const { results } = exportSelection(report)
  const entries = githubActionBenchmarkOf(results)

  test('passes the shape its README and extractor document', () => {
    expect(validGab(entries), JSON.stringify(validGab.errors)).toBe(true)
    expect(validGab(JSON.parse(renderExport('github-action-benchmark', results)))).toBe(true)
    expect(validGab([{ name: 'x', value: 1 }])).toBe(false)
    expect(validGab([{ name: 'x', unit: 'ns/iter', value: '1' }])).toBe(false)
  })

  test('one entry per benchmark: mean latency in ns/iter, the margin of error as range, the rest in the tooltip', () => {
    expect(entries).toEqual([
      { name: plain.id, unit: 'ns/iter', value: 40_000, range: '±1.1%', extra: 'p50 40.0µs, p95 60.0µs, p99 80.0µs\n4,120 samples, throughput 25.0k/s' },
      { name: heavyTail.id, unit: 'ns/iter', value: 40_000, range: '±1.1%', extra: 'p50 40.0µs, p95 60.0µs, p99 80.0µs\n4,120 samples, throughput 25.0k/s' },
      { name: loadRun.id, unit: 'ns/iter', value: 2_000_000, range: '±1.1%', extra: 'p50 1.80ms, p95 3.00ms, p99 4.00ms\n4,120 samples, throughput 800/s\n12 failed calls (0.50%)' },
    ])
  })

  test('an unknown margin of error gives no range rather than "±∞%"', () => {
    const [entry] = githubActionBenchmarkOf([fixedResult(0.06, { latency: { ...plain.latency, rme: Number.NaN } })])
    expect(entry).not.toHaveProperty('range')
  })
})

describe('the reporter option "exports"', () => {
  test('paths by format; false leaves a format out; default none', () => {
    expect(resolvePerfOptions({}).exports).toEqual({})
    expect(resolvePerfOptions({ exports: { bmf: 'out/bench.bmf.json', 'github-action-benchmark': false } }).exports).toEqual({ bmf: 'out/bench.bmf.json' })
  })

  test('mistakes are TypeErrors naming the option and showing an accepted value', () => {
    expect(() => resolvePerfOptions({ exports: 'bench.bmf.json' })).toThrow(`perfspec: plugin option "exports" must be an object of file paths by format, such as { bmf: 'bench.bmf.json', 'github-action-benchmark': 'gab.json' }; received "bench.bmf.json"`)
    expect(() => resolvePerfOptions({ exports: { bencher: 'b.json' } })).toThrow('perfspec: plugin option "exports" has an unknown format "bencher"; formats: bmf, github-action-benchmark')
    expect(() => resolvePerfOptions({ exports: { bmf: '' } })).toThrow(`perfspec: plugin option "exports.bmf" must be a file path such as 'bench.bmf.json', or false; received ""`)
    expect(() => resolvePerfOptions({ exports: { 'github-action-benchmark': true } }, 'perf reporter')).toThrow(`perf reporter option "exports.github-action-benchmark" must be a file path such as 'gab.json', or false; received true`)
  })

  test('two files at one path are refused: one would overwrite the other', () => {
    expect(() => resolvePerfOptions({ exports: { bmf: './BENCHMARK_RESULTS.json' } })).toThrow('perfspec: plugin options "json" and "exports.bmf" both write ./BENCHMARK_RESULTS.json; give each its own file')
    expect(() => resolvePerfOptions({ exports: { bmf: 'x.json', 'github-action-benchmark': 'x.json' } })).toThrow('options "exports.bmf" and "exports.github-action-benchmark" both write x.json')
    expect(resolvePerfOptions({ json: false, exports: { bmf: 'BENCHMARK_RESULTS.json' } }).exports).toEqual({ bmf: 'BENCHMARK_RESULTS.json' })
  })
  test('a report path that names a folder (ending in a separator, . or ..) is refused, showing a file in it', () => {
    expect(() => resolvePerfOptions({ json: 'out/' })).toThrow(
      `perfspec: plugin option "json" must be a file path such as 'out/BENCHMARK_RESULTS.json'; received "out/": a path ending in a separator, '.' or '..' names a folder`,
    )
    expect(() => resolvePerfOptions({ output: 'docs/' }, 'Jest reporter')).toThrow(`perfspec: Jest reporter option "output" must be a file path such as 'docs/BENCHMARK_RESULTS.md'; received "docs/"`)
    expect(() => resolvePerfOptions({ output: 'docs\\' })).toThrow(`option "output" must be a file path such as 'docs/BENCHMARK_RESULTS.md'`)
    expect(() => resolvePerfOptions({ exports: { bmf: 'out/' } })).toThrow(`option "exports.bmf" must be a file path such as 'out/bench.bmf.json'`)
    expect(() => resolvePerfOptions({ json: '.' })).toThrow(`option "json" must be a file path such as 'BENCHMARK_RESULTS.json'`)
    expect(() => resolvePerfOptions({ json: 'out/.' })).toThrow(TypeError)
    expect(resolvePerfOptions({ json: 'out/run.json', output: 'docs/.report.md' })).toMatchObject({ json: 'out/run.json', output: 'docs/.report.md' })
  })

  test('a report path that leaves the project root is refused, naming the option; absolute paths inside it are kept', () => {
    expect(() => resolvePerfOptions({ exports: { bmf: '../../etc/x.json' } })).toThrow(`perfspec: plugin option "exports.bmf" must be a path inside the project root, such as 'bench.bmf.json': reports and exports are written in the project; received "../../etc/x.json"`)
    expect(() => resolvePerfOptions({ output: 'docs/../../out.md' }, 'perf reporter')).toThrow(`perf reporter option "output" must be a path inside the project root, such as 'BENCHMARK_RESULTS.md'`)
    expect(() => resolvePerfOptions({ json: '..' })).toThrow(TypeError)
    expect(resolvePerfOptions({ exports: { bmf: 'out/../bench.json' } }).exports).toEqual({ bmf: 'out/../bench.json' })
    // An absolute path is checked once the root is known: before any test runs, where both reporters hand the workers their config.
    const outside = resolvePerfOptions({ exports: { 'github-action-benchmark': '/etc/x.json' } })
    expect(() => workerGateConfig('/work/project', outside, undefined)).toThrow(`perfspec: option "exports.github-action-benchmark" must be a path inside the project root /work/project, where reports and exports are written; received "/etc/x.json"`)
    expect(() => workerGateConfig('/work/project', resolvePerfOptions({ json: '/work/project-other/r.json' }), undefined)).toThrow('option "json" must be a path inside the project root')
    expect(() => workerGateConfig('/work/project', resolvePerfOptions({ output: '/work/project/reports/r.md', exports: { bmf: '/work/project/b.json' } }), undefined)).not.toThrow()
  })
})

describe('the end of a run writes the exports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfspec-exports-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const finish = (root: string, exports: Record<string, string>, interrupted = false) =>
    finishRun(
      { tests: report.tests, root, runner: { name: 'vitest', version: '4' }, startedAt: 0, options: resolvePerfOptions({ exports }), runnerUpdate: undefined, runnerCi: true, now: () => 1000, speed: () => ({ ns: 10, version: 1 }), ...(interrupted && { interrupted }) },
      { NO_COLOR: '1' },
    )

  test('next to the JSON and the Markdown, atomically, listed among the files written', () => {
    const root = join(dir, 'ok')
    const out = finish(root, { bmf: 'perf/bench.bmf.json', 'github-action-benchmark': 'gab.json' })
    expect(out.console).toContain('wrote BENCHMARK_RESULTS.json, BENCHMARK_RESULTS.md, perf/bench.bmf.json, gab.json')
    expect(JSON.parse(readFileSync(join(root, 'perf', 'bench.bmf.json'), 'utf8'))).toEqual(bmfOf(exportSelection(report).results))
    const gab = JSON.parse(readFileSync(join(root, 'gab.json'), 'utf8'))
    expect(validGab(gab)).toBe(true)
    expect(gab.map((e: { name: string }) => e.name)).toEqual([plain.id, heavyTail.id, loadRun.id])
  })

  test("a file perfspec did not write is never replaced: a mistyped path over package.json or a source file is refused, the run fails", () => {
    const root = join(dir, 'theirs')
    mkdirSync(join(root, 'src'), { recursive: true })
    writeFileSync(join(root, 'package.json'), '{ "name": "mine" }\n')
    writeFileSync(join(root, 'src', 'a.test.ts'), 'test("x", () => {})\n')
    const out = finish(root, { bmf: 'package.json', 'github-action-benchmark': 'src/a.test.ts' })
    expect(out.failed).toBe(true)
    expect(out.console).toContain('✗ bmf export not written to package.json: the file exists and is not one perfspec wrote (a bmf export)')
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n')
    expect(readFileSync(join(root, 'src', 'a.test.ts'), 'utf8')).toBe('test("x", () => {})\n')
    // Its own files, from an earlier run, it rewrites.
    const again = finish(join(dir, 'ok'), { bmf: 'perf/bench.bmf.json', 'github-action-benchmark': 'gab.json' })
    expect(again.console).not.toContain('not written')
  })

  test("a stopped run writes no export: the last complete run's is kept, and the run says so; perfspec export of its report exports, says so, exits 1 (probe 19 #3)", () => {
    const root = join(dir, 'stopped')
    finish(root, { bmf: 'bench.bmf.json' })
    const complete = readFileSync(join(root, 'bench.bmf.json'), 'utf8')
    const out = finish(root, { bmf: 'bench.bmf.json' }, true)
    expect(out.failed).toBe(true)
    expect(out.console).toContain("bmf export not written to bench.bmf.json: the run was stopped before it ended, so it holds only part of the results; the last complete run's export is kept")
    expect(readFileSync(join(root, 'bench.bmf.json'), 'utf8')).toBe(complete)
    const id = 'a.test.ts > t > b'
    const stopped = { ...reportOfTests([{ file: 'a.test.ts', test: 't', state: 'passed', entries: [{ kind: 'bench', id, name: 'b', result: resultOf(id, latencies(200, 3)) }] }]), problems: ['the run was stopped before it ended (SIGTERM)'] }
    writeFileSync(join(root, 'stopped.json'), JSON.stringify(stopped))
    const cli = perfspec(['export', '--format', 'bmf', join(root, 'stopped.json')])
    expect(cli.status, cli.stderr).toBe(1)
    expect(cli.stderr).toContain('stopped.json: the run was stopped before it ended (SIGTERM)')
    expect(cli.stderr).toContain('the run report says its run went wrong (above): the export holds only what it measured')
    expect(Object.keys(JSON.parse(cli.stdout))).toEqual([id])
  })

  test('an absolute export path outside the project stops the end of the run before anything is written', () => {
    const root = join(dir, 'inside')
    const outside = join(dir, 'outside.bmf.json')
    expect(() => finish(root, { bmf: outside })).toThrow(`option "exports.bmf" must be a path inside the project root ${root}`)
    expect(existsSync(outside)).toBe(false)
    expect(existsSync(join(root, 'BENCHMARK_RESULTS.json'))).toBe(false)
  })

  test('an export that cannot be written is said and fails the run; the reports are still written', () => {
    const root = join(dir, 'blocked')
    mkdirSync(join(root, 'gab.json'), { recursive: true })
    const out = finish(root, { 'github-action-benchmark': 'gab.json' })
    expect(out.failed).toBe(true)
    expect(out.console).toContain("✗ github-action-benchmark export not written to gab.json: it is a directory; give a file path. The run fails: a tool reading gab.json next would read the last run's figures")
    expect(out.console).toMatch(/^ FAIL {2}/m)
    // Said once in the console; the reports written after it say it and FAIL too (they said
    // PASS over a run that failed on its export).
    expect(out.console.split('export not written to gab.json').length).toBe(2)
    const json = JSON.parse(readFileSync(join(root, 'BENCHMARK_RESULTS.json'), 'utf8')) as { summary: { status: string }; problems?: string[] }
    expect(json.summary.status).toBe('FAIL')
    expect(json.problems).toEqual([expect.stringContaining('github-action-benchmark export not written to gab.json: it is a directory')])
    expect(readFileSync(join(root, 'BENCHMARK_RESULTS.md'), 'utf8')).toContain('github-action-benchmark export not written to gab.json')
    // The reports themselves, likewise: said, and the run fails, never a raw stack.
    const other = join(dir, 'blocked-reports')
    mkdirSync(join(other, 'BENCHMARK_RESULTS.md'), { recursive: true })
    const reports = finish(other, {})
    expect(reports.failed).toBe(true)
    expect(reports.console).toContain('✗ the Markdown report not written to BENCHMARK_RESULTS.md: it is a directory; give a file path')
    expect(readFileSync(join(root, 'BENCHMARK_RESULTS.json'), 'utf8')).toContain('"perfspec": 1')
  })
})
