import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { abExitCode } from '../src/compare/ab-outcome.js'
import { sideFilesChangedLine, sideProblemIn, sideProblemLine } from '../src/model/ab-side-problem.js'
import type { AbComparison } from '../src/model/ab.js'
import type { AbRunReport } from '../src/model/ab-run.js'
import { abAnnotations } from '../src/report/ab-github.js'
import { renderAbJson } from '../src/report/ab-json.js'
import { isAbMarkdown, renderAbMarkdown, withAbSection } from '../src/report/ab-markdown.js'
import { abTable } from '../src/report/ab-table.js'
import { mergeAbReports, readAbReport } from '../src/run/ab-results.js'
import { formatConfidence } from '../src/units/format.js'

function comparison(over: Partial<AbComparison> & Pick<AbComparison, 'name' | 'status'>): AbComparison {
  return {
    id: `examples/json.test.ts > JSON > parse > ${over.name}`,
    file: 'examples/json.test.ts',
    test: 'JSON > parse',
    titles: ['JSON', 'parse'],
    pairs: 24,
    base: { typicalNs: 100_000, n: 24 },
    head: { typicalNs: 110_000, n: 24 },
    metric: 'typical',
    change: 0.1,
    interval: [0.08, 0.12],
    confidence: 0.995,
    threshold: 0.05,
    ms: 2000,
    ...over,
  }
}

function report(comparisons: AbComparison[], over: Partial<AbRunReport> = {}): AbRunReport {
  return {
    perfspecAb: 1,
    createdAt: '2026-01-02T03:04:05.000Z',
    duration: 65_000,
    base: { ref: 'main', commit: 'a'.repeat(40), how: 'merge-base' },
    head: { commit: 'b'.repeat(40), dirty: 2 },
    runner: { name: 'vitest' },
    gate: { metric: 'typical', threshold: 0.05, confidence: 0.95 },
    timeCapMs: 60_000,
    install: 'link',
    files: 2,
    comparisons,
    failures: [],
    ...over,
  }
}

const slower = comparison({ name: 'parse', status: 'slower' })
const same = comparison({ name: 'stringify', status: 'unchanged', change: 0.004, interval: [-0.02, 0.03] })
const unsure = comparison({ name: 'clone', status: 'inconclusive', reason: 'time-cap', change: 0.05, interval: [-0.01, 0.11], needs: { pairs: 90, ms: 7000 } })
const fresh = comparison({ name: 'validate', status: 'alone', side: 'head', reason: 'partner-ended', pairs: 0, base: { typicalNs: Number.NaN, n: 0 }, change: Number.NaN, interval: [Number.NaN, Number.NaN] })

describe('the verdict of the run', () => {
  test('1 when a benchmark is slower; 0 otherwise; 2 when it stopped, ran no benchmark, or compared nothing while a side failed', () => {
    expect(abExitCode(report([]))).toBe(2)
    expect(abExitCode(report([slower, same]))).toBe(1)
    expect(abExitCode(report([same, unsure, fresh]))).toBe(0)
    expect(abExitCode(report([same], { stopped: 'killed' }))).toBe(2)
    // A runner killed: confirmation did not run, so what read slower is no verdict.
    expect(abExitCode(report([slower, same], { stopped: 'killed' }))).toBe(2)
    const failure = { side: 'base' as const, file: 'a.test.ts', code: 1, signal: null, output: '' }
    expect(abExitCode(report([fresh], { failures: [failure] }))).toBe(2)
    expect(abExitCode(report([same], { failures: [failure] }))).toBe(0)
    // Slower, but its bench opted out of the gate (baseline: false): reported, and the run passes.
    expect(abExitCode(report([{ ...slower, gated: false }, same]))).toBe(0)
    const text = abTable(report([{ ...slower, gated: false }, same]), 0, 140)
    expect(text).toMatch(/^PASS: 2 benchmarks, 1 slower \(not gated\), 0 faster/m)
    expect(text).toMatch(/slower \(not gated\)$/m)
    expect(text).not.toContain('✗')
  })
})

