import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'pathe'
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import type { BenchResult } from '../src/model/bench-result'
import { bench } from '../src/bench'
import { FakeClock } from './fake-clock'
import { processView } from '../src/measure/process-alive'
import { HANDED_ENV_GLOBAL } from '../src/measure/launch-env'
import { currentTest, runLastOfRoot, testEnd } from '../src/jest/current-test'
import { testEndedError } from '../src/record/test-ended'
import { missingSetupProblem } from '../src/record/outside-test'
import { handedRunDirOf, noteStarted } from '../src/record/started-files'
import { WORKER_GATE_ENV } from '../src/model/worker-gate-env'
import { RUN_PID_ENV, RUN_ROOT_ENV } from '../src/model/run-pid-env'
import { PerfJestReporter } from '../src/jest/reporter'
import { allProjectsRan, declaresProjects, ranProjectNames, giveProjectName, PROJECT_GLOBAL, projectName, type JestTest } from '../src/jest/projects'
import { collectTests, createRunDir, markSetup, removeRunDir, ROOT_ENV, RUN_DIR_ENV, shipTest, TIMEOUT_ENV, type ShippedTest } from '../src/jest/transport'

// The Jest adapter's two halves without Jest: what test processes ship, and what the reporter
// makes of it. The real runners (Jest 29 and 30, every worker setting) are in the matrix
// (`test/acceptance/run-matrix.mjs`, run by `.ci/run`).

let result: BenchResult
let slowResult: BenchResult
beforeAll(async () => {
  // The same bench, 10x slower, on a fake clock: a real distribution for the noise-aware gate
  // whatever the machine is doing (timed on the real clock, its sampling mode could differ).
  const clock = new FakeClock()
  slowResult = await bench('sqrt', () => clock.advance(0.005), { clock })
  const fastClock = new FakeClock()
  result = await bench('sqrt', () => fastClock.advance(0.0005), { clock: fastClock })
})

const savedEnv = { ...process.env }
const dirs: string[] = []
afterEach(() => {
  for (const key of [RUN_DIR_ENV, ROOT_ENV, TIMEOUT_ENV, 'PERFSPEC_UPDATE']) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** What `fn` printed to stdout (the reporters' summary), not shown. */
function printed(fn: () => unknown): string {
  let out = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  try {
    fn()
  } finally {
    spy.mockRestore()
  }
  return out
}

function tempRoot(): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'perfspec-jest-test-'))
  dirs.push(dir)
  return dir
}

function shipped(root: string, file: string, titlePath: string[], r: BenchResult, line = 7): ShippedTest {
  const id = [file, ...titlePath, r.name].join(' > ')
  return { testPath: join(root, file), file, titlePath, line, failed: false, entries: [{ kind: 'bench', id, name: r.name, result: { ...r, id } }] }
}

function fileResult(root: string, file: string, titlePath: string[], status = 'passed') {
  return { testFilePath: join(root, file), testResults: [{ ancestorTitles: titlePath.slice(0, -1), title: titlePath.at(-1)!, status, location: null }] }
}

describe('the running test, from jest-circus', () => {
  // jest-circus keeps its state under a symbol described JEST_STATE_SYMBOL; a stand-in of its shape.
  const symbol = Symbol('JEST_STATE_SYMBOL')
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[symbol]
  })
  const running = (test: Record<string, unknown>) => {
    const rootBlock = { name: 'ROOT_DESCRIBE_BLOCK', type: 'describeBlock' }
    const block = { name: 'known', type: 'describeBlock', parent: rootBlock }
    ;(globalThis as Record<symbol, unknown>)[symbol] = { currentlyRunningTest: { type: 'test', parent: block, errors: [], invocations: 1, ...test } }
    return currentTest({ testPath: '/p/a.test.ts' })
  }

  test('how a test ended, for the benchmarks it left measuring: passed (it did not await them), failed, or timed out', () => {
    expect(testEnd(running({ name: 'forgot await', errors: [] })!)).toBe('passed')
    expect(testEnd(running({ name: 'threw', errors: [[new Error('boom'), new Error('STACK')]] })!)).toBe('failed')
    const timeout = new Error('Exceeded timeout of 5000 ms for a test.\nAdd a timeout value to this test to increase the timeout, if this is a long-running test.')
    expect(testEnd(running({ name: 'slow', errors: [[timeout, new Error('STACK')]] })!)).toBe('timed out')
    expect(testEnd(running({ name: 'slow, older circus', errors: [timeout] })!)).toBe('timed out')
    // Without circus's record (another runner): what was known when the test was found.
    expect(testEnd({ testPath: '/p/a.test.ts', titlePath: ['t'], failed: false })).toBe('passed')
    expect(testEnd({ testPath: '/p/a.test.ts', titlePath: ['t'], failed: true })).toBe('failed')
  })

  test('the reason a bench is stopped says what is known, and how to await it when its test passed', () => {
    expect(testEndedError('passed').message).toBe('its test ended before the bench finished, without awaiting it: await bench(…) in the test, or return its promise')
    expect(testEndedError('failed').message).toBe('its test failed while it was still measuring')
    expect(testEndedError('timed out').message).toBe('its test timed out while it was still measuring')
    for (const end of ['passed', 'failed'] as const) expect(testEndedError(end).message).not.toMatch(/timed out or failed/)
  })

  test("perfspec's afterEach is moved after the test file's own root-level ones, so that what they measure ships with the test", () => {
    const ours = () => {}
    const users = () => {}
    const hooks = [
      { type: 'afterEach', fn: ours },
      { type: 'beforeAll', fn: () => {} },
      { type: 'afterEach', fn: users },
    ]
    ;(globalThis as Record<symbol, unknown>)[symbol] = { rootDescribeBlock: { name: 'ROOT_DESCRIBE_BLOCK', type: 'describeBlock', hooks } }
    expect(runLastOfRoot(ours)).toBe(true)
    expect(hooks.filter((h) => h.type === 'afterEach').map((h) => h.fn)).toEqual([users, ours])
    expect(runLastOfRoot(() => {})).toBe(false)
    delete (globalThis as Record<symbol, unknown>)[symbol]
    expect(runLastOfRoot(ours)).toBe(false)
  })

  test('in an afterAll hook (circus runs no test) no test owns a bench, though Jest still names the last test that ran; without circus the name stands', () => {
    ;(globalThis as Record<symbol, unknown>)[symbol] = { currentlyRunningTest: null, rootDescribeBlock: { name: 'ROOT_DESCRIBE_BLOCK', type: 'describeBlock' } }
    expect(currentTest({ testPath: '/p/a.test.ts', currentTestName: 'd t' })).toBeUndefined()
    delete (globalThis as Record<symbol, unknown>)[symbol]
    expect(currentTest({ testPath: '/p/a.test.ts', currentTestName: 'd t' })).toMatchObject({ titlePath: ['d t'] })
  })

  test('a test.failing test is known as one (circus sets `failing` on its test entry); another is not', () => {
    expect(running({ name: 'too slow', failing: true })).toMatchObject({ titlePath: ['known', 'too slow'], failed: false, failing: true })
    expect(running({ name: 'fast', failing: false })?.failing).toBeUndefined()
    expect(running({ name: 'older circus' })?.failing).toBeUndefined()
  })
})

