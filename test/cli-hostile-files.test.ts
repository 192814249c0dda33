import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { markdownText } from '../src/report/markdown-text.js'
import { perfspec } from './helpers/run-cli.js'

// Results files written to attack the outputs that print them: ids that start workflow commands
// or carry escape sequences, ids given twice, figures no run measures, a summary edited to pass.
const run = join('test', 'fixtures', 'run-report.json')
const dir = mkdtempSync(join(tmpdir(), 'perfspec-hostile-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The fixture run report, changed by `change`, as a file. */
function edited(name: string, change: (report: Record<string, any>) => void): string {
  const report = JSON.parse(readFileSync(run, 'utf8'))
  change(report)
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(report, null, 2))
  return path
}

/** A run report damaged by hand (file name, the damage, the problem said): `report`, `compare` and `export` each exit 2 naming it. */
type Damage = [string, (r: Record<string, any>) => void, string]

function refusedByEveryCommand(cases: Damage[]): void {
  for (const [name, damage, problem] of cases) {
    const path = edited(name, damage)
    for (const args of [['report', path], ['compare', path, run], ['export', '--format', 'bmf', path]]) {
      const r = perfspec(args)
      expect(r.status, `${args.join(' ')}`).toBe(2)
      expect(r.stderr, name).toContain(`${path} is not a valid perfspec run report: ${problem}`)
    }
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const plainEntry = (id: string, p95: number) => ({ bench_id: id, metric: 'latency', unit: 'ms', p50: p95 / 2, p95, n: 10, timestamp: '2026-01-01T00:00:00Z' })

/** No output line may start a workflow command or carry a terminal escape sequence of the file's. */
function expectSafe(output: string): void {
  expect(output).not.toMatch(/^::error::inj/m)
  expect(output).not.toMatch(/^::(error|warning)(?! title=perfspec)/m)
  expect(output).not.toContain('\u001b')
}

describe('ids and names with control characters are printed as escapes', () => {
  const injected = 'x\n::error::inj\u001b[31m'
  const printed = 'x\\n::error::inj\\u001b[31m'

  test('a plain results file under GitHub Actions: compare prints no ::error line of the file', () => {
    const baseline = file('plain-baseline.json', JSON.stringify([plainEntry(injected, 1)]))
    const current = file('plain-current.json', JSON.stringify([plainEntry(injected, 2)]))
    const r = perfspec(['compare', baseline, current], { GITHUB_ACTIONS: 'true' })
    expect(r.status).toBe(1)
    expectSafe(r.stdout)
    expect(r.stdout).toContain(`${printed}  `)
    expect(r.stdout).toMatch(/^::error title=perfspec%3A performance regression::regression in "x\\n::error::inj\\u001b\[31m"/m)
  })

  test('a run report: compare, report and export print the escapes; the Markdown list stays one item a line', () => {
    const report = edited('injected-run.json', (r) => {
      const bench = r.tests[0].entries[0]
      bench.id = bench.result.id = `${bench.id} ${injected}`
      bench.name = bench.result.name = `name ${injected}`
      r.tests[0].entries[1].benchId = bench.id
      r.tests[0].entries[1].message = `too slow ${injected}`
      // A failed expectation as a run writes one: its limit below what was measured.
      Object.assign(r.tests[0].entries[1], { status: 'FAIL', limit: 1 })
      // What failed failed its test: in a test that passed, it would have been caught (CAUGHT).
      r.tests[0].state = 'failed'
      r.tests[0].test = `describe ${injected}`
      r.baselines[0].benchId = bench.id
      // A failed bench, which export names on stderr.
      const failed = r.tests[1].entries[0]
      r.baselines.find((c: { benchId: string }) => c.benchId === failed.id).benchId = failed.id = `${failed.id} ${injected}`
      delete failed.result
      failed.error = `Error: boom ${injected}`
      r.tests[1].state = 'failed'
    })
    const compare = perfspec(['compare', report, report], { GITHUB_ACTIONS: 'true' })
    // The failed bench fails the comparison, its error (with the injection) printed as escapes.
    expect(compare.status, compare.stderr).toBe(1)
    expectSafe(compare.stdout)
    expect(compare.stdout).toContain(printed)
    expect(compare.stdout).toContain(`failed in the current run, so it has no result to compare: Error: boom ${printed}`)

    const markdown = perfspec(['report', report])
    expect(markdown.status, markdown.stderr).toBe(0)
    expectSafe(markdown.stdout)
    // As escapes, and as Markdown text (its backslashes and brackets escaped in turn).
    expect(markdown.stdout).toContain(markdownText(printed))
    // Every line of the failures section is an item of its list.
    const failures = markdown.stdout.split('## Regressions and failures\n\n')[1]!.split('\n\n')[0]!
    for (const line of failures.split('\n')) expect(line).toMatch(/^- ❌ /)

    for (const format of ['bmf', 'github-action-benchmark']) {
      const exported = perfspec(['export', '--format', format, report])
      expect(exported.status, exported.stderr).toBe(0)
      expectSafe(exported.stdout + exported.stderr)
      expect(exported.stderr).toContain(printed)
      expect(exported.stdout).toContain(JSON.stringify(printed).slice(1, -1))
    }
  })
})

describe('a run report is refused for what no run writes', () => {
  test('two benchmarks with one id: compare refuses it (exit 2, naming the id); report still renders it', () => {
    const twice = edited('twice.json', (r) => {
      const other = r.tests[1].entries[0]
      r.baselines.find((c: { benchId: string }) => c.benchId === other.id).benchId = other.id = other.result.id = r.tests[0].entries[0].id
    })
    const id = JSON.parse(readFileSync(twice, 'utf8')).tests[0].entries[0].id
    for (const args of [[twice, run], [run, twice]]) {
      const r = perfspec(['compare', ...args])
      expect(r.status).toBe(2)
      expect(r.stderr).toBe(`perfspec compare: ${twice} has a benchmark id carried by several benchmarks: "${id}"; compare needs one result per id: rename the tests or benchmarks that share one, and run them again\n`)
    }
    expect(perfspec(['report', twice]).status).toBe(0)
  })

  test('a negative, absurd or missing latency, and a result of no samples', () => {
    const cases: Damage[] = [
      ['negative.json', (r) => (r.tests[0].entries[0].result.latency.p95 = -1), 'tests[0].entries[0].result.latency.p95 must be a number from 0 to 10,000,000,000 or null (found -1)'],
      ['absurd.json', (r) => (r.tests[1].entries[0].result.latency.mean = 1e308), 'tests[1].entries[0].result.latency.mean must be a number from 0 to 10,000,000,000 or null (found 1e+308)'],
      ['cold.json', (r) => (r.tests[1].entries[0].result.cold = -5), 'tests[1].entries[0].result.cold must be a number from 0 to 10,000,000,000 or null (found -5)'],
      ['no-samples.json', (r) => (r.tests[2].entries[0].result.samples = 0), 'tests[2].entries[0].result.samples must be a whole number, 1 or more (found 0)'],
    ]
    refusedByEveryCommand(cases)
  })
})

describe("a result filed under another benchmark's id is refused by every command alike", () => {
  test("an entry's id or its result's id edited to another benchmark's: exit 2 from report, compare and export, naming the field", () => {
    const other = (r: Record<string, any>) => r.tests[1].entries[0].id as string
    const entryId = edited('entry-id.json', (r) => (r.tests[0].entries[0].id = other(r)))
    const resultId = edited('result-id.json', (r) => (r.tests[0].entries[0].result.id = other(r)))
    for (const path of [entryId, resultId]) {
      for (const args of [['report', path], ['compare', path, run], ['export', '--format', 'bmf', path]]) {
        const r = perfspec(args)
        expect(r.status, `${args.join(' ')}`).toBe(2)
        expect(r.stderr).toContain(`${path} is not a valid perfspec run report: tests[0].entries[0].result.id `)
        expect(r.stderr).toContain("is not its entry's id")
      }
    }
  })
})

describe('a run report whose figures its histogram does not give is refused', () => {
  test('a p95 raised by hand (a thousandfold regression that compare called too noisy to gate) and a p50 lowered', () => {
    const raised = edited('raised.json', (r) => (r.tests[0].entries[0].result.latency.p95 *= 1000))
    const lowered = edited('lowered.json', (r) => (r.tests[0].entries[0].result.latency.p50 /= 2))
    for (const [path, problem] of [
      [raised, /tests\[0\]\.entries\[0\]\.result\.latency\.p95 \S+ \(.+\) is above the p95 of tests\[0\]\.entries\[0\]\.result\.histogram \(.+\); the figures and the histogram must come from one measurement/],
      [lowered, /tests\[0\]\.entries\[0\]\.result\.latency\.p50 \S+ \(.+\) is below the p50 of tests\[0\]\.entries\[0\]\.result\.histogram/],
    ] as const) {
      for (const args of [['report', path], ['compare', run, path]]) {
        const r = perfspec(args)
        expect(r.status, args.join(' ')).toBe(2)
        expect(r.stderr).toContain(`${path} is not a valid perfspec run report: `)
        expect(r.stderr).toMatch(problem)
      }
    }
    // The file as the reporter wrote it agrees with its histograms.
    expect(perfspec(['compare', run, run]).status).toBe(0)
  })
})

describe('report decides from the data, not from the summary', () => {
  test('a summary edited to PASS over a failed expectation and a regression still reads FAIL', () => {
    const report = edited('summary-pass.json', (r) => {
      Object.assign(r.tests[0].entries[1], { status: 'FAIL', limit: 1 })
      r.tests[0].state = 'failed'
      // A regression whose figures agree (its baseline made lower), as a run writes one.
      Object.assign(r.baselines[2], { status: 'regressed', baseline: 0.002303999 / 1.42, change: 0.42, interval: [0.38, 0.46] })
      r.summary.status = 'PASS'
      r.summary.regressions = 0
    })
    const r = perfspec(['report', report])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^\*\*❌ FAIL\*\* · /m)
    expect(r.stdout).toMatch(/^\| 4 \| 1 \| 5 \/ 0 \/ 1 \| 0 \/ 0 \|$/m)
  })
})

describe('a file that starts with a UTF-8 byte-order mark is read', () => {
  test('plain files and perfspec baseline files, as Windows editors save them', () => {
    const bom = '\ufeff'
    const baseline = file('bom-baseline.json', `${bom}${JSON.stringify({ perfspec: 1, benchmarks: [plainEntry('parse', 1)] })}`)
    const current = file('bom-current.json', `${bom}${JSON.stringify([plainEntry('parse', 1.1)])}`)
    const r = perfspec(['compare', baseline, current])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^parse\s+1\.00ms\s+1\.10ms\s+\+10%\s+ok$/m)
    expect(perfspec(['report', file('bom-run.json', `${bom}${readFileSync(run, 'utf8')}`)]).status).toBe(0)
    expect(perfspec(['compare', file('bom-only.json', bom), current]).stderr).toContain('bom-only.json is empty: expected JSON text')
  })
})

describe("a baseline check's verdict edited against its figures, or naming no benchmark, is refused by every command alike", () => {
  test('a pass on a change wholly above the threshold, a regression within it, an improvement that is slower, a check of no benchmark: exit 2 naming the field', () => {
    const cases: Damage[] = [
      ['check-ok.json', (r) => Object.assign(r.baselines[2], { change: 4.2, interval: [3.9, 4.5] }), 'baselines[2].status "ok" with the interval of its change wholly above its threshold of 20% (from +390%): that is a regression'],
      ['check-regressed.json', (r) => (r.baselines[3].status = 'regressed'), 'baselines[3].status "regressed" with a change of −14%, within its threshold of 20%: a regression is beyond it'],
      ['check-improved.json', (r) => (r.baselines[2].status = 'improved'), 'baselines[2].status "improved" with a change of +1.8%: an improvement is faster'],
      ['check-orphan.json', (r) => (r.baselines[2].benchId = 'examples/cache.test.ts > zz > q'), 'baselines[2].benchId "examples/cache.test.ts > zz > q" names no benchmark of the report'],
    ]
    refusedByEveryCommand(cases)
  })

  test('probe 66 #1, probe 67 #1: a new or written baseline with a value compared, a current that is not its result, a change that does not follow, a pass beyond the threshold, a threshold that is not the run\'s gate, an expectation whose status its figures contradict: exit 2 naming the field', () => {
    const cases: Damage[] = [
      ['check-new.json', (r) => (r.baselines[2].status = 'new'), 'baselines[2].status "new" with a baseline value or a change: a benchmark whose baseline is new, written or rewritten has none to be compared with'],
      ['check-written.json', (r) => Object.assign(r.baselines[0], { baseline: 1, change: 1.84 }), 'baselines[0].status "written" with a baseline value or a change'],
      ['check-current.json', (r) => Object.assign(r.baselines[2], { current: 0.001, change: 0.001 / 0.002263039 - 1, interval: [-0.6, -0.5] }), "baselines[2].current 0.001 is not its result's p95 (0.002303999): the check compares what the run measured"],
      ['check-change.json', (r) => Object.assign(r.baselines[2], { change: -0.5, interval: [-0.6, -0.4] }), 'baselines[2].change −50% does not follow from its current 0.002303999 and baseline 0.002263039 (+1.8%)'],
      ['check-beyond.json', (r) => Object.assign(r.baselines[2], { baseline: 0.001, change: 0.002303999 / 0.001 - 1, interval: [0.1, 2] }), 'baselines[2].status "ok" with a change of +130%, beyond its threshold of 20%: a pass lies within it'],
      ['expectation-status.json', (r) => (r.tests[2].entries[3].status = 'FAIL'), 'tests[2].entries[3].status "FAIL" where its actual 435589.2866182027 > its limit 100000 is PASS: an expectation\'s status is what its figures decide'],
      ['expectation-pass.json', (r) => ((r.tests[0].entries[1].limit = 1), (r.summary.status = 'PASS')), 'tests[0].entries[1].status "PASS" where its actual 2.843738111 < its limit 1 is FAIL'],
      ['check-threshold.json', (r) => ((r.gate = { metric: 'p95', threshold: 0.2, warn: 0.1 }), (r.baselines[2].threshold = 100)), "baselines[2].threshold 10000% on p95 is not the gate the run judged it by (20% on p95: the run's, the benchmark setting none of its own)"],
    ]
    refusedByEveryCommand(cases)
  })

  test("probe 66 #2: checks removed or tests cut from a report whose own summary says FAIL: report renders FAIL, saying so, not the PASS of what is left", () => {
    const failing = (r: Record<string, any>) => Object.assign(r.summary, { regressions: 1, status: 'FAIL' })
    for (const [name, damage] of [
      ['emptied.json', (r: Record<string, any>) => (failing(r), (r.baselines = []))],
      ['cut.json', (r: Record<string, any>) => (failing(r), (r.tests = r.tests.slice(0, 1)), (r.baselines = r.baselines.filter((c: { benchId: string }) => r.tests[0].entries.some((e: { id?: string }) => e.id === c.benchId))))],
    ] as const) {
      const path = edited(name, damage)
      const r = perfspec(['report', path])
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout, name).toMatch(/❌ FAIL/)
      expect(r.stdout, name).toContain("the file's own summary says FAIL with")
      expect(r.stderr, name).toMatch(/^perfspec report: .*: the file's own summary says FAIL with \d+ benchmarks and 1 regression, where its data holds \d+ benchmarks? and 0 regressions \(PASS\): parts of it were cut or edited, so the worse is reported\. Run the tests again to write it anew$/m)
    }
    // The file as written: no such line.
    const plain = perfspec(['report', run])
    expect(plain.stderr).toBe('')
    expect(plain.stdout).not.toContain("the file's own summary")
  })
})

describe('entries of another quantity than latency are refused, not compared', () => {
  test('a plain file or a baseline file whose entry says "throughput": exit 2 naming the field and the value found', () => {
    const base = file('metric-base.json', JSON.stringify([plainEntry('x', 2)]))
    const plain = file('metric-plain.json', JSON.stringify([{ ...plainEntry('x', 20), metric: 'throughput' }]))
    const baselineFile = file('metric-baseline.json', JSON.stringify({ perfspec: 1, benchmarks: [{ ...plainEntry('x', 2), metric: 'throughput' }] }))
    for (const [args, path] of [[[base, plain], plain], [[plain, base], plain], [[baselineFile, base], baselineFile]] as const) {
      const r = perfspec(['compare', ...args])
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr).toContain(path)
      expect(r.stderr).toContain('metric must be "latency" (found "throughput")')
    }
  })
})

describe('paths and values given on the command line are quoted printable in errors', () => {
  test('a file name or a format with a line break does not start a line of its own', () => {
    for (const [args, said] of [
      [['compare', run, 'x\n::error::y.json'], 'perfspec compare: x\\n::error::y.json: no such file'],
      [['report', 'x\n::error::y.json'], 'perfspec report: x\\n::error::y.json: no such file'],
      [['export', '--format', 'b\n::error::f', run], 'perfspec export: --format b\\n::error::f is not a format perfspec exports'],
      [['zz\n::error::q'], 'perfspec: unknown command "zz\\n::error::q"'],
    ] as const) {
      const r = perfspec([...args])
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr).toContain(said)
      expect(r.stderr).not.toMatch(/^::error/m)
    }
  })
})
