import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import AjvImport from 'ajv'
import addFormatsImport from 'ajv-formats'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import schema from '../schema/baseline.schema.json' with { type: 'json' }
import { main } from '../src/cli/main.js'
import type { RunReport } from '../src/model/run-report.js'
import { perfspec, perfspecBin } from './helpers/run-cli.js'

const fixture = (name: string) => join('test', 'fixtures', 'compare', name)

// Files made for one test, damaged on purpose.
const scratchDir = mkdtempSync(join(tmpdir(), 'perfspec-cli-'))
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }))
function scratch(name: string, text: string | Buffer): string {
  const path = join(scratchDir, name)
  writeFileSync(path, text)
  return path
}

describe('fixtures and the shipped schema', () => {
  const Ajv = ((AjvImport as unknown as { default?: typeof AjvImport }).default ?? AjvImport) as typeof AjvImport
  const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as typeof addFormatsImport
  // Any validator reads the shipped schema; its timestamps are `format: date-time`, which ajv checks with ajv-formats.
  const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema)

  test('a perfspec baseline file is valid; a broken one is not, by field', () => {
    expect(validate(JSON.parse(readFileSync(fixture('perfspec-baseline.json'), 'utf8')))).toBe(true)
    expect(validate(JSON.parse(readFileSync(join('baselines', 'examples', 'cache.test.ts.json'), 'utf8')))).toBe(true)
    expect(validate(JSON.parse(readFileSync(fixture('perfspec-baseline-invalid.json'), 'utf8')))).toBe(false)
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/benchmarks/0/unit', '/benchmarks/0/p95']))
  })
})