describe('transport', () => {
  test('records round-trip per process file, non-finite numbers included, and are removed when read', () => {
    const dir = createRunDir()
    dirs.push(dir)
    const t = shipped('/p', 'a.test.ts', ['s', 't'], { ...result, latency: { ...result.latency, rme: Number.POSITIVE_INFINITY, sd: Number.NaN } })
    shipTest(dir, t, 0)
    shipTest(dir, { ...t, titlePath: ['s', 'u'] }, 3)
    writeFileSync(join(dir, '.torn.records'), '{"testPath": "/p/a.te')
    const { tests, unreadable } = collectTests(dir)
    expect(tests.map((x) => x.titlePath.join('/')).sort()).toEqual(['s/t', 's/u'])
    const r = (tests[0]!.entries[0] as { result: BenchResult }).result
    expect(r.latency.rme).toBe(Number.POSITIVE_INFINITY)
    expect(r.latency.sd).toBeNaN()
    expect(unreadable).toBe(1)
    expect(collectTests(dir).tests).toEqual([])
    removeRunDir(dir)
    expect(existsSync(dir)).toBe(false)
  })

  test('probe 31 #3: a test file ships only into the folder its run\'s reporter handed it through its globals, not one a Jest started by a test inherited in the environment', () => {
    expect(handedRunDirOf(undefined, { [HANDED_ENV_GLOBAL]: { [RUN_DIR_ENV]: '/tmp/perfspec-jest-0/100-abcdef' } })).toBe('/tmp/perfspec-jest-0/100-abcdef')
    expect(handedRunDirOf(undefined, {})).toBeUndefined()
    expect(handedRunDirOf(undefined, { [HANDED_ENV_GLOBAL]: { [RUN_DIR_ENV]: 3 } })).toBeUndefined()
  })

  test("a new run folder clears those of Jest processes that are gone, not its own process's", () => {
    const mine = createRunDir()
    dirs.push(mine)
    // Named as perfspec names them (a pid and mkdtemp's six characters); the pid above Linux's pid_max: never alive.
    const orphan = join(dirname(mine), '999999999-g0neXX')
    mkdirSync(orphan)
    // Made where this process sees its maker (the same host and PID namespace): its pid is judged.
    writeFileSync(join(orphan, '.owner'), processView())
    dirs.push(orphan)
    const next = createRunDir()
    dirs.push(next)
    expect(existsSync(orphan)).toBe(false)
    expect(existsSync(mine)).toBe(true)
  })
})

