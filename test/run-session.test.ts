import { describe, expect, test } from 'vitest'
import type { TestOutline, TestRecord } from '../src/model/run-report.js'
import { consoleSummary } from '../src/report/console-summary.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { checkText, unfinishedText } from '../src/report/verdict-text.js'
import { resolvePerfOptions } from '../src/run/options.js'
import { endRun, type SessionInput } from '../src/run/session.js'
import { runAnnotations } from '../src/report/github.js'
import { renderRunJson } from '../src/report/run-json.js'
import { interruptedText } from '../src/report/status-text.js'
import { latencies, resultOf } from './support/synthetic-result.js'
import { MemoryStore } from './support/memory-store.js'

const record = (file: string, name: string, values: number[]): TestRecord => {
  const id = `${file} > t > ${name}`
  return { file, line: 4, test: 't', state: 'passed', entries: [{ kind: 'bench', id, name, result: resultOf(id, values) }] }
}

function run(store: MemoryStore, tests: TestRecord[], over: Partial<SessionInput> = {}) {
  return endRun({ tests, root: '/project', runner: { name: 'vitest', version: '4' }, startedAt: 0, options: resolvePerfOptions({}), runnerUpdate: undefined, runnerCi: false, store, now: () => 1000, ...over })
}

describe('the end-of-run session', () => {
  test('a local first run writes each file once; CI then compares and fails only on a real slowdown', () => {
    const store = new MemoryStore()
    const first = run(store, [record('a.test.ts', 'x', latencies(3000, 1)), record('a.test.ts', 'y', latencies(3000, 2)), record('b.test.ts', 'z', latencies(3000, 3))])
    expect(store.writes).toEqual(['a.test.ts', 'b.test.ts'])
    expect(first.report.baselines.map((c) => c.status)).toEqual(['written', 'written', 'written'])
    expect(first.failed).toBe(false)
    expect(first.report.duration).toBe(1000)

    const steady = run(store, [record('a.test.ts', 'x', latencies(3000, 11)), record('a.test.ts', 'y', latencies(3000, 12)), record('b.test.ts', 'z', latencies(3000, 13))], { runnerCi: true })
    expect(steady.report.baselines.map((c) => c.status)).toEqual(['ok', 'ok', 'ok'])
    expect(steady.failed).toBe(false)
    expect(store.writes).toHaveLength(2)

    const slower = run(store, [record('a.test.ts', 'x', latencies(3000, 21).map((v) => v * 1.5)), record('a.test.ts', 'y', latencies(3000, 22)), record('b.test.ts', 'z', latencies(3000, 23))], { runnerCi: true })
    expect(slower.report.baselines.map((c) => c.status)).toEqual(['regressed', 'ok', 'ok'])
    expect(slower.rows.map((r) => r.status)).toEqual(['FAIL', 'PASS', 'PASS'])
    expect(slower.failed).toBe(true)
    expect(slower.report.summary).toMatchObject({ regressions: 1, status: 'FAIL' })
  })

  test("a test file whose name holds a line break: the attention line prints it escaped, so that no workflow command can start in it", () => {
    const file = 't/x\n::error file=evil.ts::pwned\n.test.ts'
    const id = `${file} > t > b1`
    const failed = run(new MemoryStore(), [{ file, line: 4, test: 't', state: 'failed', entries: [{ kind: 'bench', id, name: 'b1', error: 'boom' }] }])
    const text = consoleSummary(failed, [])
    expect(text).toContain('b1 (t/x\\n::error file=evil.ts::pwned\\n.test.ts:4): ')
    expect(text).not.toMatch(/^::error/m)
    // The Markdown's failure line writes the place as its heading does, on one line.
    const md = renderMarkdown(failed)
    expect(md).toContain('— t/x\\\\n::error file=evil.ts::pwned\\\\n.test.ts:4')
    expect(md).not.toContain('t/x<br>')
    // A test that failed before recording anything, named in the unfinished line: escaped too.
    const said = unfinishedText([{ file, titlePath: ['d', 'x\n::error::boom'] } as never])!
    expect(said).toContain('"t/x\\n::error file=evil.ts::pwned\\n.test.ts > d > x\\n::error::boom"')
    expect(said).not.toContain('\n')
  })

  test('probe 41 #9: a file or describe block that failed as a whole says the runner\'s error instead of guessing', () => {
    const said = unfinishedText([
      { file: 't/a.test.js', titlePath: [], state: 'failed', error: 'A jest worker process (pid=12) was terminated by another process: signal=SIGKILL' },
      { file: 't/b.test.js', titlePath: ['d'], state: 'failed', error: 'hook boom\n::error::x' },
      { file: 't/c.test.js', titlePath: [], state: 'failed' },
    ])!
    expect(said).toContain('"t/a.test.js" (the file failed: A jest worker process (pid=12) was terminated by another process: signal=SIGKILL)')
    expect(said).toContain('"t/b.test.js > d" (hook boom\\n::error::x)')
    expect(said).toContain('"t/c.test.js" (the file failed to load, or a hook of the file failed: beforeAll, afterAll)')
  })

  test('a corrupt file: unchecked and never overwritten; the run fails in CI only; -u repairs it', () => {
    const store = new MemoryStore()
    store.files.set('a.test.ts', { status: 'invalid', problem: 'is not valid JSON: Unexpected end (line 1, column 2)' })
    const tests = [record('a.test.ts', 'x', latencies(3000, 1))]
    const local = run(store, tests)
    expect(local.report.baselines[0]).toMatchObject({ status: 'unchecked', cause: 'file-invalid' })
    expect(local.report.baselineErrors).toEqual([{ file: 'baselines/a.test.ts.json', problem: 'is not valid JSON: Unexpected end (line 1, column 2)' }])
    expect(local.rows[0]!.status).toBe('WARN')
    expect(local.failed).toBe(false)
    expect(store.writes).toEqual([])
    const ci = run(store, tests, { runnerCi: true })
    expect(ci.failed).toBe(true)
    expect(ci.rows[0]!.status).toBe('FAIL')
    expect(runAnnotations(ci)).toEqual([expect.stringMatching(/^::error file=a\.test\.ts,line=4,title=perfspec%3A baseline not checked::not checked: baselines\/a\.test\.ts\.json is not valid JSON/)])
    // Probe 37 #9: what fails the run as a whole is annotated too, with no file to point at.
    const stopped = run(store, tests, { runnerCi: true, problems: ['Jest stopped the run with an error before every test file ran (boom)'] })
    expect(runAnnotations(stopped)).toContain('::error title=perfspec%3A run::Jest stopped the run with an error before every test file ran (boom)')
    const repaired = run(store, tests, { runnerUpdate: 'all' })
    expect(repaired.report.baselines[0]!.status).toBe('written')
    expect(store.writes).toEqual(['a.test.ts'])
  })

  test('CI with -u repairs a corrupt file and does not then fail citing it', () => {
    const store = new MemoryStore()
    store.files.set('a.test.ts', { status: 'invalid', problem: 'is not valid JSON: Unexpected end (line 1, column 2)' })
    const repaired = run(store, [record('a.test.ts', 'x', latencies(3000, 1))], { runnerCi: true, runnerUpdate: 'all' })
    expect(repaired.report.baselines[0]!.status).toBe('written')
    expect(repaired.report.baselineErrors).toEqual([])
    expect(repaired.failed).toBe(false)
    expect(repaired.report.summary.status).toBe('PASS')
  })

  test('a file that cannot be written is reported by path, says "not written" and fails the run; nothing else is lost', () => {
    const store = new MemoryStore()
    store.readOnly.add('a.test.ts')
    const out = run(store, [record('a.test.ts', 'x', latencies(3000, 1)), record('b.test.ts', 'y', latencies(3000, 2))], { runnerUpdate: 'all' })
    expect(out.report.baselineErrors).toEqual([{ file: 'baselines/a.test.ts.json', problem: 'could not be written: EACCES: permission denied' }])
    expect(store.writes).toEqual(['b.test.ts'])
    expect(out.report.baselines.map((c) => [c.status, c.cause])).toEqual([['unchecked', 'not-written'], ['written', undefined]])
    expect(out.rows.map((r) => r.status)).toEqual(['FAIL', 'PASS'])
    expect(out.failed).toBe(true)
    expect(out.report.summary.status).toBe('FAIL')
    expect(checkText(out.report.baselines[0]!)).toBe('baseline not written: baselines/a.test.ts.json could not be written: EACCES: permission denied; the run fails because the update was asked for and did not happen')
  })

  test('a test that failed after its benchmark writes no baseline, and says so; in CI it is still compared', () => {
    const store = new MemoryStore()
    const failed = { ...record('a.test.ts', 'x', latencies(3000, 1)), state: 'failed' as const }
    const out = run(store, [failed], { runnerUpdate: 'all' })
    expect(out.report.baselines[0]).toMatchObject({ status: 'skipped', cause: 'test-failed' })
    expect(checkText(out.report.baselines[0]!)).toBe('baseline not written: its test failed, and a failing test is no reference; fix the test and run again')
    expect(store.writes).toEqual([])
    // The test failed: its benchmark's row and the run are not a pass.
    expect(out.rows[0]!.status).toBe('FAIL')
    expect(out.report.summary.status).toBe('FAIL')
    run(store, [record('a.test.ts', 'x', latencies(3000, 1))])
    expect(run(store, [failed], { runnerCi: true }).report.baselines[0]!.status).toBe('ok')
  })

  test('benchmarks that share an id are neither checked nor written, and the report says which tests', () => {
    const store = new MemoryStore()
    const shared = (test: string, line: number): TestRecord => ({ ...record('a.test.ts', 'c', latencies(3000, line)), test, line, entries: [{ kind: 'bench', id: 'a.test.ts > t > c', name: 'c', result: resultOf('a.test.ts > t > c', latencies(3000, line)) }] })
    const out = run(store, [shared('t', 3), shared('t', 9), record('a.test.ts', 'other', latencies(3000, 5))])
    expect(out.report.baselines.map((c) => [c.status, c.cause])).toEqual([['unchecked', 'duplicate-id'], ['unchecked', 'duplicate-id'], ['written', undefined]])
    expect(checkText(out.report.baselines[0]!)).toContain('belongs to several benchmarks of this run (tests "t" (line 3), "t" (line 9))')
    const written = store.read('a.test.ts')
    expect(written.status === 'ok' && written.data.benchmarks.map((b) => b.bench_id)).toEqual(['a.test.ts > t > other'])
  })

  test('obsolete baselines: entries of a gone benchmark or test and files of a gone test file are reported, and removed by -u', () => {
    const store = new MemoryStore()
    const testsOf = (names: string[]) => names.map((n) => record('a.test.ts', n, latencies(3000, n.length)))
    const outline = (names: string[], state: TestOutline['state'] = 'passed'): TestOutline[] => [{ file: 'a.test.ts', titlePath: ['t'], state }, ...names.map((n) => ({ file: 'a.test.ts', titlePath: [`other ${n}`], state }))]
    run(store, testsOf(['x', 'y']))
    store.files.set('gone.test.ts', { status: 'ok', data: { perfspec: 1, file: 'gone.test.ts', benchmarks: [] } })
    store.exists = (f) => f !== 'gone.test.ts'
    // y renamed to z, in a test that passed: y's entry is obsolete.
    const renamed = run(store, testsOf(['x', 'z']), { outline: outline([]) })
    expect(renamed.report.obsolete).toEqual({ entries: [{ baselineFile: 'baselines/a.test.ts.json', benchId: 'a.test.ts > t > y' }], files: ['baselines/gone.test.ts.json'], pruned: false })
    expect(consoleSummary(renamed, [])).toContain('obsolete: 1 baseline entry whose benchmark is gone ("a.test.ts > t > y") and 1 baseline file whose test file is gone (baselines/gone.test.ts.json); a renamed benchmark starts without a baseline. Run with -u to remove them')
    // The test failed or was filtered out: its entries may just not have run.
    expect(run(store, testsOf(['x']).map((t) => ({ ...t, state: 'failed' as const })), { outline: outline([], 'failed') }).report.obsolete?.entries ?? []).toEqual([])
    expect(run(store, [], { outline: outline([], 'skipped') }).report.obsolete?.entries ?? []).toEqual([])
    // -u removes them.
    const pruned = run(store, testsOf(['x', 'z']), { outline: outline([]), runnerUpdate: 'all' })
    expect(pruned.report.obsolete).toMatchObject({ pruned: true })
    const after = store.read('a.test.ts')
    expect(after.status === 'ok' && after.data.benchmarks.map((b) => b.bench_id)).toEqual(['a.test.ts > t > x', 'a.test.ts > t > z'])
    expect(store.files.has('gone.test.ts')).toBe(false)
  })

  test('tests that failed before recording anything are reported as unfinished; a run with no benchmark is still decided', () => {
    const store = new MemoryStore()
    const out = run(store, [], { outline: [{ file: 'a.test.ts', titlePath: ['d', 'slow'], state: 'failed' }, { file: 'a.test.ts', titlePath: ['d', 'fine'], state: 'passed' }] })
    expect(out.report.unfinished).toEqual([{ file: 'a.test.ts', titlePath: ['d', 'slow'], state: 'failed' }])
    expect(out.report.summary.status).toBe('FAIL')
    expect(consoleSummary(out, [])).toContain('1 test failed before recording a result, so what it measured is not in this report: "a.test.ts > d > slow"')
    expect(renderMarkdown(out)).toContain('No benchmark or leak check finished in this run.')
  })

  test("the run's JSON carries each verdict's sentence for readers without perfspec", () => {
    const store = new MemoryStore()
    const out = run(store, [record('a.test.ts', 'x', latencies(3000, 1))])
    const json = JSON.parse(renderRunJson(out.report))
    expect(json.baselines[0]).toMatchObject({ status: 'written', message: 'new benchmark: baseline written to baselines/a.test.ts.json' })
  })

  test('-u over an invalid file in a run that skipped some of its tests (a filter): the file is left as it is, and said; over all its tests, rewritten', () => {
    const store = new MemoryStore()
    store.files.set('a.test.ts', { status: 'invalid', problem: 'benchmarks[0].timestamp "yesterday" is not an ISO date-time' })
    const filtered = run(store, [record('a.test.ts', 'x', latencies(3000, 1))], {
      runnerUpdate: 'all',
      outline: [{ file: 'a.test.ts', titlePath: ['t'], state: 'passed' }, { file: 'a.test.ts', titlePath: ['slow one'], state: 'skipped' }],
    })
    expect(store.writes).toEqual([])
    expect(filtered.report.baselines[0]).toMatchObject({ status: 'unchecked', cause: 'not-written' })
    expect(checkText(filtered.report.baselines[0]!)).toBe('baseline not written: baselines/a.test.ts.json (benchmarks[0].timestamp "yesterday" is not an ISO date-time) was left as it is: this -u run skipped some of its tests (a filter, or test.skip), whose entries the file may hold; fix the file, or run -u over all its tests; the run fails because the update was asked for and did not happen')
    expect(filtered.failed).toBe(true)
    const whole = run(store, [record('a.test.ts', 'x', latencies(3000, 1))], { runnerUpdate: 'all', outline: [{ file: 'a.test.ts', titlePath: ['t'], state: 'passed' }] })
    expect(store.writes).toEqual(['a.test.ts'])
    expect(whole.report.baselines[0]!.status).toBe('written')
  })

  test('a run stopped before it ended: what finished is compared and reported, no baseline written or pruned even under -u, and it fails saying so', () => {
    const store = new MemoryStore()
    run(store, [record('a.test.ts', 'x', latencies(3000, 1)), record('gone.test.ts', 'g', latencies(3000, 2))])
    store.exists = (f) => f !== 'gone.test.ts'
    const writes = store.writes.length
    const stopped = run(store, [record('a.test.ts', 'x', latencies(3000, 3)), record('a.test.ts', 'new one', latencies(3000, 4))], {
      runnerUpdate: 'all',
      interrupted: true,
      problems: [interruptedText('SIGINT')],
      // Tests the runner had listed when it was stopped: not used to call entries obsolete or tests unfinished.
      outline: [{ file: 'a.test.ts', titlePath: ['t'], state: 'failed' }],
    })
    expect(store.writes).toHaveLength(writes)
    expect([...store.files.keys()].sort()).toEqual(['a.test.ts', 'gone.test.ts'])
    expect(stopped.report.baselines.map((c) => c.status)).toEqual(['ok', 'new'])
    expect(stopped.report.obsolete).toBeUndefined()
    expect(stopped.report.unfinished).toBeUndefined()
    expect(stopped.report.summary.status).toBe('FAIL')
    expect(stopped.failed).toBe(true)
    expect(consoleSummary(stopped, [])).toContain('the run was stopped before it ended (SIGINT): the results below are those the runner had reported by then; no baseline was written or removed')
    expect(renderMarkdown(stopped)).toContain('the run was stopped before it ended (SIGINT)')
  })
})