describe('confidence levels', () => {
  test('shown with the digits that keep them below 100%', () => {
    expect([0.95, 0.995, 0.9992, 0.9999999].map(formatConfidence)).toEqual(['95%', '99.5%', '99.92%', '99.9999%'])
  })
})

describe('the console table', () => {
  test('base vs head with change, interval and status; a sentence for each that is not unchanged', () => {
    const text = abTable(report([slower, same, unsure, fresh]), 1, 140)
    expect(text).toContain('base main aaaaaaaaaaaa (merge-base with HEAD) vs head bbbbbbbbbbbb, working tree with 2 uncommitted changes')
    expect(text).toMatch(/examples\/json\.test\.ts › JSON › parse › parse\s+100µs\s+110µs\s+\+10%\s+\[\+8\.0%, \+12%\]\s+24\s+SLOWER/)
    expect(text).toMatch(/› validate\s+—\s+110µs\s+—\s+—\s+0\s+new/)
    expect(text).toContain('✗ examples/json.test.ts: "JSON › parse › parse" is slower on head: +10% [+8.0%, +12%] at 99.5% confidence, 24 pairs, typical call 100µs → 110µs (threshold 5.0%)')
    expect(text).toContain('"JSON › parse › clone" is inconclusive (the time cap came first)')
    expect(text).toContain('a verdict would need about 90 pairs, 7.00s at this pace: raise --time-cap')
    expect(text).toContain('"JSON › parse › validate" is only on head (new, or skipped on base): measured alone, typical call 110µs')
    expect(text).not.toContain('stringify" is')
    // Narrow: names are shortened in the middle, the figures stay.
    expect(abTable(report([slower]), 1, 60)).toMatch(/^examples…› parse\s+100µs\s+110µs\s+\+10%/m)
    expect(text).toMatch(/^FAIL: 4 benchmarks, 1 slower, 0 faster, 1 unchanged, 1 inconclusive, 1 alone \(1 new\) \(gate: typical call, threshold 5\.0%: slower when surely above 0 and by \+1\.6% or more, 95% family-wise\)$/m)

    // A suspect measured again in fresh processes: its rounds decided, which the line says.
    const confirmed = { ...slower, rounds: [{ change: 0.1, interval: [0.08, 0.12] as [number, number], pairs: 24 }, { change: 0.1, interval: [0.08, 0.12] as [number, number], pairs: 24 }] }
    expect(abTable(report([confirmed, same]), 1, 140)).toMatch(/95% family-wise; what read slower was measured again in fresh processes\)$/m)
  })

  test('a runner that failed is shown with the start of its failure', () => {
    const output = 'noise\n\n FAIL  a.test.ts > t\nAssertionError: expected 1 to be 2\n    at a.test.ts:3:1\n'
    const text = abTable(report([same], { failures: [{ side: 'base', file: 'a.test.ts', code: 1, signal: null, output }] }), 0)
    expect(text).toContain("✗ base's a.test.ts exited with code 1: tests failed there; its benchmarks that ran still count")
    expect(text).toContain('    FAIL  a.test.ts > t\n    AssertionError: expected 1 to be 2')
    expect(text).toContain('1 runner process failed')
  })

  test('probe 34 #6: a side that could not hand perfspec what a file measured is said so, not as failing tests, and the run is not decided', () => {
    const problem = "test file t/f2.test.js loaded perfspec's setup file but never received the run's record folder"
    const output = `PASS t/f2.test.js\n  ✓ special (943 ms)\n${sideProblemLine(problem)}`
    expect(sideProblemIn(output)).toEqual({ problem })
    expect(sideProblemIn('PASS t/f2.test.js\nperfspec: 1 test record could not be read\n')).toBeUndefined()
    // Probe 37 #2: a measurement that refused for want of perfspec's setup (a Vitest project without perf()).
    expect(sideProblemIn(' FAIL  noperf  b/b.test.js > tb\nError: bench("bb") ran in a Vitest project that does not load perfspec\'s setup, so its result would be missing\n')).toEqual({ problem: `Error: bench("bb") ran in a Vitest project that does not load perfspec's setup, so its result would be missing` })
    const failures = [{ side: 'base' as const, file: 't/f2.test.js', code: 1, signal: null, output, problem }]
    const failed = report([same], { failures })
    expect(abExitCode(failed)).toBe(2)
    const text = abTable(failed, abExitCode(failed))
    expect(text).toContain(`✗ base's t/f2.test.js exited with code 1: perfspec could not take what the file measured there, if it measured anything, so the run cannot pass (it is not decided, unless a benchmark read slower fails it): ${problem}`)
    expect(text).not.toContain('tests failed there')
    expect(text).toMatch(/^NOT DECIDED: 1 benchmark, .*; 1 runner process failed \(1 of them because perfspec could not take what a file measured\)$/m)
  })

  test("probe 65 #1: another tool of the head's run that changed a baseline in the working tree makes the run not decided, naming the file", () => {
    const said = ['perfspec: baselines/a.test.ts.json: something else in this run wrote to it (…), so the run fails: the baseline that was there is lost.', 'perfspec: baselines/b.test.ts.json: something else in this run deleted it (…)']
    const output = ` PASS  a.test.ts\n${said.join('\n')}\n${said.map(sideFilesChangedLine).join('')}`
    const problem = sideProblemIn(output)
    expect(problem).toEqual({ problem: 'baselines/a.test.ts.json: something else in this run wrote to it (…), so the run fails: the baseline that was there is lost.; baselines/b.test.ts.json: something else in this run deleted it (…)', changed: true })
    const failed = report([same], { failures: [{ side: 'head', file: 'a.test.ts', code: 1, signal: null, output, ...problem }] })
    expect(abExitCode(failed)).toBe(2)
    const text = abTable(failed, 2)
    expect(text).toContain("✗ head's a.test.ts exited with code 1: another tool of its run changed perfspec's files in the working tree, as a plain run would fail on, so the run cannot pass (it is not decided, unless a benchmark read slower fails it): baselines/a.test.ts.json: something else")
    expect(text).toMatch(/^NOT DECIDED: .*; 1 runner process failed \(1 of them because another tool changed perfspec's files in the working tree\)$/m)
  })

  test('a benchmark alone on base because head failed in its file is not called removed', () => {
    const leftAlone = comparison({ name: 'serialize', status: 'alone', side: 'base', reason: 'partner-ended', pairs: 0, head: { typicalNs: Number.NaN, n: 0 }, change: Number.NaN, interval: [Number.NaN, Number.NaN] })
    const failures = [{ side: 'head' as const, file: 'examples/json.test.ts', code: 1, signal: null, output: ' FAIL  examples/json.test.ts > JSON > parse\nError: broke it' }]
    const text = abTable(report([same, leftAlone], { failures }), 0)
    expect(text).toMatch(/› serialize +100µs +— +— +— +0 +head failed$/m)
    // Probe 36 #5: the outcome line says what the one measured alone was, as the table does.
    expect(text).toMatch(/, 1 alone \(1 head failed\) \(gate: /)
    expect(text).toContain('! examples/json.test.ts: "JSON › parse › serialize" ran only on base, not compared: head\'s examples/json.test.ts failed (see below), so its test there may not have reached it; measured alone, typical call 100µs')
    expect(text).not.toContain('removed')
    const md = renderAbMarkdown(report([same, leftAlone], { failures }), 0)
    expect(md).toContain('| 0 | ℹ️ head failed |')
    // Without a failure in its file it was removed (or renamed), as before.
    expect(abTable(report([same, leftAlone]), 0)).toContain('"JSON › parse › serialize" is only on base (removed, renamed, or skipped on head)')
  })
})

describe('the Markdown report', () => {
  test('a "Base vs head" section with the table and the change chart of head as % of base', () => {
    const md = renderAbMarkdown(report([slower, same, fresh]), 1, '.perfspec/ab/results.json')
    expect(md.startsWith('# Benchmark results: base vs head\n')).toBe(true)
    expect(md).toContain('**❌ FAIL**')
    expect(md).toContain('## Base vs head')
    expect(md).toContain('| examples/json.test.ts | JSON › parse › parse | 100µs | 110µs | +10% | \\[+8.0%, +12%\\] | 24 | ❌ SLOWER |')
    expect(md).toContain('title "Head as % of base (100 = unchanged; line: threshold 105)"')
    // Alone ones have no change to chart.
    expect(md).toMatch(/x-axis \["JSON › parse › parse", "JSON › parse › stringify"\]/)
    expect(md).toContain('Raw data: .perfspec/ab/results.json')
  })

  test('runner output goes in a fence it cannot close', () => {
    const md = renderAbMarkdown(report([], { failures: [{ side: 'head', file: 'x.test.ts', code: 1, signal: null, output: 'FAIL ```` # not a heading' }] }), 2)
    expect(md).toContain('  `````text\n  FAIL ```` # not a heading\n  `````')
    expect(md).toContain('No benchmark ran on either side.')
  })
})

describe('GitHub annotations', () => {
  test('an error at the file of a slower benchmark and of a failing side, a warning for an inconclusive one', () => {
    const lines = abAnnotations([slower, same, unsure], [{ side: 'base', file: 'a.test.ts', code: 1, signal: null, output: '' }])
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^::error file=examples\/json\.test\.ts,title=perfspec ab%3A slower than base::"JSON › parse › parse" is slower on head/)
    expect(lines[1]).toMatch(/^::warning file=examples\/json\.test\.ts,title=perfspec ab%3A inconclusive::/)
    expect(lines[2]).toMatch(/^::error file=a\.test\.ts,title=perfspec ab%3A base failed::/)
    // Run in a folder of the repository: paths from its top, as GitHub places them.
    const inFolder = abAnnotations([slower], [{ side: 'base', file: 'a.test.ts', code: 1, signal: null, output: '' }], 'packages/web')
    expect(inFolder.map((l) => /file=([^,]+)/.exec(l)?.[1])).toEqual(['packages/web/examples/json.test.ts', 'packages/web/a.test.ts'])
  })
})

describe("the reporter's BENCHMARK_RESULTS.md", () => {
  test('keeps its content, with the A/B report as its last section; the next A/B run replaces that section only', () => {
    const reporter = '# Benchmark results\n\n**❌ FAIL** · baseline gate\n\n## How this was measured\n\nthe reporter\n'
    const ab = renderAbMarkdown(report([slower]), 1, 'results.json')
    expect(isAbMarkdown(ab)).toBe(true)
    expect(isAbMarkdown(reporter)).toBe(false)
    const once = withAbSection(reporter, ab)
    expect(once.startsWith(reporter.trimEnd())).toBe(true)
    expect(once).toContain('## perfspec ab: base vs head')
    expect(once).toContain('### Base vs head')
    expect(once).not.toContain('# Benchmark results: base vs head')
    const twice = withAbSection(once, renderAbMarkdown(report([same]), 0, 'results.json'))
    expect(twice.match(/## perfspec ab: base vs head/g)).toHaveLength(1)
    expect(twice.startsWith(reporter.trimEnd())).toBe(true)
    expect(twice).toContain('PASS')
  })
})

describe('two benchmarks of one name in one test', () => {
  test('are told apart as their ids are, `work` and `work #2`, in the table, the Markdown and the sentences', () => {
    const first = comparison({ name: 'work', status: 'unchanged', id: 'examples/json.test.ts > JSON > parse > work', change: 0, interval: [-0.01, 0.01] })
    const second = comparison({ name: 'work', status: 'slower', id: 'examples/json.test.ts > JSON > parse > work #2' })
    const r = report([first, second])
    expect(abTable(r, 1, 200)).toMatch(/› work #2 /)
    expect(abTable(r, 1, 200)).toContain('"JSON › parse › work #2" is slower on head')
    expect(renderAbMarkdown(r, 1, 'results.json')).toContain('work #2')
  })
})

describe('test titles that would read as another test, or break a line', () => {
  test("describe 'a' with test 'b' and a test 'a > b' get rows and sentences of their own; a file or title with a line break stays on its line", () => {
    const nested = comparison({ name: 'x', status: 'slower', id: 'c/a.test.ts > a > b > x', file: 'c/a.test.ts', test: 'a > b', titles: ['a', 'b'] })
    const joined = comparison({ name: 'x', status: 'slower', id: 'c/a.test.ts > a \\> b > x', file: 'c/a.test.ts', test: 'a \\> b', titles: ['a > b'] })
    const broken = comparison({ name: 'x', status: 'slower', id: 'c/b\\n::error::x.test.ts > t\\u001b > x', file: 'c/b\n::error::x.test.ts', test: 't\\u001b', titles: ['t\u001b'] })
    const r = report([nested, joined, broken])
    const text = abTable(r, 1, 200)
    expect(text).toMatch(/^c\/a\.test\.ts › a › b › x /m)
    expect(text).toMatch(/^c\/a\.test\.ts › a \\> b › x /m)
    expect(text).toContain('✗ c/a.test.ts: "a › b › x" is slower on head')
    expect(text).toContain('✗ c/a.test.ts: "a \\> b › x" is slower on head')
    expect(text).toContain('✗ c/b\\n::error::x.test.ts: "t\\u001b › x" is slower on head')
    for (const out of [text, renderAbMarkdown(r, 1, 'results.json')]) {
      expect(out).not.toMatch(/^::error/m)
      expect(out).not.toContain('\u001b')
    }
    const md = renderAbMarkdown(r, 1, 'results.json')
    expect(md).toContain('| a \\\\> b › x |')
    // Escaped once, by the table: a backslash shows as one.
    expect(md).toContain('| c/b\\\\n::error::x.test.ts | t\\\\u001b › x |')
  })
})

describe('the JSON and shards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfspec-ab-json-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return join(dir, name)
  }

  test('NaN figures round-trip through null', () => {
    const path = write('one.json', renderAbJson(report([fresh])))
    const back = readAbReport(path)
    expect(back.comparisons[0]!.base.typicalNs).toBeNaN()
    expect(back.comparisons[0]!.interval[0]).toBeNaN()
    expect(back.comparisons[0]!.head.typicalNs).toBe(110_000)
  })

  test("a shard's failed runner shows in the merge as it printed it: its lines, without colour codes, each printable (probe 27 #3)", () => {
    const output = '\u001b[33m(!) Your Vite config uses features\u001b[39m\n  - ESM syntax\n FAIL  t/b.test.ts\nError: head broke b\u0007\n ❯ t/b.test.ts:1:7'
    const path = write('failed.json', renderAbJson(report([same], { failures: [{ side: 'head', file: 't/b.test.ts', code: 1, signal: null, output }] })))
    const back = readAbReport(path)
    expect(back.failures[0]!.output.split('\n')).toEqual(['(!) Your Vite config uses features', '  - ESM syntax', ' FAIL  t/b.test.ts', 'Error: head broke b\\u0007', ' ❯ t/b.test.ts:1:7'])
    const text = abTable(back, 0)
    expect(text).toContain(' FAIL  t/b.test.ts')
    expect(text).toContain('Error: head broke b\\u0007')
    expect(text).not.toContain('\\u001b[33m')
  })

  test('shards merge into one report and one verdict', () => {
    const other = comparison({ name: 'x', status: 'unchanged', file: 'b.test.ts', id: 'b.test.ts > x' })
    const a = { path: 'a.json', report: report([slower], { shards: [{ index: 1, count: 2 }], duration: 10 }) }
    const b = { path: 'b.json', report: report([other], { shards: [{ index: 2, count: 2 }], duration: 20, files: 1 }) }
    const merged = mergeAbReports([b, a])
    expect(merged.comparisons.map((c) => c.file)).toEqual(['b.test.ts', 'examples/json.test.ts'])
    expect(merged).toMatchObject({ duration: 20, files: 3, shards: [{ index: 2, count: 2 }, { index: 1, count: 2 }] })
    expect(abExitCode(merged)).toBe(1)
  })

  test('shards that do not cover the run once each are refused, naming what is missing', () => {
    const other = comparison({ name: 'x', status: 'unchanged', file: 'b.test.ts', id: 'b.test.ts > x' })
    const third = comparison({ name: 'y', status: 'unchanged', file: 'c.test.ts', id: 'c.test.ts > y' })
    const shard = (index: number, count: number, c: AbComparison, path = `s${index}.json`) => ({ path, report: report([c], { shards: [{ index, count }] }) })
    expect(() => mergeAbReports([shard(1, 3, slower), shard(3, 3, other)])).toThrow(/shard 2\/3 of this run is missing: a verdict without it would leave out its benchmarks/)
    expect(() => mergeAbReports([shard(1, 3, slower)])).toThrow(/shards 2\/3, 3\/3 of this run are missing/)
    expect(() => mergeAbReports([shard(1, 2, slower), shard(2, 3, other)])).toThrow(/s2\.json is shard 2\/3 and s1\.json shard 1\/2/)
    expect(() => mergeAbReports([shard(1, 2, slower), shard(1, 2, other, 'again.json'), shard(2, 2, third)])).toThrow(/shard 1\/2 is given twice \(s1\.json, again\.json\)/)
    expect(() => mergeAbReports([{ path: 'whole.json', report: report([other]) }, shard(1, 2, slower)])).toThrow(/whole\.json is a whole run and s1\.json a shard \(1\/2\)/)
  })

  test('files that do not belong together are refused, naming them', () => {
    const a = { path: 'a.json', report: report([slower]) }
    expect(() => mergeAbReports([a, { path: 'b.json', report: report([], { base: { ref: 'main', commit: 'c'.repeat(40), how: 'merge-base' } }) }])).toThrow(/b\.json \(base cccccccccccc.*\) and a\.json .* come from different runs/)
    expect(() => mergeAbReports([a, { path: 'again.json', report: report([slower]) }])).toThrow(/is in both a\.json and again\.json/)
    expect(() => readAbReport(write('bad.json', '{"perfspec":1}'))).toThrow(/bad\.json is not the results of a perfspec ab run/)
    expect(() => readAbReport(write('broken.json', '{'))).toThrow(/broken\.json is not JSON/)
    expect(() => readAbReport(join(dir, 'missing.json'))).toThrow(/missing\.json/)
  })

  test('a hand-edited status or figure is named with its field, never counted as something else', () => {
    const good = JSON.parse(renderAbJson(report([slower, fresh], { failures: [{ side: 'base', file: 'a.test.ts', code: null, signal: 'SIGKILL', output: '' }] })))
    const edited = (edit: (r: any) => void) => {
      const copy = structuredClone(good)
      edit(copy)
      return write('edited.json', JSON.stringify(copy))
    }
    // A status no run writes would otherwise count as nothing, and the merged run pass.
    expect(() => readAbReport(edited((r) => (r.comparisons[0].status = 'Slower')))).toThrow(/edited\.json does not match the perfspec ab results schema .*: comparisons\[0\]\.status must be one of "slower", "faster", "unchanged", "inconclusive", "alone" \(found "Slower"\)/)
    expect(() => readAbReport(edited((r) => (r.comparisons[0].change = '+5%')))).toThrow(/comparisons\[0\]\.change must be/)
    expect(() => readAbReport(edited((r) => delete r.comparisons[1].interval))).toThrow(/comparisons\[1\]\.interval is missing/)
    expect(() => readAbReport(edited((r) => (r.gate.threshold = -0.1)))).toThrow(/gate\.threshold/)
    expect(() => readAbReport(edited((r) => (r.head.commit = 'HEAD')))).toThrow(/head\.commit/)
    expect(() => readAbReport(edited((r) => (r.stopped = 'maybe')))).toThrow(/stopped must be one of "interrupted", "killed"/)
    // As written, it reads back whole; a failure's code stays null (a signal ended it).
    const back = readAbReport(write('good.json', JSON.stringify(good)))
    expect(back.failures[0]).toMatchObject({ code: null, signal: 'SIGKILL' })
    expect(back.comparisons.map((c) => c.status)).toEqual([slower.status, fresh.status])
    // Titles that would start a line of its own in a terminal or a workflow command are made inert.
    const injected = readAbReport(
      edited((r) => {
        r.comparisons[0].titles = ['x\n::error::injected']
        r.comparisons[0].test = 'x\\n::error::injected'
        r.comparisons[0].id = 'examples/json.test.ts > x\\n::error::injected > parse'
      }),
    ).comparisons[0]!
    expect(injected.titles[0]).not.toContain('\n')
    // What the figures contradict, or names that do not agree, are named with their field, and nothing is merged.
    const cases: Array<[(r: any) => void, RegExp]> = [
      [(r) => (r.comparisons[0].status = 'unchanged'), /comparisons\[0\]\.status "unchanged" with an interval of \[\+8\.0%, \+12%\]: unchanged lies within ±5\.0%/],
      [(r) => (r.comparisons[0].status = 'faster'), /comparisons\[0\]\.status "faster" with an interval of \[\+8\.0%, \+12%\]: faster is wholly below 0/],
      [(r) => Object.assign(r.comparisons[0], { status: 'slower', interval: [-0.01, 0.12] }), /comparisons\[0\]\.status "slower" with an interval of \[−1\.0%, \+12%\]: slower is wholly above 0/],
      [(r) => (r.comparisons[0].id = 'examples/other.test.ts > q > x'), /comparisons\[0\]\.id "examples\/other\.test\.ts > q > x" does not end with its test and name \("JSON > parse > parse"\)/],
      [(r) => (r.comparisons[0].titles = ['JSON', 'other']), /comparisons\[0\]\.test "JSON > parse" is not its titles as ids write them \("JSON > other"\)/],
      [(r) => (r.comparisons[0].file = '/etc/a.test.ts'), /comparisons\[0\]\.file "\/etc\/a\.test\.ts" is an absolute path/],
      [(r) => Object.assign(r.comparisons[0], { status: 'unchanged', change: 0.01, interval: [-0.01, 0.03], rounds: [{ change: 0.01, interval: [-0.01, 0.03], pairs: 24 }, { change: 0.25, interval: [0.2, 0.3], pairs: 16 }] }), /comparisons\[0\]\.status "unchanged" with rounds of fresh processes: only a benchmark that read slower is measured again/],
      [(r) => (r.comparisons[0].rounds = [{ change: 0.1, interval: [0.08, 0.12], pairs: 24 }, { change: -0.02, interval: [-0.05, 0.01], pairs: 16 }, { change: 0.01, interval: [-0.02, 0.04], pairs: 16 }]), /comparisons\[0\]\.status "slower" where its fresh rounds \(−2\.0%, \+1\.0%\) do not confirm it/],
      [(r) => (r.comparisons[0].rounds = [{ change: 0.3, interval: [0.2, 0.4], pairs: 24 }]), /comparisons\[0\]\.rounds\[0\] is not the comparison's own reading \(\+10%\)/],
      [(r) => (r.comparisons[0].change = -0.5), /comparisons\[0\]\.change −50% is on the other side of 0 from its interval \[\+8\.0%, \+12%\]/],
      [(r) => Object.assign(r.comparisons[0], { titles: [''], test: '', id: 'examples/other.test.ts > q > parse' }), /comparisons\[0\]\.id "examples\/other\.test\.ts > q > parse" does not end with its test and name \(" > parse"\)/],
    ]
    for (const [edit, problem] of cases) expect(() => readAbReport(edited(edit))).toThrow(problem)
  })
})