describe('Jest reporter', () => {
  const options = { output: 'R.md', json: 'R.json' }

  test('tells test processes where to ship (and the timeout), reports, writes baselines, and fails on a regression', () => {
    const root = tempRoot()
    const titles = ['cache', 'get']
    const first = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', testTimeout: 5000 }, options)
    const dir = process.env[RUN_DIR_ENV]!
    expect(existsSync(dir)).toBe(true)
    expect(process.env[ROOT_ENV]).toBe(root)
    expect(process.env[TIMEOUT_ENV]).toBe('60000')
    first.onRunStart()
    shipTest(dir, shipped(root, 'a.test.ts', titles, result), 0)
    first.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    expect(first.getLastError()).toBeUndefined()
    expect(existsSync(dir)).toBe(false)
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.runner.name).toBe('jest')
    expect(report.tests).toMatchObject([{ file: 'a.test.ts', test: 'cache > get', state: 'passed', line: 7 }])
    expect(existsSync(join(root, 'R.md'))).toBe(true)
    expect(existsSync(join(root, 'baselines/a.test.ts.json'))).toBe(true)

    // A second run, ten times slower: `getLastError()` is how Jest learns it must exit non-zero.
    const second = new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'none' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', titles, slowResult), 0)
    second.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    expect(second.getLastError()?.message).toMatch(/1 performance regression/)

    // `jest -u` rewrites it.
    const third = new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'all' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', titles, slowResult), 0)
    third.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    expect(third.getLastError()).toBeUndefined()
  })

  test('probe 53 #1, #2, probe 54 #1, probe 55 #1, probe 56 #1: Jest\'s --json --outputFile on perfspec\'s report (or a link to it), and perfspec\'s reporter listed twice, are refused before any test runs', () => {
    const root = tempRoot()
    const cwd = process.cwd()
    process.chdir(root)
    try {
      expect(() => new PerfJestReporter({ rootDir: root, json: true, outputFile: 'R.json' }, options)).toThrow(/^perfspec: Jest's --json --outputFile R\.json is the file perfspec's option "json" writes its report to, and Jest writes it after perfspec: the report would be lost\. Give --outputFile another file/)
      expect(() => new PerfJestReporter({ rootDir: root, json: true, outputFile: 'jest.json' }, options)).not.toThrow()
      // Probe 57 #1: a file of the baseline folder.
      expect(() => new PerfJestReporter({ rootDir: root, json: true, outputFile: 'baselines/a.test.js.json' }, options)).toThrow(/^perfspec: Jest's --json --outputFile baselines\/a\.test\.js\.json is in perfspec's baseline folder \(option "baselineDir"\), and Jest writes it after perfspec: a baseline would be lost/)
      expect(() => new PerfJestReporter({ rootDir: root, outputFile: 'R.json' }, options)).not.toThrow()
      // Probe 54 #1: a link to the report file, before the report exists too.
      symlinkSync(join(root, 'R.json'), join(root, 'jres.json'))
      expect(() => new PerfJestReporter({ rootDir: root, json: true, outputFile: 'jres.json' }, options)).toThrow(/--outputFile jres\.json is the file perfspec's option "json" writes its report to/)
      // Probe 55 #1: a link inside a linked folder, its target climbing out of the folder the link names.
      mkdirSync(join(root, 'sub', 'deep'), { recursive: true })
      symlinkSync(join(root, 'sub', 'deep'), join(root, 'dl'))
      symlinkSync('../../R.json', join(root, 'sub', 'deep', 'out.json'))
      expect(() => new PerfJestReporter({ rootDir: root, json: true, outputFile: 'dl/out.json' }, options)).toThrow(/--outputFile dl\/out\.json is the file/)
      // dl/.. is sub, where the system goes, not the root, where the path's text goes.
      symlinkSync('dl/../R.json', join(root, 'up.json'))
      // Probe 56 #1: a link to the report's folder before the run creates it.
      symlinkSync('reports', join(root, 'lnk'))
      expect(() => new PerfJestReporter({ rootDir: root, json: true, outputFile: 'lnk/R.json' }, { ...options, json: 'reports/R.json' })).toThrow(/--outputFile lnk\/R\.json is the file perfspec's option "json" writes its report to/)
      expect(() => new PerfJestReporter({ rootDir: root, json: true, outputFile: 'up.json' }, options)).not.toThrow()
    } finally {
      process.chdir(cwd)
    }
    const results = {}
    // Watch mode: no signal listeners are left behind by a run that never completes here.
    const first = new PerfJestReporter({ rootDir: root, watch: true }, options)
    const second = new PerfJestReporter({ rootDir: root, watch: true }, { output: 'other.md', json: 'other.json' })
    first.onRunStart(results)
    expect(() => second.onRunStart(results)).toThrow(/^perfspec: perfspec\/jest\/reporter is listed more than once in Jest's reporters: one run has one perfspec report\. List it once/)
    // Each run of a watch session starts its own reporter with a results object of its own.
    expect(() => new PerfJestReporter({ rootDir: root, watch: true }, options).onRunStart({})).not.toThrow()
  })

  test("records lost while the run went on (probe 29 #1: the run folder emptied or removed by a test's teardown or another program): FAIL saying so, no baseline written or pruned", () => {
    const root = tempRoot()
    const titles = ['cache', 'get']
    const first = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', titles, result), 0)
    printed(() => first.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] }))
    const baseline = readFileSync(join(root, 'baselines/a.test.ts.json'), 'utf8')
    for (const [how, update] of [['removed', 'none'], ['emptied', 'all']] as const) {
      const run = new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: update }, options)
      const dir = process.env[RUN_DIR_ENV]!
      shipTest(dir, shipped(root, 'a.test.ts', titles, slowResult), 0)
      if (how === 'removed') rmSync(dir, { recursive: true, force: true })
      else for (const f of readdirSync(dir, { withFileTypes: true })) rmSync(join(dir, f.name), { force: true })
      const out = printed(() => run.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] }))
      expect(run.getLastError()?.message, how).toMatch(/problems listed above/)
      expect(out).toContain('was emptied or removed while the run went on')
      const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
      expect(report.summary.status).toBe('FAIL')
      expect(report.problems.join(' ')).not.toMatch(/setupFilesAfterEnv/)
      expect(readFileSync(join(root, 'baselines/a.test.ts.json'), 'utf8')).toBe(baseline)
    }
    // Probe 30 #1: cleanups that spare dot-files, or take files by extension, take none of the run's files.
    const run = new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'none' }, options)
    const dir = process.env[RUN_DIR_ENV]!
    shipTest(dir, shipped(root, 'a.test.ts', titles, slowResult), 0)
    for (const f of readdirSync(dir)) if (!f.startsWith('.') || /\.(jsonl?|log|txt|tmp)$/.test(f)) rmSync(join(dir, f))
    printed(() => run.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] }))
    expect(run.getLastError()?.message).toMatch(/1 performance regression/)
  })

  test('a run that found no test file and passes (--passWithNoTests) rewrites the last run’s report; in watch mode it leaves it', () => {
    const root = tempRoot()
    const titles = ['cache', 'get']
    const first = new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'none' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', titles, result), 0)
    first.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    expect(JSON.parse(readFileSync(join(root, 'R.json'), 'utf8')).summary.benchmarks).toBe(1)
    new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'none', watch: true }, options).onRunComplete(undefined, { testResults: [] })
    expect(JSON.parse(readFileSync(join(root, 'R.json'), 'utf8')).summary.benchmarks).toBe(1)
    new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'none' }, options).onRunComplete(undefined, { testResults: [] })
    expect(JSON.parse(readFileSync(join(root, 'R.json'), 'utf8')).summary.benchmarks).toBe(0)
    expect(readFileSync(join(root, 'R.md'), 'utf8')).not.toContain('sqrt')
  })

  test("a watch-mode re-run replaces the files it ran and keeps the others; Jest's own status wins", () => {
    const root = tempRoot()
    const a = ['a', 'one']
    const b = ['b', 'two']
    for (const f of ['a.test.ts', 'b.test.ts']) writeFileSync(join(root, f), '')
    const first = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', watch: true }, { ...options, update: 'none' })
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', a, result), 0)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'b.test.ts', b, result), 1)
    first.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', a), fileResult(root, 'b.test.ts', b)] })

    const rerun = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', watch: true }, { ...options, update: 'none' })
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'b.test.ts', b, { ...result, name: 'renamed' }), 0)
    rerun.onRunComplete(undefined, { testResults: [fileResult(root, 'b.test.ts', b, 'failed')] })
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    const names = report.tests.map((t: { test: string; state: string; entries: Array<{ name: string }> }) => `${t.test}:${t.state}:${t.entries[0]!.name}`)
    expect(names.sort()).toEqual(['a > one:passed:sqrt', 'b > two:failed:renamed'])
  })

  test('watch -u: a re-run writes the baselines of the files it ran only; the others are reported as measured, their files on disk left as they are', () => {
    const root = tempRoot()
    const a = ['a', 'one']
    const b = ['b', 'two']
    for (const f of ['a.test.ts', 'b.test.ts']) writeFileSync(join(root, f), '')
    const watchU = () => new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'all', watch: true }, options)
    const first = watchU()
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', a, result), 0)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'b.test.ts', b, result), 1)
    printed(() => first.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', a), fileResult(root, 'b.test.ts', b)] }))
    const aFile = join(root, 'baselines', 'a.test.ts.json')
    expect(existsSync(aFile)).toBe(true)
    // The user restores a's baselines on disk meanwhile (a checkout): the re-run of b keeps them.
    const restored = readFileSync(aFile, 'utf8').replace(/"timestamp": "[^"]*"/, '"timestamp": "2026-11-30T00:00:00.000Z"')
    writeFileSync(aFile, restored)
    const rerun = watchU()
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'b.test.ts', b, slowResult), 0)
    printed(() => rerun.onRunComplete(undefined, { testResults: [fileResult(root, 'b.test.ts', b)] }))
    expect(readFileSync(aFile, 'utf8')).toBe(restored)
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    const statuses = Object.fromEntries(report.baselines.map((c: { benchId: string; status: string }) => [c.benchId.split(' > ')[0], c.status]))
    expect(statuses).toEqual({ 'a.test.ts': 'ok', 'b.test.ts': 'updated' })
  })

  test('watch mode: a test file deleted or renamed since an earlier run leaves the report', () => {
    const root = tempRoot()
    const a = ['a', 'one']
    const b = ['b', 'two']
    for (const f of ['a.test.ts', 'b.test.ts']) writeFileSync(join(root, f), '')
    const watch = () => new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'none', watch: true }, { ...options, update: 'none' })
    const first = watch()
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', a, result), 0)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'b.test.ts', b, result), 1)
    printed(() => first.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', a), fileResult(root, 'b.test.ts', b)] }))
    rmSync(join(root, 'a.test.ts'))
    writeFileSync(join(root, 'a2.test.ts'), '')
    const rerun = watch()
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a2.test.ts', a, result), 0)
    printed(() => rerun.onRunComplete(undefined, { testResults: [fileResult(root, 'a2.test.ts', a)] }))
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.tests.map((t: { file: string }) => t.file).sort()).toEqual(['a2.test.ts', 'b.test.ts'])
  })

  test('a retried test (jest.retryTimes) keeps its last attempt: one entry, no clash of ids', () => {
    const root = tempRoot()
    const titles = ['retry', 'flaky']
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, { ...shipped(root, 'a.test.ts', titles, slowResult), failed: true, attempt: 1 }, 0)
    shipTest(process.env[RUN_DIR_ENV]!, { ...shipped(root, 'a.test.ts', titles, result), attempt: 2 }, 0)
    reporter.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.tests).toHaveLength(1)
    expect(report.baselines.map((c: { status: string }) => c.status)).toEqual(['written'])
    expect(report.tests[0].entries[0].result.latency.p50).toBe(result.latency.p50)
  })

  test('probe 43 #1: a retried test whose last attempt recorded nothing has no result: the earlier attempt\'s is not its', () => {
    const root = tempRoot()
    const titles = ['retry', 'flaky']
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, { ...shipped(root, 'a.test.ts', titles, result), failed: true, attempt: 1 }, 0)
    const retried = fileResult(root, 'a.test.ts', titles)
    reporter.onRunComplete(undefined, { testResults: [{ ...retried, testResults: retried.testResults.map((r) => ({ ...r, invocations: 2 })) }] })
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.tests).toEqual([])
    expect(existsSync(join(root, 'baselines'))).toBe(false)
    // A record made before Jest counted the test's start (attempt 0: Jest 29's test.concurrent) is the test's own.
    const concurrent = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, { ...shipped(root, 'b.test.ts', titles, result), attempt: 0 }, 0)
    const once = fileResult(root, 'b.test.ts', titles)
    concurrent.onRunComplete(undefined, { testResults: [{ ...once, testResults: once.testResults.map((r) => ({ ...r, invocations: 1 })) }] })
    expect(JSON.parse(readFileSync(join(root, 'R.json'), 'utf8')).tests).toHaveLength(1)
  })

  test('two tests of the same name (test.each of equal rows) both ran once: both kept, their clash reported', () => {
    const root = tempRoot()
    const titles = ['each 1']
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, { ...shipped(root, 'a.test.ts', titles, result), attempt: 1 }, 0)
    shipTest(process.env[RUN_DIR_ENV]!, { ...shipped(root, 'a.test.ts', titles, slowResult), attempt: 1 }, 0)
    reporter.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.baselines.map((c: { status: string; cause?: string }) => `${c.status}:${c.cause}`)).toEqual(['unchecked:duplicate-id', 'unchecked:duplicate-id'])
  })

  test('Jest projects: one file run by two projects keeps both results, each under its project', () => {
    const root = tempRoot()
    const titles = ['cache', 'get']
    const projects = [{ displayName: 'alpha' }, { displayName: 'beta' }]
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', projects }, options)
    const dir = process.env[RUN_DIR_ENV]!
    const results = projects.map(({ displayName }) => ({ ...fileResult(root, 'a.test.ts', titles), displayName }))
    for (const [i, project] of ['alpha', 'beta'].entries()) {
      const t = shipped(root, 'a.test.ts', [`[${project}]`, ...titles], i === 0 ? result : slowResult)
      shipTest(dir, { ...t, titlePath: titles, project, attempt: 1 }, i)
      const test = { path: join(root, 'a.test.ts'), context: { config: Object.freeze({ rootDir: root, displayName: project, id: `id-${project}` }) } }
      reporter.onTestResult(test, results[i]!)
    }
    reporter.onRunComplete(undefined, { testResults: results })
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.tests.map((t: { test: string; state: string }) => `${t.test}:${t.state}`).sort()).toEqual(['[alpha] > cache > get:passed', '[beta] > cache > get:passed'])
    expect(report.baselines.map((c: { benchId: string; status: string }) => `${c.benchId}:${c.status}`).sort()).toEqual([
      'a.test.ts > [alpha] > cache > get > sqrt:written',
      'a.test.ts > [beta] > cache > get > sqrt:written',
    ])
  })

  test("probe 31 #1: each test file is handed perfspec's variables through its config's globals too, which a setup file that replaces process.env cannot take away", () => {
    const root = tempRoot()
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    const config = Object.freeze({ rootDir: root, id: 'abc', globals: { other: 1 } })
    const test: JestTest = { path: join(root, 'a.test.ts'), context: { config } }
    reporter.onTestFileStart(test)
    const handed = (test.context.config.globals as Record<string, Record<string, string>>)[HANDED_ENV_GLOBAL]!
    expect(handed[RUN_DIR_ENV]).toBe(process.env[RUN_DIR_ENV])
    expect(handed[ROOT_ENV]).toBe(root)
    expect(Object.keys(handed).every((name) => name.startsWith('PERFSPEC_'))).toBe(true)
    expect(printed(() => reporter.onRunComplete(undefined, { testResults: [] }))).not.toContain('Jest did not let perfspec')
    // A context Jest froze: the file cannot be handed its folder, and the run fails saying so.
    const frozen = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    frozen.onTestFileStart({ path: join(root, 'a.test.ts'), context: Object.freeze({ config }) })
    const out = printed(() => frozen.onRunComplete(undefined, { testResults: [] }))
    expect(frozen.getLastError()?.message).toMatch(/problems listed above/)
    expect(out).toContain('Jest did not let perfspec give some test files')
  })

  test('Jest projects: each test file is told its project through its config’s globals, Jest’s frozen config and the user’s globals untouched', () => {
    const root = tempRoot()
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', projects: ['a', 'b'] }, options)
    const shared = { other: 1 }
    const config = Object.freeze({ rootDir: root, displayName: { name: 'alpha', color: 'blue' }, id: 'abc', globals: shared })
    const context = { config }
    const test: JestTest = { path: join(root, 'a.test.ts'), context }
    reporter.onTestFileStart(test)
    expect(test.context).toBe(context)
    expect(test.context.config).toMatchObject({ rootDir: root, id: 'abc', globals: { other: 1, [PROJECT_GLOBAL]: 'alpha' } })
    expect(shared).toEqual({ other: 1 })
    const given = test.context.config
    reporter.onTestFileStart({ path: join(root, 'b.test.ts'), context })
    expect(context.config).toBe(given)

    // One project: no project name; perfspec's variables only (below).
    const single = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', projects: [] }, options)
    const alone = { path: join(root, 'a.test.ts'), context: { config } }
    single.onTestFileStart(alone)
    expect(alone.context.config.globals).not.toHaveProperty(PROJECT_GLOBAL)
    expect(shared).toEqual({ other: 1 })
    single.onRunComplete(undefined, { testResults: [] })
    reporter.onRunComplete(undefined, { testResults: [] })
  })

  test('every declared project ran only when Jest hands over a context for each (--selectProjects, --ignoreProjects, a path filter hand over fewer)', () => {
    const declared = { projects: ['/r/packages/pb', '/r/packages/pa'] }
    expect(allProjectsRan(new Set([{}, {}]), declared)).toBe(true)
    expect(allProjectsRan(new Set([{}]), declared)).toBe(false)
    // Without projects there is no project part in ids to go stale; unknown contexts: keep entries.
    expect(allProjectsRan(new Set([{}]), { projects: ['/r'] })).toBe(false)
    expect(allProjectsRan(undefined, declared)).toBe(false)
    // The fresh processes of a run that left projects out are limited to those it ran (probe 18 #6).
    expect(ranProjectNames(new Set([{ config: { rootDir: '/r/packages/pa', displayName: { name: 'pa', color: 'blue' } } }]), declared)).toEqual(['pa'])
    expect(ranProjectNames(new Set([{ config: { rootDir: '/r/packages/pa', displayName: 'pa' } }, { config: { rootDir: '/r/packages/pb', displayName: 'pb' } }]), declared)).toBeUndefined()
    expect(ranProjectNames(new Set([{ config: { rootDir: '/r/packages/pa' } }]), declared)).toBeUndefined()
  })

  test('Jest projects: named by displayName, else folder, else Jest’s id; a frozen context is reported, not fatal', () => {
    expect(declaresProjects({ projects: ['<rootDir>/a', '<rootDir>/b'] })).toBe(true)
    expect(declaresProjects({ projects: ['<rootDir>'] })).toBe(false)
    expect(declaresProjects({})).toBe(false)
    expect(projectName({ rootDir: '/r/packages/api', displayName: 'api-node' }, '/r')).toEqual({ name: 'api-node', named: true })
    expect(projectName({ rootDir: '/r/packages/api' }, '/r')).toEqual({ name: 'packages/api', named: true })
    expect(projectName({ rootDir: '/r', id: '0123456789abcdef' }, '/r')).toEqual({ name: 'project-01234567', named: false })
    expect(giveProjectName({ path: '/r/a.test.ts', context: Object.freeze({ config: { rootDir: '/r' } }) }, 'x')).toBe(false)
  })

  test('test.failing: neither writes nor checks a baseline, whether the test process or Jest tells it; an existing entry is kept', () => {
    const root = tempRoot()
    const titles = ['known', 'too slow']
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    // The body failed, as such a test must: Jest reports it passed (and jest-circus recorded no error).
    shipTest(process.env[RUN_DIR_ENV]!, { ...shipped(root, 'a.test.ts', titles, result), failing: true }, 0)
    reporter.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.tests).toMatchObject([{ test: 'known > too slow', state: 'passed', expectedToFail: true }])
    expect(report.baselines).toMatchObject([{ status: 'skipped', cause: 'expected-to-fail' }])
    expect(existsSync(join(root, 'baselines/a.test.ts.json'))).toBe(false)

    // A baseline written before the test was marked: -u in CI neither compares nor rewrites it.
    const plain = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', titles, result), 0)
    plain.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', titles)] })
    const written = readFileSync(join(root, 'baselines/a.test.ts.json'), 'utf8')
    const marked = new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'all' }, options)
    // Only Jest's own result carries the flag here (a test process of an older setup file).
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'a.test.ts', titles, slowResult), 0)
    const failing = fileResult(root, 'a.test.ts', titles)
    marked.onRunComplete(undefined, { testResults: [{ ...failing, testResults: failing.testResults.map((r) => ({ ...r, failing: true })) }] })
    expect(marked.getLastError()).toBeUndefined()
    expect(JSON.parse(readFileSync(join(root, 'R.json'), 'utf8')).baselines).toMatchObject([{ status: 'skipped', cause: 'expected-to-fail' }])
    expect(readFileSync(join(root, 'baselines/a.test.ts.json'), 'utf8')).toBe(written)
  })

  test('test.failing: what failed in it failed as expected, and the run passes as Jest says; one whose body passed fails, in Jest and in perfspec', () => {
    const root = tempRoot()
    const titles = ['known', 'too slow']
    const jestResult = fileResult(root, 'a.test.ts', titles).testResults[0]!
    const run = (expectation: 'PASS' | 'FAIL', failed: boolean, results: Array<typeof jestResult>) => {
      const t = shipped(root, 'a.test.ts', titles, result)
      const id = `a.test.ts > ${titles.join(' > ')} > sqrt`
      const limit = expectation === 'PASS' ? 1_000 : 1e-6
      const entry = { kind: 'expectation' as const, benchId: id, subject: 'p95 latency', comparator: '<', actual: result.latency.p95, limit, unit: 'ms', status: expectation, message: `p95 latency of "sqrt", expected < ${limit}ms` }
      const reporter = new PerfJestReporter({ rootDir: root, ci: true, updateSnapshot: 'none' }, options)
      shipTest(process.env[RUN_DIR_ENV]!, { ...t, failed, failing: true, entries: [...t.entries, entry] }, 0)
      reporter.onRunComplete(undefined, { testResults: [{ testFilePath: join(root, 'a.test.ts'), testResults: results }] })
      const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
      // The verdict and the exit code agree: an error for Jest exactly when the verdict is FAIL.
      expect(reporter.getLastError() !== undefined).toBe(report.summary.status === 'FAIL')
      return report
    }
    // The expectation failed, so the body did: jest-circus records no error for a test.failing then,
    // and Jest reports it passed. The expectation failed as expected: no failure of the run.
    let report = run('FAIL', false, [jestResult])
    expect(report.tests).toMatchObject([{ state: 'passed', expectedToFail: true, entries: [{ kind: 'bench' }, { kind: 'expectation', status: 'XFAIL' }] }])
    expect(report.summary).toMatchObject({ status: 'PASS', expectations: { pass: 0, warn: 0, fail: 0, xfail: 1 } })
    // Without Jest's result for the test, the test process's view says the same.
    report = run('FAIL', false, [])
    expect(report.tests).toMatchObject([{ state: 'passed', entries: [{}, { status: 'XFAIL' }] }])
    expect(report.summary.status).toBe('PASS')
    // The body passed: jest-circus records that it should have failed, and Jest fails the test
    // (and the run). So does perfspec, though its expectation passed.
    report = run('PASS', true, [{ ...jestResult, status: 'failed' }])
    expect(report.tests).toMatchObject([{ state: 'failed', entries: [{}, { status: 'PASS' }] }])
    expect(report.summary).toMatchObject({ status: 'FAIL', expectations: { pass: 1, warn: 0, fail: 0, xfail: 0 } })
    expect(readFileSync(join(root, 'R.md'), 'utf8')).toContain('its test is expected to fail (test.fails, test.failing) and did not, so the runner failed it')
    report = run('PASS', true, [])
    expect(report.tests).toMatchObject([{ state: 'failed' }])
    expect(report.summary.status).toBe('FAIL')
  })

  test('Jest projects of one name that run one file: both results kept, the clash named and the run failed, never a silent PASS of nothing', () => {
    const root = tempRoot()
    const titles = ['t']
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', projects: [{ displayName: 'x' }, { displayName: 'x' }] }, options)
    const dir = process.env[RUN_DIR_ENV]!
    const results = [0, 1].map(() => ({ ...fileResult(root, 'p.test.js', titles), displayName: { name: 'x' } }))
    for (const [i, id] of ['id-1', 'id-2'].entries()) {
      const test = { path: join(root, 'p.test.js'), context: { config: { rootDir: root, displayName: { name: 'x' }, id, setupFilesAfterEnv: ['/n/node_modules/perfspec/dist/jest/setup.cjs'] } } }
      reporter.onTestFileStart(test)
      shipTest(dir, { ...shipped(root, 'p.test.js', ['[x]', ...titles], result), titlePath: titles, project: 'x', attempt: 1 }, i)
      reporter.onTestResult(test, results[i]!)
    }
    const out = printed(() => reporter.onRunComplete(undefined, { testResults: results }))
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.tests.map((t: { test: string }) => t.test)).toEqual(['[x] > t', '[x] > t'])
    expect(report.baselines.map((c: { status: string; cause?: string }) => `${c.status}:${c.cause}`)).toEqual(['unchecked:duplicate-id', 'unchecked:duplicate-id'])
    expect(out).toContain('✗ Jest projects named "x" both ran p.test.js, so their benchmarks have the same ids and none is compared with a baseline or written: give each project its own displayName. The run fails')
    expect(out).toMatch(/^ FAIL {2}2 benchmarks/m)
    expect(reporter.getLastError()?.message).toContain('the problems listed above')
  })

  test('probe 36 #3: Jest stopped by an error of its own before every file ran (a runner that failed to load): FAIL naming it, nothing written', () => {
    const root = tempRoot()
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    const out = printed(() => reporter.onRunComplete(undefined, { testResults: [], runExecError: { message: 'runner failed to load: missing peer dependency\n    at x.js:1' } } as never))
    expect(out).toContain("✗ Jest stopped the run with an error before every test file ran (runner failed to load: missing peer dependency), so what the other files measure is not in this report")
    expect(out).toMatch(/^ FAIL {2}0 benchmarks/m)
    expect(JSON.parse(readFileSync(join(root, 'R.json'), 'utf8')).summary.status).toBe('FAIL')
    expect(reporter.getLastError()).toBeDefined()
    expect(existsSync(join(root, 'baselines'))).toBe(false)
    // Probe 37 #7: after every file ran, the error is named without claiming files are missing.
    const after = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    const late = printed(() => after.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', ['t'])], numTotalTestSuites: 1, runExecError: { message: 'runner failed after the last file' } } as never))
    expect(late).toContain('✗ Jest ended the run with an error after every test file ran (runner failed after the last file): the run fails')
  })

  test('probe 38 #2: a --bail run that left files unrun says so and fails, writing no baseline; a run where every file ran does not', () => {
    const root = tempRoot()
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', bail: 1 }, options)
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'b.test.ts', ['t'], result), 0)
    const out = printed(() => reporter.onRunComplete(undefined, { testResults: [fileResult(root, 'b.test.ts', ['t'])], numTotalTestSuites: 4 } as never))
    expect(out).toContain('✗ Jest stopped the run at a failing test (bail) after 1 of 4 test files ran, so what the other 3 measure is not in this report and was not checked: the run fails, no baseline was written or removed')
    expect(out).toMatch(/^ FAIL {2}1 benchmark/m)
    expect(JSON.parse(readFileSync(join(root, 'R.json'), 'utf8')).problems).toHaveLength(1)
    expect(reporter.getLastError()).toBeDefined()
    expect(existsSync(join(root, 'baselines'))).toBe(false)
    const whole = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', bail: 1 }, options)
    const all = printed(() => whole.onRunComplete(undefined, { testResults: [fileResult(root, 'b.test.ts', ['t'])], numTotalTestSuites: 1 } as never))
    expect(all).not.toContain('bail')
  })

  test('a shipped record that no file result claims is kept in the report, not dropped', () => {
    const root = tempRoot()
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, { ...options, update: 'none' })
    shipTest(process.env[RUN_DIR_ENV]!, shipped(root, 'gone.test.ts', ['lost', 'one'], result), 0)
    reporter.onRunComplete(undefined, { testResults: [fileResult(root, 'other.test.ts', ['x'])] })
    const report = JSON.parse(readFileSync(join(root, 'R.json'), 'utf8'))
    expect(report.tests.map((t: { file: string; test: string }) => `${t.file}:${t.test}`)).toEqual(['gone.test.ts:lost > one'])
  })

  test("without perfspec's setup file: the config key and the value to add are named, per project, and the run fails", () => {
    const root = tempRoot()
    const start = (reporter: PerfJestReporter, config: Record<string, unknown>) => reporter.onTestFileStart({ path: join(root, 'a.test.ts'), context: { config: { rootDir: root, ...config } as never } })
    const add = "add 'perfspec/jest/setup' to its setupFilesAfterEnv (setupFilesAfterEnv: ['perfspec/jest/setup'])"

    const bare = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    start(bare, { setupFilesAfterEnv: [join(root, 'jest.setup.js')] })
    const out = printed(() => bare.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', ['t'])] }))
    expect(out).toContain(`✗ the Jest config does not load perfspec's setup file, so nothing its tests measure reaches the report: ${add}. The run fails`)
    expect(out).toMatch(/^ FAIL {2}0 benchmarks/m)
    expect(bare.getLastError()).toBeDefined()

    // Listed (as Jest resolves it), or loaded by a setup file of the user's, as the test processes note: no complaint.
    const listed = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    start(listed, { setupFilesAfterEnv: ['/repo/node_modules/perfspec/dist/jest/setup.cjs'] })
    markSetup(process.env[RUN_DIR_ENV]!, '', 0, join(root, 'a.test.ts'))
    expect(printed(() => listed.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', ['t'])] }))).not.toContain('setup file')
    expect(listed.getLastError()).toBeUndefined()
    // Probe 33 #4: listed, but no test file said the setup ran with the run's folder, nor shipped a
    // record (a test environment that does not install the config's globals): named, and the run fails.
    const unhanded = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    start(unhanded, { setupFilesAfterEnv: ['/repo/node_modules/perfspec/dist/jest/setup.cjs'], testEnvironment: '/repo/own-env.js' })
    const silent = printed(() => unhanded.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', ['t'])] }))
    expect(silent).toContain(`✗ test file a.test.ts loaded perfspec's setup file but never received the run's record folder, which perfspec's reporter hands each file through the config's globals: their test environment (the project's testEnvironment "/repo/own-env.js", or one the file names in its docblock (@jest-environment)) does not install the config's globals`)
    expect(silent).toMatch(/^ FAIL {2}0 benchmarks/m)
    expect(unhanded.getLastError()).toBeDefined()
    // Probe 34 #1: per file. One file of the project reported in; another, with an environment of
    // its own (a docblock), did not: named. Probe 34 #5 and #3: a file that failed to run at all
    // (its error fails the run), and a project whose runner is no test framework, are left out.
    const perFile = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    const listedConfig = { setupFilesAfterEnv: ['/repo/node_modules/perfspec/dist/jest/setup.cjs'] }
    for (const f of ['a.test.ts', 'b.test.ts', 'c.test.ts']) perFile.onTestFileStart({ path: join(root, f), context: { config: { rootDir: root, ...listedConfig } as never } })
    perFile.onTestFileStart({ path: join(root, 'lint.js'), context: { config: { rootDir: root, runner: '/repo/node_modules/jest-runner-eslint/build/runner.js' } as never } })
    // Probe 35 #1: a runner of the user's that lists perfspec's setup (one that wraps jest-runner) is checked.
    perFile.onTestFileStart({ path: join(root, 'wrapped.test.ts'), context: { config: { rootDir: root, runner: '/repo/groups-runner.js', ...listedConfig } as never } })
    // Probe 35 #2: a file handed to a worker as --bail stopped the run has no result: not named.
    perFile.onTestFileStart({ path: join(root, 'never-ran.test.ts'), context: { config: { rootDir: root, ...listedConfig } as never } })
    markSetup(process.env[RUN_DIR_ENV]!, '', 0, join(root, 'a.test.ts'))
    const broke = { ...fileResult(root, 'c.test.ts', []), testExecError: { message: 'setup threw' } }
    const one = printed(() => perFile.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', ['t']), fileResult(root, 'b.test.ts', ['t']), broke, fileResult(root, 'lint.js', ['lint']), fileResult(root, 'wrapped.test.ts', ['t'])] }))
    expect(one).toContain("✗ test files b.test.ts, wrapped.test.ts loaded perfspec's setup file but never received the run's record folder")
    expect(one).not.toMatch(/(c\.test\.ts|lint\.js|never-ran\.test\.ts)[^\n]*loaded perfspec|does not load perfspec's setup file/)
    // probe 41 #9: the file that failed to run says Jest's error for it.
    expect(one).toContain('"c.test.ts" (the file failed: setup threw)')
    expect(perFile.getLastError()).toBeDefined()
    const indirect = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, options)
    start(indirect, { setupFilesAfterEnv: [join(root, 'jest.setup.js')] })
    markSetup(process.env[RUN_DIR_ENV]!, '', 0, join(root, 'a.test.ts'))
    expect(printed(() => indirect.onRunComplete(undefined, { testResults: [fileResult(root, 'a.test.ts', ['t'])] }))).not.toContain('setup file')
    expect(indirect.getLastError()).toBeUndefined()

    // Projects: the one without it is named.
    const projects = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new', projects: ['a', 'b'] }, options)
    start(projects, { displayName: 'node', id: 'n', setupFilesAfterEnv: ['/repo/node_modules/perfspec/dist/jest/setup.js'] })
    start(projects, { displayName: 'dom', id: 'd' })
    markSetup(process.env[RUN_DIR_ENV]!, 'node', 0, join(root, 'a.test.ts'))
    const both = printed(() => projects.onRunComplete(undefined, { testResults: ['node', 'dom'].map((displayName) => ({ ...fileResult(root, 'a.test.ts', ['t']), displayName })) }))
    expect(both).toContain(`✗ Jest project "dom" does not load perfspec's setup file, so nothing its tests measure reaches the report: ${add}`)
    expect(both).not.toContain('"node"')
  })

  test("probe 35 #1, probe 36 #1, #2, #4: bench() in a test file of a perfspec run where perfspec's setup did not load names the setting to add; nowhere else", () => {
    // A project whose runner wraps Jest's and lists no setup: the reporter's check leaves it out,
    // so the measurement itself refuses rather than vanish from the report.
    const jestText = `bench("x") ran in a Jest project that does not load perfspec's setup file, so its result would be missing from the report: add 'perfspec/jest/setup' to that project's setupFilesAfterEnv (setupFilesAfterEnv: ['perfspec/jest/setup'])`
    const dir = createRunDir()
    try {
      const file = join(dir, 'w.test.js')
      noteStarted(dir, file)
      // As Jest's expect keeps its state in the test file's global, globals injected or not.
      const jestRealm = (testPath: string, handed?: Record<string, string>) => ({ [Symbol.for('$$jest-matchers-object')]: { state: { testPath } }, ...(handed && { [HANDED_ENV_GLOBAL]: handed }) }) as Record<string, unknown>
      // Handed the record folder: even where a setup file replaced process.env (no JEST_WORKER_ID, no folder there).
      expect(missingSetupProblem('bench("x")', {}, jestRealm(file, { [RUN_DIR_ENV]: dir }))).toBe(jestText)
      // Probe 38 #3, #4: handed it by inheritance (a Jest a test starts in its own process copies the outer file's globals), for a file that run did not start.
      expect(missingSetupProblem('bench("x")', {}, jestRealm(join(dir, 'fixture', 'inner.test.js'), { [RUN_DIR_ENV]: dir }))).toBeUndefined()
      // Not handed it (an environment that drops the config's globals), but the run named in the environment started this file.
      expect(missingSetupProblem('bench("x")', { [RUN_DIR_ENV]: dir }, jestRealm(file))).toBe(jestText)
      // Probe 37 #4: nor the variable (a setup file replaced process.env first): found among this runner's record folders.
      expect(missingSetupProblem('bench("x")', {}, jestRealm(file))).toBe(jestText)
      expect(missingSetupProblem('bench("x")', {}, jestRealm(join(dir, 'other.test.js')))).toBeUndefined()
      // A file that run did not start (a Jest a test started, inheriting the variable), or no Jest test at all (a script a test spawned).
      expect(missingSetupProblem('bench("x")', { [RUN_DIR_ENV]: dir }, jestRealm(join(dir, 'fixture.test.js')))).toBeUndefined()
      expect(missingSetupProblem('bench("x")', { [RUN_DIR_ENV]: dir, JEST_WORKER_ID: '1' }, {})).toBeUndefined()
      // Probe 37 #6: the folder of another runner process (the outer run of a Jest a test started) that started the same file.
      const outer = join(mkdtempSync(join(os.tmpdir(), 'perfspec-outer-')), `${process.pid + 100_000}-abc`)
      mkdirSync(outer)
      noteStarted(outer, file)
      expect(missingSetupProblem('bench("x")', { [RUN_DIR_ENV]: outer }, jestRealm(file))).toBeUndefined()
      rmSync(dirname(outer), { recursive: true, force: true })

      const vitestText = `bench("x") ran in a Vitest project that does not load perfspec's setup, so its result would be missing from the report: add perf() to that project's plugins (plugins: [perf()]), or extends: true to give it the root config's`
      const gate = { [WORKER_GATE_ENV]: '{}', VITEST_WORKER_ID: '1' }
      // A Vitest test file the perf reporter handed the gate through the provided context.
      expect(missingSetupProblem('bench("x")', {}, { __vitest_worker__: { providedContext: { 'perfspec:env': { [WORKER_GATE_ENV]: '{}' } } } })).toBe(vitestText)
      // A Vitest a test started (provided context without perfspec's), a script or a thread a test started (no worker state): not one of the run's.
      expect(missingSetupProblem('bench("x")', gate, { __vitest_worker__: { providedContext: {} } })).toBeUndefined()
      expect(missingSetupProblem('bench("x")', gate, {})).toBeUndefined()
      // Probe 37 #1, #2, probe 39 #5: a blob shard or a perfspec ab side (no perf reporter, no gate) hands every project its mark, whatever the project's root.
      const mark = { [RUN_PID_ENV]: String(process.pid), [RUN_ROOT_ENV]: '/repo' }
      expect(missingSetupProblem('bench("x")', {}, { __vitest_worker__: { providedContext: { 'perfspec:env': mark }, config: { root: '/repo/pkg' } } })).toBe(vitestText)
      // Probe 38 #1, probe 39 #1: a Vitest a test starts, in this process or as its child, with the run's root or another: the environment it inherits does not make it the run's.
      for (const root of ['/repo', '/repo/fixture']) expect(missingSetupProblem('bench("x")', { ...gate, ...mark }, { __vitest_worker__: { providedContext: {}, config: { root } } })).toBeUndefined()
      // A Vitest that keeps no provided context: the environment (the gate; the run's pid, and its root).
      expect(missingSetupProblem('bench("x")', gate, { __vitest_worker__: {} })).toBe(vitestText)
      expect(missingSetupProblem('bench("x")', mark, { __vitest_worker__: { config: { root: '/repo' } } })).toBe(vitestText)
      expect(missingSetupProblem('bench("x")', mark, { __vitest_worker__: { config: { root: '/repo/fixture' } } })).toBeUndefined()
      expect(missingSetupProblem('bench("x")', { [RUN_PID_ENV]: String(process.pid + 100_000) }, { __vitest_worker__: {} })).toBeUndefined()
      // A Vitest test file inside a Jest test's process, handed a Jest run's variables: not a Jest project.
      expect(missingSetupProblem('bench("x")', { [RUN_DIR_ENV]: dir }, { __vitest_worker__: { providedContext: { 'perfspec:env': { [RUN_DIR_ENV]: dir } } } })).toBeUndefined()
    } finally {
      removeRunDir(dir)
    }
  })

  test('rejects unknown options the way the Vitest plugin does', () => {
    expect(() => new PerfJestReporter({ rootDir: tempRoot() }, { treshold: '20%' } as never)).toThrow(/^perfspec: unknown Jest reporter option "treshold"/)
    expect(() => new PerfJestReporter({ rootDir: tempRoot() }, { threshold: 20 })).toThrow(/^perfspec: Jest reporter option "threshold" 20 is ambiguous/)
  })
})