describe('a baseline without its latency distribution', () => {
  /** The store after a first run of x and y, with x's histogram removed as a hand edit would. */
  function storeWithoutHistogram(): MemoryStore {
    const store = new MemoryStore()
    run(store, [record('a.test.ts', 'x', latencies(3000, 1)), record('a.test.ts', 'y', latencies(3000, 2))])
    const read = store.read('a.test.ts')
    if (read.status !== 'ok') throw new Error('no baseline written')
    delete read.data.benchmarks[0]!.histogram
    return store
  }
  const steady = () => [record('a.test.ts', 'x', latencies(3000, 11)), record('a.test.ts', 'y', latencies(3000, 12))]
  // Every tenth call 4x slower: a tail that a busy machine gives, the typical call unchanged.
  const tail = () => [record('a.test.ts', 'x', latencies(3000, 11).map((v, i) => (i % 10 === 0 ? v * 4 : v))), record('a.test.ts', 'y', latencies(3000, 12))]

  test('is no failure by itself: the verdict carries it, the console, the Markdown and the JSON say it, and how to restore one', () => {
    const store = storeWithoutHistogram()
    const out = run(store, steady(), { runnerCi: true })
    expect(out.report.baselines.map((c) => [c.status, c.withoutDistribution])).toEqual([['ok', 'baseline'], ['ok', undefined]])
    expect(out.rows.map((r) => r.status)).toEqual(['PASS', 'PASS'])
    expect(out.report.summary.status).toBe('PASS')
    expect(out.failed).toBe(false)
    const sentence = '1 of 2 benchmarks was gated on its statistics alone, as its baseline has no latency distribution ("x"), so without the checks of the typical and the fastest calls that tell slower code from a busy machine; rewrite it with vitest -u to store one'
    expect(consoleSummary(out, [])).toContain(`i ${sentence}`)
    expect(renderMarkdown(out)).toContain(`> ℹ️ ${sentence}`)
    expect(JSON.parse(renderRunJson(out.report)).baselines[0]).toMatchObject({ withoutDistribution: 'baseline' })
    expect(consoleSummary(run(store, steady(), { runner: { name: 'jest', version: '30' } }), [])).toContain('rewrite it with jest -u to store one')
  })

  test('a slowdown of the tail alone: a WARN with its distribution, a regression without, and the report says it was judged on its statistics alone', () => {
    const full = new MemoryStore()
    run(full, [record('a.test.ts', 'x', latencies(3000, 1)), record('a.test.ts', 'y', latencies(3000, 2))])
    const judged = run(full, tail(), { runnerCi: true })
    expect(judged.report.baselines[0]).toMatchObject({ status: 'warn' })
    expect(judged.report.baselines[0]!.withoutDistribution).toBeUndefined()

    const out = run(storeWithoutHistogram(), tail(), { runnerCi: true })
    expect(out.report.baselines[0]).toMatchObject({ status: 'regressed', reason: 'beyond-threshold', withoutDistribution: 'baseline' })
    expect(consoleSummary(out, [])).toMatch(/✗ x \(a\.test\.ts:4\): regression: p95 .*; judged on its statistics alone \(its baseline has no latency distribution\)/)
    expect(runAnnotations(out)[0]).toMatch(/^::error .*Judged on its statistics alone, without the checks of the typical and the fastest calls that tell slower code from a busy machine: its baseline has no latency distribution; rewrite it with -u to store one$/)
    expect(renderMarkdown(out)).toContain('its baseline has no latency distribution; rewrite it with -u to store one')
  })

  test('-u stores the distribution again, and the note goes', () => {
    const store = storeWithoutHistogram()
    run(store, steady(), { runnerUpdate: 'all' })
    const read = store.read('a.test.ts')
    expect(read.status === 'ok' && read.data.benchmarks.every((e) => typeof e.histogram === 'string')).toBe(true)
    const out = run(store, steady())
    expect(out.report.baselines.map((c) => c.withoutDistribution)).toEqual([undefined, undefined])
    expect(consoleSummary(out, [])).not.toContain('statistics alone')
  })
})
