import { describe, expect, test } from 'vitest'
import type { BaselineFile, BaselineRead } from '../src/model/baseline.js'
import type { TestRecord } from '../src/model/run-report.js'
import type { BaselineStore } from '../src/run/baseline-store.js'
import { resolvePerfOptions } from '../src/run/options.js'
import { endRun, type SessionInput } from '../src/run/session.js'
import { runAnnotations } from '../src/report/github.js'
import { renderRunJson } from '../src/report/run-json.js'
import { latencies, resultOf } from './support/synthetic-result.js'

/** Baseline files in memory: what the session read and wrote, and a file that cannot be written. */
class MemoryStore implements BaselineStore {
  readonly files = new Map<string, BaselineRead>()
  readonly writes: string[] = []
  readOnly = new Set<string>()
  pathOf(testFile: string) {
    return `baselines/${testFile}.json`
  }
  read(testFile: string): BaselineRead {
    return this.files.get(testFile) ?? { status: 'missing' }
  }
  write(testFile: string, data: BaselineFile) {
    if (this.readOnly.has(testFile)) throw new Error('EACCES: permission denied')
    this.writes.push(testFile)
    this.files.set(testFile, { status: 'ok', data: structuredClone(data) })
  }
}

const record = (file: string, name: string, values: number[]): TestRecord => {
  const id = `${file} > t > ${name}`
  return { file, line: 4, test: 't', state: 'passed', entries: [{ kind: 'bench', id, name, result: resultOf(id, values) }] }
}

function run(store: MemoryStore, tests: TestRecord[], over: Partial<SessionInput> = {}) {
  return endRun({ tests, root: '/project', runner: { name: 'vitest', version: '4' }, startedAt: 0, options: resolvePerfOptions({}), runnerUpdate: false, runnerCi: false, store, now: () => 1000, ...over })
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
    const repaired = run(store, tests, { runnerUpdate: true })
    expect(repaired.report.baselines[0]!.status).toBe('written')
    expect(store.writes).toEqual(['a.test.ts'])
  })

  test('a file that cannot be written is reported by path, and nothing else is lost', () => {
    const store = new MemoryStore()
    store.readOnly.add('a.test.ts')
    const out = run(store, [record('a.test.ts', 'x', latencies(3000, 1)), record('b.test.ts', 'y', latencies(3000, 2))])
    expect(out.report.baselineErrors).toEqual([{ file: 'baselines/a.test.ts.json', problem: 'could not be written: EACCES: permission denied' }])
    expect(store.writes).toEqual(['b.test.ts'])
  })

  test("the run's JSON carries each verdict's sentence for readers without perfspec", () => {
    const store = new MemoryStore()
    const out = run(store, [record('a.test.ts', 'x', latencies(3000, 1))])
    const json = JSON.parse(renderRunJson(out.report))
    expect(json.baselines[0]).toMatchObject({ status: 'written', message: 'new benchmark: baseline written to baselines/a.test.ts.json' })
  })
})
