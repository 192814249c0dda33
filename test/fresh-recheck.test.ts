import { describe, expect, test } from 'vitest'
import type { BenchEntry } from '../src/model/entries.js'
import type { TestRecord } from '../src/model/run-report.js'
import { afterFreshProcesses, runFresh } from '../src/adapters/fresh-process.js'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { configArguments, runArguments } from '../src/jest/fresh-run.js'
import { settingArguments } from '../src/vitest/fresh-run.js'
import { keptResult } from '../src/compare/attempt-plan.js'
import { withFreshAttempts } from '../src/compare/fresh-attempts.js'
import { briefCheckText, checkText } from '../src/report/verdict-text.js'
import { MAX_FRESH_FILES, recheckInFreshProcesses, type FreshOutcome } from '../src/run/fresh-recheck.js'
import { resolvePerfOptions } from '../src/run/options.js'
import { endRun, type SessionInput } from '../src/run/session.js'
import { SPEED_REFERENCE_VERSION } from '../src/measure/speed-reference.js'
import { MemoryStore } from './support/memory-store.js'
import { latencies, resultOf } from './support/synthetic-result.js'

const idOf = (file: string, name: string) => `${file} > t > ${name}`
const record = (file: string, name: string, values: number[]): TestRecord => ({ file, line: 4, test: 't', state: 'passed', entries: [{ kind: 'bench', id: idOf(file, name), name, result: resultOf(idOf(file, name), values) }] })
const slower = (seed: number, factor = 1.5) => latencies(3000, seed).map((v) => v * factor)

function input(store: MemoryStore, tests: TestRecord[], over: Partial<SessionInput> = {}): SessionInput {
  return { tests, root: '/project', runner: { name: 'vitest', version: '4' }, startedAt: 0, options: resolvePerfOptions({}), runnerUpdate: undefined, runnerCi: true, store, now: () => 1000, speed: () => ({ ns: 100, version: SPEED_REFERENCE_VERSION }), ...over }
}

/** Baselines written by a local run of these benchmarks at their usual speed. */
function storeWith(...benches: Array<[string, string]>): MemoryStore {
  const store = new MemoryStore()
  endRun(input(store, benches.map(([file, name], i) => record(file, name, latencies(3000, i + 1))), { runnerCi: false }))
  return store
}

/** A fresh process that measures each test it is given with `values`, and notes what it was asked. */
function freshProcess(values: (file: string) => number[] | undefined) {
  const calls: Array<{ file: string; tests: readonly string[] }> = []
  const run = (file: string, tests: readonly string[]): FreshOutcome => {
    calls.push({ file, tests })
    const v = values(file)
    return v ? { ok: true, tests: [record(file, 'x', v)] } : { ok: false, problem: 'Vitest started again on its test exited with code 1 without recording results' }
  }
  return { calls, run }
}

const bench = (tests: TestRecord[]) => tests[0]!.entries[0] as BenchEntry