describe('perfspec compare', () => {
  test('better / +10 % / +25 % against a 20 % threshold: exit 0 / 0 / 1, with the percentage', () => {
    const better = perfspec(['compare', fixture('baseline.json'), fixture('better.json'), '--threshold', '20%'])
    expect(better.status, better.stderr).toBe(0)
    expect(better.stdout).toMatch(/^parse\s+1\.00ms\s+800µs\s+−20%\s+improved$/m)

    const plus10 = perfspec(['compare', fixture('baseline.json'), fixture('plus10.json'), '--threshold', '20%'])
    expect(plus10.status, plus10.stderr).toBe(0)
    expect(plus10.stdout).toMatch(/^parse\s+1\.00ms\s+1\.10ms\s+\+10%\s+ok$/m)

    const plus25 = perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--threshold', '20%'])
    expect(plus25.status).toBe(1)
    expect(plus25.stdout).toMatch(/^parse\s+1\.00ms\s+1\.25ms\s+\+25%\s+REGRESSED$/m)
    expect(plus25.stdout).toContain('✗ regression in "parse": p95 1.00ms → 1.25ms (+25%, threshold 20%)')
    expect(plus25.stdout).toMatch(/^FAIL: 3 benchmarks, 1 regressed/m)
    // Plain files carry no distribution: said once, as a note.
    expect(plus25.stdout).toContain('\ni 3 of 3 compared benchmarks were judged on their statistics alone, as the files have no latency distribution for them ("parse", "render", "hash"), so without ')
  })

  test('the threshold and the metric are options', () => {
    expect(perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--threshold', '30%']).status).toBe(0)
    expect(perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--threshold', '0.3']).status).toBe(0)
    const p50 = perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--metric', 'p50'])
    expect(p50.status).toBe(1) // p50 0.8 → 1.0 ms is +25 % too
    expect(p50.stdout).toContain('baseline p50')
  })

  test('a bare threshold number is a fraction; 20 or 1.5 is refused with both accepted forms, exit 2', () => {
    for (const bad of ['20', '1.5']) {
      const r = perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--threshold', bad])
      expect(r.status).toBe(2)
      expect(r.stderr).toContain(`perfspec compare: --threshold ${bad} is ambiguous`)
      expect(r.stderr).toMatch(/Write '[\d.]+%' for [\d.]+ percent, or [\d.]+ as a fraction/)
    }
  })

  test('a negative threshold is refused in plain words, whether written --threshold -5% or --threshold=-5%', () => {
    for (const args of [['--threshold', '-5%'], ['--threshold=-5%'], ['--threshold', '-0.05'], ['--warn=-5%']]) {
      const r = perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), ...args])
      expect(r.status).toBe(2)
      expect(r.stderr).toMatch(/^perfspec compare: --(threshold|warn) cannot be negative \(received "-[\d.]+%?"\): it is how much slower than the baseline fails; write a percentage string such as '20%', or a fraction below 1 such as 0\.2\n/)
      expect(r.stderr).not.toMatch(/ambiguous|Did you forget|XYZ/)
    }
  })

  test('a missing value, an unknown option or a value given to a flag is said in plain words', () => {
    const missing = perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--threshold'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('perfspec compare: --threshold needs a value, e.g. --threshold 20%\n')
    expect(perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--metric', '--threshold', '5%']).stderr).toContain('--metric needs a value, e.g. --metric p95')
    expect(perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--help=yes']).stderr).toContain('--help takes no value')
    expect(perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--threshold', 'NaN']).stderr).toContain('--threshold must be a percentage string such as \'20%\', or a fraction below 1 such as 0.2; received "NaN"')
    expect(perfspec(['report', '-o']).stderr).toContain('perfspec report: -o needs a value, e.g. -o BENCHMARK_RESULTS.md')
    // Given twice, the parser would keep the last one unsaid.
    const twice = perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--threshold', '5%', '--threshold=50%'])
    expect(twice.status).toBe(2)
    expect(twice.stderr).toContain('perfspec compare: --threshold is given twice (5% and 50%): give it once')
  })

  test('a fault of perfspec itself exits 2, saying so, never 1 (which means a regression)', () => {
    let err = ''
    const io = { out: () => { throw new TypeError("Cannot read properties of null (reading 'p50')") }, err: (t: string) => void (err += t), env: {} }
    expect(main(['compare', fixture('baseline.json'), fixture('several.json')], io)).toBe(2)
    expect(err).toMatch(/^perfspec compare: unexpected error, a bug in perfspec \(please report it with this output\): TypeError: Cannot read properties of null/)
  })

  test('messages carry the command name once', () => {
    const none = perfspec(['compare'])
    expect(none.status).toBe(2)
    expect(none.stderr).toMatch(/^perfspec compare: give a baseline file and at least one current file, e\.g\. /)
    expect(perfspec(['report']).stderr).toMatch(/^perfspec report: give one run report, e\.g\. /)
    expect(perfspec(['report', 'a.json', 'b.json']).stderr).toMatch(/^perfspec report: give one run report \(got 2\)/)
    const metric = perfspec(['compare', fixture('baseline.json'), fixture('plus25.json'), '--metric', 'p42'])
    expect(metric.stderr).toMatch(/^perfspec compare: --metric must be one of/)
    for (const r of [none, metric]) expect(r.stderr).not.toMatch(/perfspec( compare)?: perfspec/)
  })

  test('several benchmarks: the worst case decides; units convert', () => {
    const r = perfspec(['compare', fixture('baseline.json'), fixture('several.json')])
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^parse .* \+10%\s+ok$/m)
    expect(r.stdout).toMatch(/^render .* \+25%\s+REGRESSED$/m)
    expect(r.stdout).toMatch(/^hash .* −20%\s+improved$/m)
    expect(perfspec(['compare', fixture('baseline.json'), fixture('plus10-in-us.json')]).status).toBe(0)
  })

  test('GitHub Actions gets an ::error line for a regression, as from the reporter', () => {
    const r = perfspecBin(['compare', fixture('baseline.json'), fixture('several.json')], { GITHUB_ACTIONS: 'true' })
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^::error title=perfspec%3A performance regression::regression in "render": p95 2\.00ms → 2\.50ms \(\+25%25, threshold 20%25\)$/m)
    expect(r.stdout.match(/^::(error|warning)/gm)).toEqual(['::error'])
    expect(perfspec(['compare', fixture('baseline.json'), fixture('several.json')]).stdout).not.toContain('::')
  })

  test('a missing file is a non-zero exit naming the path', () => {
    const r = perfspec(['compare', fixture('baseline.json'), fixture('nowhere.json')])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('test/fixtures/compare/nowhere.json: no such file')
  })

  test('an invalid file is a non-zero exit naming the file and the field', () => {
    const r = perfspec(['compare', fixture('baseline.json'), fixture('missing-p95.json')])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('test/fixtures/compare/missing-p95.json is not a valid results file: [1].p95 is missing')
    const notJson = perfspec(['compare', fixture('not-json.json'), fixture('baseline.json')])
    expect(notJson.status).toBe(2)
    expect(notJson.stderr).toMatch(/not-json\.json is not valid JSON: .*\(line 2, column \d+\)/)
    const schemaInvalid = perfspec(['compare', fixture('perfspec-baseline-invalid.json'), fixture('baseline.json')])
    expect(schemaInvalid.stderr).toContain('benchmarks[0].unit must be one of "ns", "us", "µs", "ms", "s" (found "minutes")')
  })

  test("perfspec's own files: a baseline file against a run report, noise-aware", () => {
    const run = join('test', 'fixtures', 'run-report.json')
    const same = perfspec(['compare', run, run])
    expect(same.status, same.stderr).toBe(0)
    expect(same.stdout).toMatch(/PASS: 4 benchmarks, 0 regressed, 0 failed, 0 warn, 0 improved, 4 ok/)
    // A baseline file of the run's own benchmarks, with their distributions.
    const report = JSON.parse(readFileSync(run, 'utf8')) as RunReport
    const benchmarks = report.tests.flatMap((t) =>
      t.entries.flatMap((e) => (e.kind === 'bench' && e.result ? [{ bench_id: e.id, metric: 'latency', unit: 'ms', p50: e.result.latency.p50, p95: e.result.latency.p95, n: e.result.samples, timestamp: report.createdAt, histogram: e.result.histogram }] : [])),
    )
    const vsBaseline = perfspec(['compare', scratch('baseline.json', JSON.stringify({ perfspec: 1, benchmarks })), run])
    expect(vsBaseline.status, vsBaseline.stderr).toBe(0)
    expect(vsBaseline.stdout).toMatch(/^examples\/cache\.test\.ts > get is fast > cache\.get hit .* ok$/m)
    expect(vsBaseline.stdout).toMatch(/^PASS: 4 benchmarks, .* 4 ok, 0 new, 0 missing, 0 unchecked/m)
    expect(vsBaseline.stdout).not.toContain('statistics alone')
    // The same baseline with its histograms removed: the same verdicts, and a note that says why they rest on less.
    const stripped = benchmarks.map(({ histogram: _histogram, ...rest }) => rest)
    const vsStripped = perfspec(['compare', scratch('stripped.json', JSON.stringify({ perfspec: 1, benchmarks: stripped })), run])
    expect(vsStripped.status, vsStripped.stderr).toBe(0)
    expect(vsStripped.stdout).toMatch(/^PASS: 4 benchmarks, .* 4 ok/m)
    expect(vsStripped.stdout).toMatch(/^i 4 of 4 compared benchmarks were judged on their statistics alone, as the baseline has no latency distribution for them \("examples\/json\.test\.ts > /m)
  })

  test('a benchmark that failed in the current run is FAILED, exit 1, not "missing" and PASS; one gone from it stays missing, exit 0', () => {
    const run = join('test', 'fixtures', 'run-report.json')
    const report = JSON.parse(readFileSync(run, 'utf8')) as RunReport
    const broken = structuredClone(report)
    const test = broken.tests.find((t) => t.entries.some((e) => e.kind === 'bench' && e.result))!
    const bench = test.entries.find((e) => e.kind === 'bench' && e.result)!
    if (bench.kind !== 'bench') throw new Error('unreachable')
    delete bench.result
    bench.error = 'bench "fromB" failed: Error: boom'
    test.state = 'failed'
    const failed = scratch('failed.json', JSON.stringify(broken))
    const r = perfspec(['compare', run, failed], { GITHUB_ACTIONS: 'true' })
    expect(r.status, r.stderr).toBe(1)
    expect(r.stdout).toMatch(new RegExp(`^${bench.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\S+ +— +— +FAILED$`, 'm'))
    expect(r.stdout).toContain(`✗ "${bench.id}" failed in the current run, so it has no result to compare: bench "fromB" failed: Error: boom`)
    expect(r.stdout).toMatch(/^FAIL: 4 benchmarks, 0 regressed, 1 failed, 0 warn, 0 improved, 3 ok, 0 new, 0 missing, 0 unchecked/m)
    expect(r.stdout).toMatch(/^::error title=perfspec%3A benchmark failed::".*" failed in the current run/m)
    expect(r.stdout).not.toMatch(/missing$/m)

    // Gone from the current run (not failed): missing, which fails nothing.
    const gone = structuredClone(report)
    const home = gone.tests.find((t) => t.entries.some((e) => e.kind === 'bench' && e.id === bench.id))!
    home.entries = home.entries.filter((e) => e.kind !== 'bench' || e.id !== bench.id)
    gone.baselines = gone.baselines.filter((c: { benchId: string }) => c.benchId !== bench.id)
    const without = perfspec(['compare', run, scratch('gone.json', JSON.stringify(gone))])
    expect(without.status, without.stderr).toBe(0)
    expect(without.stdout).toMatch(/^PASS: 4 benchmarks, 0 regressed, 0 failed, 0 warn, 0 improved, 3 ok, 0 new, 1 missing, 0 unchecked/m)
  })

  test("a current run report that says its run went wrong (stopped mid-way) fails the comparison, saying so, whatever its table", () => {
    const run = join('test', 'fixtures', 'run-report.json')
    const report = JSON.parse(readFileSync(run, 'utf8')) as RunReport
    const stopped = { ...structuredClone(report), problems: ['the run was stopped before it ended (SIGINT): the results below are those the runner had reported by then; no baseline was written or removed'] }
    const path = scratch('stopped.json', JSON.stringify(stopped))
    const r = perfspec(['compare', run, path])
    expect(r.status, r.stderr).toBe(1)
    // The verdict line says FAIL too, not PASS and then FAIL (probe 20 #6).
    expect(r.stdout).toMatch(/^FAIL: 4 benchmarks/m)
    expect(r.stdout).not.toMatch(/^PASS/m)
    expect(r.stdout).toContain(` ✗ ${path}: the run was stopped before it ended (SIGINT)`)
    expect(r.stdout).toMatch(/ FAIL {2}the current run report says its run went wrong \(above\), so what it holds is incomplete/)
    // Probe 37 #8: as the baseline, it is said, with what it means for what reads "new".
    const reversed = perfspec(['compare', path, run])
    expect(reversed.stdout).toContain(` ! ${path}: the run was stopped before it ended (SIGINT)`)
    expect(reversed.stdout).toContain(' ! the baseline run report says its run went wrong (above): a benchmark that run never reached reads "new" here and is not gated')
  })

  test('a baseline file that keeps its entries per testbed: --testbed (or PERFSPEC_TESTBED) chooses; without one, a current file that is no run report is refused naming its testbeds (probe 24 #2; a run report is compared with them, not gated, as the reporter does: probe 21 #6); one it lacks, named, is refused', () => {
    const plain = JSON.parse(readFileSync(fixture('perfspec-baseline.json'), 'utf8')) as { perfspec: 1; file: string; benchmarks: Array<{ bench_id: string }> }
    const entries = plain.benchmarks.map((e) => ({ ...e, bench_id: `${plain.file} > t > ${e.bench_id}` }))
    const perTestbed = scratch('testbeds.json', JSON.stringify({ perfspec: 1, file: plain.file, benchmarks: [], testbeds: [{ name: 'ci-linux', benchmarks: entries }, { name: 'mac', benchmarks: entries }] }))
    const current = scratch('current.json', JSON.stringify({ perfspec: 1, file: plain.file, benchmarks: entries }))
    const none = perfspec(['compare', perTestbed, current])
    expect(none.status, none.stdout).toBe(2)
    expect(none.stderr).toContain(`${perTestbed} keeps baselines of testbed "ci-linux", testbed "mac" only, and ${current} names no testbed: name the one to compare with --testbed <name>`)
    expect(perfspec(['compare', perTestbed, current, '--testbed', 'ci-linux']).stdout).toMatch(/^PASS: 1 benchmark, .* 1 ok/m)
    expect(perfspec(['compare', perTestbed, current], { PERFSPEC_TESTBED: 'mac' }).stdout).toMatch(/^PASS: 1 benchmark, .* 1 ok/m)
    const lacking = perfspec(['compare', perTestbed, current, '--testbed', 'windows'])
    expect(lacking.status).toBe(2)
    expect(lacking.stderr).toContain(`${perTestbed} has no testbed "windows" (it has "ci-linux", "mac")`)
    expect(perfspec(['compare', perTestbed, current, '--testbed', '../x']).stderr).toMatch(/--testbed/)
  })

  test('a benchmark id that would start a GitHub workflow command is printed inert by compare', () => {
    const entry = (p95: number) => [{ bench_id: '::error title=c::d/r.test.ts > t > b', metric: 'latency', unit: 'ms', p50: p95 / 2, p95, n: 100, timestamp: '2026-01-01T00:00:00Z' }]
    const r = perfspec(['compare', scratch('cmd-base.json', JSON.stringify(entry(1))), scratch('cmd-cur.json', JSON.stringify(entry(1)))])
    expect(r.stdout.split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([])
    expect(r.stdout).toContain('› ::error title=c::d/r.test.ts > t > b')
  })

  test('one benchmark is counted in the singular', () => {
    const one = scratch('one.json', JSON.stringify([{ bench_id: 'parse', metric: 'latency', unit: 'ms', p50: 0.5, p95: 1, n: 10, timestamp: '2026-01-01T00:00:00Z' }]))
    expect(perfspec(['compare', one, one]).stdout).toMatch(/^PASS: 1 benchmark, 0 regressed/m)
  })

  test('perfspec --version prints the package version, exit 0 (the built bin)', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    for (const flag of ['--version', '-v']) {
      const r = perfspecBin([flag])
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout).toBe(`${version}\n`)
      expect(r.stderr).toBe('')
    }
    expect(perfspec(['--help']).stdout).toContain('perfspec --version prints the version')
  })

  test('--help, and unknown flags are errors', () => {
    const help = perfspec(['compare', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: perfspec compare <baseline.json> <current.json>... [--threshold 20%] [--metric p95]')
    expect(help.stdout).toContain('Exit: 0 no regression; 1 a benchmark regressed, or failed in a current run report (its bench\nthrew: no result)')
    expect(help.stdout).toContain('a regression or a failed benchmark prints an\n::error line, a warning or an unchecked benchmark a ::warning line')
    const unknown = perfspec(['compare', fixture('baseline.json'), fixture('better.json'), '--treshold', '5%'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('perfspec compare: unknown option --treshold (options: --threshold, --warn, --metric, --testbed, --cross-machine, -h/--help)')
    expect(perfspec(['compare', fixture('baseline.json'), fixture('better.json'), '--metric', 'p42']).stderr).toContain(`--metric must be one of 'p50', 'mean'`)
    expect(perfspec(['compare', fixture('baseline.json')]).status).toBe(2)
    expect(perfspec(['frobnicate']).stderr).toContain('unknown command "frobnicate"')
    expect(perfspec(['--help']).stdout).toContain('compare <baseline.json> <current.json>...')
  })
})

describe('perfspec report', () => {
  const run = join('test', 'fixtures', 'run-report.json')

  test('renders the Markdown report again from a run JSON', () => {
    const r = perfspec(['report', run])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^# Benchmark results/)
    expect(r.stdout).toMatch(/^## \S+\.test\.ts$/m)
    expect(r.stdout).toContain('cache.get hit')
    expect(r.stdout).toContain('<summary>Environment</summary>')
  })

  test('--output writes the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfspec-report-'))
    try {
      const out = join(dir, 'BENCHMARK_RESULTS.md')
      expect(perfspec(['report', run, '--output', out]).status).toBe(0)
      expect(readFileSync(out, 'utf8')).toMatch(/^# Benchmark results/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('errors: help, unknown flags, missing file, not a run report', () => {
    expect(perfspec(['report', '--help']).stdout).toContain('Usage: perfspec report <results.json>')
    expect(perfspec(['report', run, '--bogus']).status).toBe(2)
    const missing = perfspec(['report', 'nowhere.json'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('nowhere.json: no such file')
    expect(perfspec(['report', fixture('baseline.json')]).stderr).toContain('is not a perfspec run report')
  })
})

describe('damaged results files: exit 2 naming the file and the field, never a crash', () => {
  const run = join('test', 'fixtures', 'run-report.json')
  /** The fixture run report, changed by `damage`, as a file. */
  const damaged = (name: string, damage: (report: Record<string, any>) => void) => {
    const report = JSON.parse(readFileSync(run, 'utf8'))
    damage(report)
    return scratch(name, JSON.stringify(report, null, 2))
  }
  const noCrash = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/TypeError|\n\s+at /)

  test('a run report with a field set to null: report and compare say where, and to run the tests again', () => {
    const file = damaged('latency-null.json', (r) => {
      r.tests[0].entries[0].result.latency = null
    })
    for (const r of [perfspec(['report', file]), perfspec(['compare', file, run]), perfspec(['compare', run, file])]) {
      expect(r.status).toBe(2)
      noCrash(r)
      expect(r.stderr).toContain(`${file} is not a valid perfspec run report: tests[0].entries[0].result.latency must be an object (found null)`)
      expect(r.stderr).toContain('run the tests again to write it anew')
    }
  })

  test('a run report with a missing, mistyped or undecodable field', () => {
    const cases: Array<[string, (r: Record<string, any>) => void, string]> = [
      ['no-summary.json', (r) => delete r.summary, 'summary is missing'],
      ['samples.json', (r) => (r.tests[2].entries[0].result.samples = 'many'), 'tests[2].entries[0].result.samples must be a whole number, 1 or more (found "many")'],
      ['p95-text.json', (r) => (r.tests[0].entries[0].result.latency.p95 = '2ms'), 'tests[0].entries[0].result.latency.p95 must be a number from 0 to 10,000,000,000 or null (found "2ms")'],
      ['kind.json', (r) => (r.tests[0].entries[1].kind = 'bogus'), 'tests[0].entries[1].kind must be one of "bench", "expectation", "leak", "scaling", "retention" (found "bogus")'],
      ['expectation.json', (r) => delete r.tests[0].entries[1].status, 'tests[0].entries[1].status is missing'],
      ['check.json', (r) => (r.baselines[0].status = 'great'), 'baselines[0].status must be one of'],
      ['histogram.json', (r) => (r.tests[1].entries[0].result.histogram = 'HISTFAAAAB'), 'tests[1].entries[0].result.histogram cannot be decoded: '],
      ['environment.json', (r) => (r.environment = []), 'environment must be an object (found an array)'],
      ['created-at.json', (r) => (r.createdAt = 'yesterday'), 'createdAt must be an ISO 8601 date and time with its time zone, such as "2026-11-20T10:00:00.000Z" (found "yesterday")'],
    ]
    for (const [name, damage, problem] of cases) {
      const r = perfspec(['report', damaged(name, damage)])
      expect(r.status, name).toBe(2)
      noCrash(r)
      expect(r.stderr, name).toContain(problem)
    }
  })

  test('figures the reporter wrote as null (they were not finite) still render and compare', () => {
    const file = damaged('not-finite.json', (r) => {
      const result = r.tests[2].entries[0].result
      result.latency.rme = null
      result.throughput.mean = null
      r.tests[3].entries[0].result.latency.p95 = null
    })
    const report = perfspec(['report', file])
    expect(report.status, report.stderr).toBe(0)
    expect(report.stdout).toContain('cache.get hit')
    const compare = perfspec(['compare', run, file])
    expect(compare.status, compare.stderr).toBe(0)
    expect(compare.stdout).toMatch(/^examples\/cache\.test\.ts > set with eviction stays fast > cache\.set evicting .* unchecked$/m)
    expect(compare.stdout).toMatch(/^PASS: 4 benchmarks, .* 1 unchecked/m)
  })

  test('a baseline with a figure of 0, infinite (1e999) or negative, a bench_id twice, or a histogram that does not decode', () => {
    const entry = (id: string, more = '') => `{ "bench_id": "${id}", "metric": "latency", "unit": "ms", "p50": 1, "p95": 2, "n": 10, "timestamp": "2026-01-01T00:00:00Z"${more} }`
    const file = (name: string, ...entries: string[]) => scratch(name, `{ "perfspec": 1, "benchmarks": [${entries.join(', ')}] }`)
    const cases: Array<[string, string]> = [
      [file('zero.json', entry('a'), entry('b', ', "p95": 0')), 'benchmarks[1].p95 must be a positive finite number (found 0)'],
      [file('infinite.json', entry('a', ', "p99": 1e999')), 'benchmarks[0].p99 must be a positive finite number (found Infinity)'],
      [file('negative.json', entry('a', ', "mean": -1, "sd": -0.5')), 'benchmarks[0].mean must be a positive finite number (found -1); benchmarks[0].sd must be a finite number, 0 or more (found -0.5)'],
      [file('twice.json', entry('x'), entry('y'), entry('x')), 'benchmarks[2].bench_id "x" appears twice (also benchmarks[0])'],
      [file('histogram.json', entry('a'), entry('b', ', "histogram": "abc"')), 'benchmarks[1].histogram cannot be decoded: Invalid string. Length must be a multiple of 4'],
    ]
    for (const [path, problem] of cases) {
      const r = perfspec(['compare', path, fixture('baseline.json')])
      expect(r.status, path).toBe(2)
      expect(r.stderr, path).toContain(`${path} is not a valid perfspec baseline file: ${problem}`)
    }
    // Plain files of other tools follow the same rules.
    const plain = perfspec(['compare', fixture('baseline.json'), scratch('plain-zero.json', `[${entry('parse', ', "p95": 0')}]`)])
    expect(plain.status).toBe(2)
    expect(plain.stderr).toContain('plain-zero.json is not a valid results file: [0].p95 must be a positive finite number (found 0)')
  })

  test('a file of another format version, or a version that is not a number, an empty file, binary data, a directory', () => {
    const v2 = perfspec(['report', scratch('v2.json', JSON.stringify({ perfspec: 2, tests: [] }))])
    expect(v2.stderr).toMatch(/v2\.json is a perfspec file of format version 2; this perfspec reads version 1/)
    // probe 84 #2: a version that is not a number was read as another tool's list ("holds no benchmarks").
    for (const [name, version] of [['vstr.json', '"1"'], ['vnull.json', 'null']] as const) {
      const r = perfspec(['report', scratch(name, `{ "perfspec": ${version}, "tests": [] }`)])
      expect(r.status).toBe(2)
      expect(r.stderr).toContain(`${name} has "perfspec": ${version}, where a perfspec file has the number 1 (its format version)`)
    }
    const empty = perfspec(['compare', scratch('empty.json', ''), fixture('baseline.json')])
    expect(empty.status).toBe(2)
    expect(empty.stderr).toMatch(/empty\.json is empty: expected JSON text\n$/)
    const binary = perfspec(['compare', fixture('baseline.json'), scratch('binary.json', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]))])
    expect(binary.status).toBe(2)
    expect(binary.stderr).toMatch(/binary\.json holds binary data, not JSON text\n$/)
    expect(binary.stderr).not.toContain('\u001b')
    const directory = perfspec(['compare', fixture('baseline.json'), scratchDir])
    expect(directory.status).toBe(2)
    expect(directory.stderr).toContain(`${scratchDir} is a directory; give the path of a results file in it`)
    const output = perfspec(['report', run, '--output', scratchDir])
    expect(output.status).toBe(2)
    expect(output.stderr).toContain(`perfspec report: --output ${scratchDir} is a directory; give a file path, e.g. --output ${scratchDir}/BENCHMARK_RESULTS.md`)
    noCrash(output)
  })
})

describe('perfspec compare never passes a gate that checked nothing', () => {
  test('--metric mean on plain files (p50/p95 only): every benchmark unchecked, counted, exit 2', () => {
    const r = perfspec(['compare', fixture('baseline.json'), fixture('plus10.json'), '--metric', 'mean'])
    expect(r.status).toBe(2)
    expect(r.stdout).not.toMatch(/^PASS/m)
    expect(r.stdout).toMatch(/^NOTHING COMPARED: 3 benchmarks, 0 regressed, 0 failed, 0 warn, 0 improved, 0 ok, 0 new, 0 missing, 3 unchecked \(gate: mean/m)
    expect(r.stdout).toContain('Nothing was compared: no benchmark has a "mean" figure on both sides. Choose a --metric both files carry')
  })

  test('the unchecked count is always printed', () => {
    expect(perfspec(['compare', fixture('baseline.json'), fixture('plus10.json')]).stdout).toMatch(/^PASS: 3 benchmarks, .* 0 missing, 0 unchecked \(gate/m)
  })

  test('[] against []: both files hold no benchmarks; disjoint files compare nothing', () => {
    const empty = scratch('none.json', '[]')
    const r = perfspec(['compare', empty, empty])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`perfspec compare: ${empty} and ${empty} both hold no benchmarks: nothing to compare\n`)
    const disjoint = perfspec(['compare', fixture('baseline.json'), empty])
    expect(disjoint.status).toBe(2)
    expect(disjoint.stdout).toMatch(/^NOTHING COMPARED: 3 benchmarks, .* 3 missing, 0 unchecked/m)
  })

  test('a benchmark in two current files (overlapping shards) is refused', () => {
    const r = perfspec(['compare', fixture('baseline.json'), fixture('plus10.json'), fixture('several.json')])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('"parse" is in both test/fixtures/compare/plus10.json and test/fixtures/compare/several.json')
  })
})

describe('perfspec export', () => {
  const run = join('test', 'fixtures', 'run-report.json')
  const ids = (JSON.parse(readFileSync(run, 'utf8')) as RunReport).tests.flatMap((t) => t.entries.flatMap((e) => (e.kind === 'bench' ? [e.id] : [])))
  /** The fixture run report with its first bench failed: no result, an error. */
  const withFailure = () => {
    const report = JSON.parse(readFileSync(run, 'utf8'))
    const entry = report.tests[0].entries[0]
    delete entry.result
    entry.error = 'SyntaxError: Unexpected token'
    return scratch('export-failed.json', JSON.stringify(report))
  }

  test('--format bmf prints the Bencher Metric Format of every benchmark, keyed by bench id', () => {
    const r = perfspec(['export', '--format', 'bmf', run])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const bmf = JSON.parse(r.stdout)
    expect(Object.keys(bmf)).toEqual(ids)
    for (const measures of Object.values(bmf) as Array<Record<string, { value: number; lower_value: number; upper_value: number }>>) {
      expect(Object.keys(measures)).toEqual(['latency', 'throughput'])
      expect(measures.latency!.lower_value).toBeLessThanOrEqual(measures.latency!.value)
      expect(measures.latency!.upper_value).toBeGreaterThanOrEqual(measures.latency!.value)
    }
  })

  test('--format github-action-benchmark -o writes its customSmallerIsBetter array to a file', () => {
    const out = join(scratchDir, 'out', 'gab.json')
    const r = perfspec(['export', '-f', 'github-action-benchmark', run, '-o', out])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toBe('')
    const entries = JSON.parse(readFileSync(out, 'utf8'))
    expect(entries.map((e: { name: string }) => e.name)).toEqual(ids)
    expect(entries[0]).toEqual({ name: ids[0], unit: 'ns/iter', value: expect.any(Number), range: expect.stringMatching(/^±\d+\.\d%$/), extra: expect.stringMatching(/^p50 .*, p95 .*, p99 .*\n[\d,]+ samples, throughput /) })
  })

  test('a failed benchmark is left out, said on stderr with its count', () => {
    const r = perfspec(['export', '--format=bmf', withFailure()])
    expect(r.status, r.stderr).toBe(0)
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(ids.slice(1))
    expect(r.stderr).toBe(`perfspec export: 1 failed benchmark not exported (no result): "${ids[0]}"\n`)
  })

  test('nothing to export: exit 2, saying so', () => {
    const report = JSON.parse(readFileSync(run, 'utf8'))
    for (const test of report.tests) test.entries = test.entries.filter((e: { kind: string }) => e.kind !== 'bench')
    report.baselines = []
    const file = scratch('export-none.json', JSON.stringify(report))
    const r = perfspec(['export', '--format', 'bmf', file])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`perfspec export: ${file} holds no benchmark with a result: nothing to export\n`)
  })

  test('bad arguments exit 2 naming the thing and the fix', () => {
    const cases: Array<[string[], string]> = [
      [[run], 'perfspec export: give the format with --format bmf or --format github-action-benchmark, e.g. perfspec export --format bmf BENCHMARK_RESULTS.json\nRun perfspec export --help for usage.\n'],
      [['--format', 'bencher', run], 'perfspec export: --format bencher is not a format perfspec exports; use bmf or github-action-benchmark\nRun perfspec export --help for usage.\n'],
      [['--format', run], `perfspec export: --format ${run} is not a format perfspec exports; use bmf or github-action-benchmark; the format comes before the file: perfspec export --format bmf ${run}\nRun perfspec export --help for usage.\n`],
      [[run, '--format'], `perfspec export: --format needs a value, e.g. --format bmf\nRun perfspec export --help for usage.\n`],
      [['--format', 'bmf'], 'perfspec export: give one run report, e.g. perfspec export --format bmf BENCHMARK_RESULTS.json\nRun perfspec export --help for usage.\n'],
      [['--format', 'bmf', run, 'extra.json'], `perfspec export: give one run report (got 2: ${run} extra.json), e.g. perfspec export --format bmf BENCHMARK_RESULTS.json\nRun perfspec export --help for usage.\n`],
      [['--format', 'bmf', run, '--out', 'x.json'], 'perfspec export: unknown option --out (options: -f/--format, -o/--output, --force, -h/--help)\nRun perfspec export --help for usage.\n'],
      [['--format', 'bmf', 'nowhere.json'], 'perfspec export: nowhere.json: no such file\n'],
      [['--format', 'bmf', fixture('baseline.json')], `perfspec export: ${fixture('baseline.json')} is not a perfspec run report (BENCHMARK_RESULTS.json): it is a plain results file\n`],
      [['--format', 'bmf', run, '--output', scratchDir], `perfspec export: --output ${scratchDir} is a directory; give a file path, e.g. --output ${scratchDir}/bench.bmf.json\n`],
      [['--format', 'bmf', run, '--output', join(run, 'bench.json')], `perfspec export: --output ${join(run, 'bench.json')} cannot be written: a part of its folder path is a file\n`],
    ]
    for (const [args, stderr] of cases) {
      const r = perfspec(['export', ...args])
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stdout, args.join(' ')).toBe('')
      expect(r.stderr, args.join(' ')).toBe(stderr)
    }
  })

  test('an invalid run report: exit 2 naming the file and the field', () => {
    const report = JSON.parse(readFileSync(run, 'utf8'))
    report.tests[0].entries[0].result.latency = null
    const file = scratch('export-invalid.json', JSON.stringify(report))
    const r = perfspec(['export', '--format', 'github-action-benchmark', file])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`perfspec export: ${file} is not a valid perfspec run report: tests[0].entries[0].result.latency must be an object (found null)`)
  })

  test('--help, and perfspec --help lists the command', () => {
    const help = perfspec(['export', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: perfspec export --format bmf|github-action-benchmark <results.json> [--output file [--force]]')
    expect(help.stdout).toContain('bencher run --adapter json --file <file>')
    expect(help.stdout).toContain('customSmallerIsBetter')
    expect(perfspec(['--help']).stdout).toContain('export --format bmf|github-action-benchmark <results.json>')
  })
})