describe('a regression measured again in a fresh process', () => {
  test('unchanged code whose process ran slow: the fresh process reads it at its usual speed, and it is a WARN, not a failure', () => {
    const store = storeWith(['a.test.ts', 'x'])
    const writes = store.writes.length
    const fresh = freshProcess(() => latencies(3000, 40))
    const run = input(store, [record('a.test.ts', 'x', slower(21))])
    const tests = recheckInFreshProcesses(run, fresh.run).tests
    expect(fresh.calls).toEqual([{ file: 'a.test.ts', tests: ['t'] }])
    expect(store.writes).toHaveLength(writes)
    expect(bench(tests).result?.attempts).toMatchObject({ purpose: 'confirm', regressed: 1, kept: 1, fresh: 1 })
    const decided = endRun({ ...run, tests })
    expect(decided.report.baselines[0]).toMatchObject({ status: 'warn', reason: 'not-confirmed', confirmation: { regressed: 1, fresh: 1 } })
    expect(decided.failed).toBe(false)
    expect(checkText(decided.report.baselines[0]!)).toMatch(/not confirmed \(1 of 2 measurements beyond the threshold: \+\d+%, then in a fresh process [+-][\d.]+%\)/)
  })

  test('slower code: slower in the fresh process too, still a regression, saying how many were measured there', () => {
    const store = storeWith(['a.test.ts', 'x'])
    const fresh = freshProcess(() => slower(41))
    const run = input(store, [record('a.test.ts', 'x', slower(21))])
    const decided = endRun({ ...run, tests: recheckInFreshProcesses(run, fresh.run).tests })
    expect(decided.report.baselines[0]).toMatchObject({ status: 'regressed', confirmation: { regressed: 2, changes: [expect.any(Number), expect.any(Number)], fresh: 1 } })
    expect(decided.failed).toBe(true)
    expect(briefCheckText(decided.report.baselines[0]!)).toMatch(/confirmed by 2 of 2 \(1 in a fresh process\) measurements/)
  })

  test('the fresh process could not measure it: the regression stands, and says why it was not measured again', () => {
    const store = storeWith(['a.test.ts', 'x'])
    const run = input(store, [record('a.test.ts', 'x', slower(21))])
    const decided = endRun({ ...run, tests: recheckInFreshProcesses(run, freshProcess(() => undefined).run).tests })
    expect(decided.report.baselines[0]).toMatchObject({ status: 'regressed', confirmation: { freshProblem: expect.stringContaining('exited with code 1') } })
    expect(checkText(decided.report.baselines[0]!)).toContain('not measured again in a fresh process: Vitest started again on its test exited with code 1')
  })

  test('a run without a regression, a stopped run: no process is started and the tests are returned as they are', () => {
    const store = storeWith(['a.test.ts', 'x'])
    const fresh = freshProcess(() => latencies(3000, 40))
    const steady = input(store, [record('a.test.ts', 'x', latencies(3000, 30))])
    expect(recheckInFreshProcesses(steady, fresh.run).tests).toBe(steady.tests)
    const stopped = input(store, [record('a.test.ts', 'x', slower(21))], { interrupted: true })
    expect(recheckInFreshProcesses(stopped, fresh.run).tests).toBe(stopped.tests)
    expect(fresh.calls).toEqual([])
  })

  test('a fresh process stopped by Ctrl-C stops the run: no further process, and the run is reported as stopped by it', () => {
    const files = ['a.test.ts', 'b.test.ts']
    const store = storeWith(...files.map((f): [string, string] => [f, 'x']))
    const calls: string[] = []
    const run = input(store, files.map((f, i) => record(f, 'x', slower(60 + i))))
    const stoppedRun = (file: string): FreshOutcome => {
      calls.push(file)
      return { ok: false, problem: 'Vitest started again on its test was stopped by SIGINT', stopped: 'SIGINT' }
    }
    const rechecked = recheckInFreshProcesses(run, stoppedRun)
    expect(rechecked).toEqual({ tests: run.tests, stopped: 'SIGINT' })
    expect(calls).toEqual(['a.test.ts'])
    const decided = afterFreshProcesses(run, stoppedRun)
    expect(decided.interrupted).toBe(true)
    expect(decided.problems?.[0]).toMatch(/^the run was stopped before it ended \(SIGINT\)/)
    const report = endRun({ ...decided, store }).report
    expect(report.summary.status).toBe('FAIL')
  })

  test("a suspect the fresh process recorded nothing for says what the process printed (a file that would not load there)", () => {
    const store = storeWith(['a.test.ts', 'x'])
    const run = input(store, [record('a.test.ts', 'x', slower(21))])
    const printed = 'ReferenceError: test is not defined'
    const decided = endRun({ ...run, tests: recheckInFreshProcesses(run, () => ({ ok: true, tests: [], printed })).tests })
    expect(decided.report.baselines[0]).toMatchObject({ status: 'regressed', confirmation: { freshProblem: expect.stringContaining(`did not finish); it printed: …${printed}`) } })
    expect(briefCheckText(decided.report.baselines[0]!)).toMatch(/not measured again in a fresh process/)
  })

  test('with baselines measured in three processes, a regression is measured in two fresh processes, one after another: a regression only if both read one', () => {
    // Resolved, then set: the suite's config sets PERFSPEC_BASELINE_PROCESSES=1, which wins over the option.
    const three = { ...resolvePerfOptions({}), baselineProcesses: 3 }
    const store = storeWith(['a.test.ts', 'x'])
    let calls = 0
    const readings = [slower(41), latencies(3000, 42)]
    const secondClean = (file: string): FreshOutcome => ({ ok: true, tests: [record(file, 'x', readings[calls++]!)] })
    const run = input(store, [record('a.test.ts', 'x', slower(21))], { options: three })
    const decided = endRun({ ...run, tests: recheckInFreshProcesses(run, secondClean).tests })
    expect(calls).toBe(2)
    expect(decided.report.baselines[0]).toMatchObject({ status: 'warn', reason: 'not-confirmed', confirmation: { regressed: 2, fresh: 1, freshProcesses: 2 } })
    expect(checkText(decided.report.baselines[0]!)).toMatch(/then in 2 fresh processes [+-][\d.]+%, [+-][\d.]+%/)
    calls = 0
    readings.splice(0, 2, slower(43), slower(44))
    const slowerBoth = endRun({ ...run, tests: recheckInFreshProcesses(run, secondClean).tests })
    expect(calls).toBe(2)
    expect(slowerBoth.report.baselines[0]).toMatchObject({ status: 'regressed', confirmation: { regressed: 3, fresh: 1, freshProcesses: 2 } })
    expect(briefCheckText(slowerBoth.report.baselines[0]!)).toMatch(/confirmed by 3 of 3 \(2 in 2 fresh processes\) measurements/)
    // Cleared by the first fresh process: no second one.
    calls = 0
    readings.splice(0, 2, latencies(3000, 45), slower(46))
    expect(endRun({ ...run, tests: recheckInFreshProcesses(run, secondClean).tests }).report.baselines[0]).toMatchObject({ status: 'warn', reason: 'not-confirmed' })
    expect(calls).toBe(1)
  })

  test('a runner that handles Ctrl-C itself and exits with 130 (Vitest) was stopped by SIGINT, as one that dies by it (probe 18 #1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfspec-fresh-exit-'))
    try {
      const script = join(dir, 'runner.mjs')
      for (const [code, signal] of [[130, 'SIGINT'], [143, 'SIGTERM'], [129, 'SIGHUP']] as const) {
        writeFileSync(script, `process.exit(${code})`)
        expect(runFresh({ runner: 'Vitest', script, args: [], cwd: dir }, dir, resolvePerfOptions({}))).toMatchObject({ ok: false, stopped: signal })
      }
      writeFileSync(script, 'process.exit(1)')
      const failed = runFresh({ runner: 'Vitest', script, args: [], cwd: dir }, dir, resolvePerfOptions({}))
      expect(failed.ok === false && failed.stopped).toBeFalsy()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('probe 29 #2: a temporary folder removed by a test before the run ends: the fresh process is not started, and says why (no crash of the reporter)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfspec-fresh-notmp-'))
    const saved = process.env.TMPDIR
    try {
      const script = join(dir, 'runner.mjs')
      writeFileSync(script, 'process.exit(0)')
      process.env.TMPDIR = join(dir, 'gone')
      expect(runFresh({ runner: 'Vitest', script, args: [], cwd: dir }, dir, resolvePerfOptions({}))).toMatchObject({ ok: false, problem: expect.stringMatching(/^Vitest could not be started again on its test: no folder for its records in .*gone/) })
      expect(runFresh({ runner: 'Vitest', script, args: [], cwd: dir }, dir, resolvePerfOptions({}), { fastest: new Map() })).toMatchObject({ ok: false })
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test.runIf(process.platform === 'linux')('a runner stopped for its time limit takes the worker it left busy with it (probe 18 #4)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfspec-fresh-orphan-'))
    try {
      const script = join(dir, 'runner.mjs')
      const pidFile = join(dir, 'worker.pid')
      // A runner whose worker hangs in a test: the worker spins, the runner waits for it.
      writeFileSync(script, `import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
const worker = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
writeFileSync(${JSON.stringify(pidFile)}, String(worker.pid))
setInterval(() => {}, 1000)
`)
      const outcome = runFresh({ runner: 'Vitest', script, args: [], cwd: dir }, dir, resolvePerfOptions({}), 'recheck', 1500)
      expect(outcome).toMatchObject({ ok: false, problem: expect.stringContaining('was stopped after') })
      const pid = Number(readFileSync(pidFile, 'utf8'))
      const alive = () => {
        try {
          process.kill(pid, 0)
          return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z')
        } catch {
          return false
        }
      }
      const until = Date.now() + 5000
      while (alive() && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
      expect(alive()).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test(`at most ${MAX_FRESH_FILES} test files are measured again; the others keep their regression and say why`, () => {
    const files = Array.from({ length: MAX_FRESH_FILES + 1 }, (_, i) => `f${i}.test.ts`)
    const store = storeWith(...files.map((f): [string, string] => [f, 'x']))
    const fresh = freshProcess(() => latencies(3000, 40))
    const run = input(store, files.map((f, i) => record(f, 'x', slower(50 + i))))
    const decided = endRun({ ...run, tests: recheckInFreshProcesses(run, fresh.run).tests })
    expect(fresh.calls).toHaveLength(MAX_FRESH_FILES)
    expect(decided.report.baselines.map((c) => c.status)).toEqual([...files.slice(0, MAX_FRESH_FILES).map(() => 'warn'), 'regressed'])
    expect(decided.report.baselines.at(-1)).toMatchObject({ confirmation: { freshProblem: `a run measures the suspects of ${MAX_FRESH_FILES} test files again at most` } })
  })
})

describe('withFreshAttempts', () => {
  const a = resultOf('x', slower(1, 1.5))
  const b = resultOf('x', slower(2, 1.4))
  const c = resultOf('x', slower(3, 1.6))
  const confirmed = keptResult('confirm', [a, b, c], [{ regressed: true, change: 0.5 }, { regressed: true, change: 0.4 }, { regressed: true, change: 0.6 }], { host: [1.3, 1.4, 1.3] })
  const read = (r: { latency: { p50: number } }) => ({ regressed: r.latency.p50 > 0.00125, change: r.latency.p50 / 0.001 - 1 })

  test('every measurement regressed: the fastest is kept, the fresh ones counted from the first of them', () => {
    const fresh = resultOf('x', slower(4, 1.35))
    const merged = withFreshAttempts(confirmed, fresh, read)
    expect(merged.attempts).toMatchObject({ purpose: 'confirm', regressed: 4, fresh: 3 })
    expect(merged.attempts?.latency).toHaveLength(4)
    expect(merged.latency.p50).toBe(Math.min(a.latency.p50, b.latency.p50, c.latency.p50, fresh.latency.p50))
    // The fresh result carries no host reading: none is kept, as each is read by its index.
    expect(merged.attempts?.host).toBeUndefined()
  })

  test("the fresh process's own confirmation ended on a measurement that did not regress: that one is kept", () => {
    const f1 = resultOf('x', slower(5, 1.5))
    const f2 = resultOf('x', latencies(3000, 6))
    const fresh = keptResult('confirm', [f1, f2], [{ regressed: true, change: 0.5 }, { regressed: false, change: 0.01 }], { host: [1.0, 1.1] })
    const merged = withFreshAttempts(confirmed, fresh, read)
    expect(merged.attempts).toMatchObject({ regressed: 4, kept: 4, fresh: 3, changes: [0.5, 0.4, 0.6, 0.5, 0.01], host: [1.3, 1.4, 1.3, 1.0, 1.1] })
    expect(merged.latency.p50).toBe(f2.latency.p50)
  })

  test('a fresh reading twice as fast as the baseline or more is no measure of the same work: the regression stands, saying why', () => {
    // The suspect's test alone, without the earlier test that filled what it sums: 18,000x faster.
    const empty = resultOf('x', latencies(3000, 7).map((v) => v / 18_000))
    const kept = withFreshAttempts(confirmed, empty, read)
    expect(kept.latency).toEqual(confirmed.latency)
    expect(kept.attempts).toMatchObject({ regressed: 3, changes: [0.5, 0.4, 0.6] })
    expect(kept.attempts?.fresh).toBeUndefined()
    expect(kept.attempts?.freshProblem).toMatch(/^it read −99\.99% \(1\d,\d{3}× faster\) against its baseline there, which is not the same work: its test may depend on its environment/)
    // 40 % faster than its baseline: still the same work, and it clears the regression.
    const quicker = withFreshAttempts(confirmed, resultOf('x', latencies(3000, 8).map((v) => v * 0.6)), read)
    expect(quicker.attempts).toMatchObject({ regressed: 3, fresh: 3, kept: 3 })
  })
})

describe('the fresh process command line', () => {
  test("Vitest's fresh process repeats the settings the run may have had from its command line", () => {
    expect(settingArguments({ globals: true, environment: 'jsdom', testTimeout: 20_000, hookTimeout: 10_000 })).toEqual(['--globals', '--environment=jsdom', '--testTimeout=20000', '--hookTimeout=10000'])
    expect(settingArguments({ globals: false })).toEqual([])
    // Probe 44 #3: a flaky test measures on its retry in a fresh process as in the run.
    expect(settingArguments({ retry: 2 })).toEqual(['--retry=2'])
    expect(settingArguments({ retry: 0 })).toEqual([])
  })

  test("Jest's fresh process keeps the run's test timeout and projects, and exits when its tests are done, open handles or not", () => {
    expect(runArguments({})).toEqual(['--forceExit'])
    expect(runArguments({ testTimeout: 30_000, selectProjects: ['alpha', 'beta gamma'] })).toEqual(['--forceExit', '--testTimeout=30000', '--selectProjects=alpha', '--selectProjects=beta gamma'])
  })

  test("Jest's config options are taken from the command line in each of their forms", () => {
    expect(configArguments(['node', 'jest', '--config', 'jest.ci.cjs', '--ci', 'a.test.cjs'])).toEqual(['--config=jest.ci.cjs'])
    expect(configArguments(['node', 'jest', '-c', 'j.json', '--rootDir=/p'])).toEqual(['--config=j.json', '--rootDir=/p'])
    expect(configArguments(['node', 'jest', '--config={"testMatch":["**/*.cjs"]}'])).toEqual(['--config={"testMatch":["**/*.cjs"]}'])
    expect(configArguments(['node', 'jest'])).toEqual([])
  })
})
