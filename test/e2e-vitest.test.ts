import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { mergeConfig } from 'vitest/config'
import { baselineFileProblems } from '../src/run/baseline-schema'
import { runReportProblems } from '../src/run/run-report-schema'
import { perf } from '../src/vitest/plugin'

const root = new URL('..', import.meta.url).pathname
// Inside the package, so `perfspec` and `perfspec/vitest` resolve to the built package itself.
const project = join(root, 'test', `.tmp-e2e-${process.pid}`)

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project, ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, CI: '', GITHUB_ACTIONS: '', PERFSPEC_UPDATE: '', ...env },
    timeout: 120_000,
  })
  return { code: result.status, out: `${result.stdout}\n${result.stderr}` }
}

/**
 * A fresh project; `pluginOptions` is the source of the plugin's options object. Its short
 * benchmarks can read as regressions of themselves here, which are not what it tests: no fresh
 * process is started for them (each costs a Vitest start), and a baseline is measured once.
 */
function setup(pluginOptions = '') {
  rmSync(project, { recursive: true, force: true })
  mkdirSync(project, { recursive: true })
  writeFileSync(
    join(project, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config'\nimport perf from 'perfspec/vitest'\nexport default defineConfig({ plugins: [perf({ freshProcess: false, baselineAttempts: 1, ...${pluginOptions || '{}'} })], test: { include: ['*.test.ts'] } })\n`,
  )
  writeFileSync(
    join(project, 'ops.test.ts'),
    `import { describe, test } from 'vitest'
import { bench, expectLatency, expectThroughput } from 'perfspec'
interface Shape {
  a: number
}
describe('ops', () => {
  test('sum', async () => {
    const r = await bench('sum', () => [1, 2, 3].reduce((a, b) => a + b), { time: '60ms', warmup: '20ms' })
    expectLatency(r).p95.toBeLessThan('1ms')
    expectThroughput(r).toBeGreaterThan('1k/s')
  })
  test('broken', async () => {
    await bench('throws', () => { throw new Error('kaput') }, { time: '20ms' })
  })
  let attempt = 0
  test('flaky', { retry: 1 }, async () => {
    await bench('again', () => JSON.stringify([1, 'again']), { time: '20ms', warmup: '10ms' })
    if (attempt++ === 0) throw new Error('the first attempt fails')
  })
  // Probe 43 #1: the last attempt measures nothing, so the test has no result; the first's is not its.
  let tries = 0
  test('retried, last attempt measures nothing', { retry: 1 }, async () => {
    if (tries++ > 0) return
    await bench('firstonly', () => JSON.stringify([1, 'first']), { time: '20ms', warmup: '10ms' })
    throw new Error('the first attempt fails after measuring')
  })
})
`,
  )
}

afterAll(() => rmSync(project, { recursive: true, force: true }))

describe('vitest --reporter=perf', () => {
  test('writes the report, the JSON, the exports asked for and new baselines on a local run; CI writes none; -u rewrites', () => {
    setup(`{ exports: { bmf: 'perf/bench.bmf.json', 'github-action-benchmark': 'gab.json' } }`)
    const first = run(['--reporter=perf'])
    expect(first.code).toBe(1) // the 'broken' test fails
    expect(first.out).toContain('bench "throws" failed: kaput')
    expect(first.out).not.toContain('firstonly')
    const md = readFileSync(join(project, 'BENCHMARK_RESULTS.md'), 'utf8')
    expect(md).toMatch(/# Benchmark results/)
    expect(md).toMatch(/^## ops\.test\.ts$/m)
    expect(md).toMatch(/\| ops › sum › sum \|/)
    expect(md).toMatch(/p95 latency of "sum" was .* expected < 1\.00ms/)
    expect(md).toMatch(/<summary>Environment<\/summary>/)
    const json = JSON.parse(readFileSync(join(project, 'BENCHMARK_RESULTS.json'), 'utf8'))
    // A retried test keeps its last attempt's benchmarks only.
    expect(json.summary.benchmarks).toBe(3)
    expect(JSON.stringify(json)).not.toContain('again #2')
    // The line of the bench() call, in the TypeScript source (the stack is source-mapped).
    expect(json.tests.find((t: { test: string }) => t.test === 'ops > sum').line).toBe(8)
    const baselineFile = join(project, 'baselines', 'ops.test.ts.json')
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'))
    // The failed bench is not written as a baseline.
    // On a mismatch, say why each entry was or was not written (this failed once, 458 of 459, under load).
    const why = JSON.stringify(json.tests.map((t: { test: string; entries: Array<{ baseline?: unknown }> }) => [t.test, t.entries.map((e) => e.baseline)]))
    expect(baseline.benchmarks.map((b: { bench_id: string }) => b.bench_id).sort(), why).toEqual(['ops.test.ts > ops > flaky > again', 'ops.test.ts > ops > sum > sum'])
    const entry = baseline.benchmarks[0]
    for (const key of ['bench_id', 'metric', 'unit', 'p50', 'p95', 'n', 'timestamp']) expect(entry).toHaveProperty(key)
    // What the reporter writes, perfspec reads: both files pass the checks of their readers.
    expect(runReportProblems(json)).toEqual([])
    expect(baselineFileProblems(baseline)).toEqual([])
    // The exports: the benchmarks with a result, the failed one left out.
    expect(first.out).toContain('wrote BENCHMARK_RESULTS.json, BENCHMARK_RESULTS.md, perf/bench.bmf.json, gab.json')
    const bmf = JSON.parse(readFileSync(join(project, 'perf', 'bench.bmf.json'), 'utf8'))
    expect(Object.keys(bmf).sort()).toEqual(['ops.test.ts > ops > flaky > again', 'ops.test.ts > ops > sum > sum'])
    expect(bmf['ops.test.ts > ops > sum > sum'].latency.value).toBeCloseTo(json.tests.find((t: { test: string }) => t.test === 'ops > sum').entries[0].result.latency.mean * 1e6, 2)
    const gab = JSON.parse(readFileSync(join(project, 'gab.json'), 'utf8'))
    expect(gab.map((e: { name: string; unit: string }) => [e.name, e.unit]).sort()).toEqual([['ops.test.ts > ops > flaky > again', 'ns/iter'], ['ops.test.ts > ops > sum > sum', 'ns/iter']])

    // A CI run writes no new baseline.
    rmSync(join(project, 'baselines'), { recursive: true })
    run(['--reporter=perf'], { CI: 'true' })
    expect(existsSync(baselineFile)).toBe(false)

    // Local again: written; a second local run keeps it; -u rewrites it.
    run(['--reporter=perf'])
    const written = readFileSync(baselineFile, 'utf8')
    run(['--reporter=perf'])
    expect(readFileSync(baselineFile, 'utf8')).toBe(written)
    run(['--reporter=perf', '-u'])
    expect(JSON.parse(readFileSync(baselineFile, 'utf8')).benchmarks[0].timestamp).not.toBe(JSON.parse(written).benchmarks[0].timestamp)
  })
})

describe('vitest --reporter=perf with tests that misbehave', () => {
  test('concurrent tests, colliding names, a bench outside any test, renamed benchmarks, a run with none', () => {
    setup()
    rmSync(join(project, 'ops.test.ts'))
    // Every bench does some work: a trivial one can time at 0 after the timer's cost, and a p95 of
    // 0 is not stored as a baseline, which would leave one out of the count below.
    const file = (benchName: string) => `import { afterEach, describe, test } from 'vitest'
import { bench } from 'perfspec'
const opts = { time: '30ms', warmup: '5ms' }
await bench('at module level', () => JSON.stringify([1, 'x']), opts)
describe.concurrent('c', () => {
  test('one', async () => { await new Promise((r) => setTimeout(r, 5)); await bench('${benchName}', () => JSON.stringify([1, 'x']), opts) })
  test('two', async () => { await bench('b2', () => JSON.stringify([2, 'x']), opts) })
})
test('a > b', async () => { await bench('c', () => JSON.stringify([3, 'x']), opts) })
describe('a', () => { test('b', async () => { await bench('c', () => JSON.stringify([4, 'x']), opts) }) })
describe.concurrent('h', () => {
  afterEach(async (ctx) => { await bench('after ' + ctx.task.name, () => JSON.stringify([5, 'x']), opts) })
  test('A', async () => { await bench('a', () => JSON.stringify([6, 'x']), opts) })
  test('B', async () => { await new Promise((r) => setTimeout(r, 5)); await bench('b', () => JSON.stringify([7, 'x']), opts) })
})
`
    writeFileSync(join(project, 'misc.test.ts'), file('b1'))
    const first = run(['--reporter=perf'])
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/perfspec: bench\("at module level"\) ran outside a test \(at .*misc\.test\.ts:4:\d+\)/)
    const json = JSON.parse(readFileSync(join(project, 'BENCHMARK_RESULTS.json'), 'utf8'))
    const filed = json.tests.flatMap((t: { test: string; entries: Array<{ id: string }> }) => t.entries.map((e) => [t.test, e.id]))
    expect(filed.sort()).toEqual([
      ['a > b', 'misc.test.ts > a > b > c'],
      ['a \\> b', 'misc.test.ts > a \\> b > c'],
      ['c > one', 'misc.test.ts > c > one > b1'],
      ['c > two', 'misc.test.ts > c > two > b2'],
      ['h > A', 'misc.test.ts > h > A > a'],
      ['h > A', 'misc.test.ts > h > A > after A'],
      ['h > B', 'misc.test.ts > h > B > after B'],
      ['h > B', 'misc.test.ts > h > B > b'],
    ])
    const ids = JSON.parse(readFileSync(join(project, 'baselines', 'misc.test.ts.json'), 'utf8')).benchmarks.map((b: { bench_id: string }) => b.bench_id)
    expect(ids).toHaveLength(8)

    // b1 renamed: its entry is reported as obsolete, then removed by -u.
    writeFileSync(join(project, 'misc.test.ts'), file('b1 renamed'))
    expect(run(['--reporter=perf']).out).toContain('obsolete: 1 baseline entry whose benchmark is gone ("misc.test.ts > c > one > b1")')
    expect(run(['--reporter=perf', '-u']).out).toContain('removed 1 baseline entry whose benchmark is gone')
    expect(JSON.parse(readFileSync(join(project, 'baselines', 'misc.test.ts.json'), 'utf8')).benchmarks.map((b: { bench_id: string }) => b.bench_id)).toContain('misc.test.ts > c > one > b1 renamed')

    // A run in which no benchmark finished rewrites the report, saying so.
    writeFileSync(join(project, 'misc.test.ts'), `import { test } from 'vitest'\ntest('times out', async () => { await new Promise((r) => setTimeout(r, 5000)) }, 50)\n`)
    // A file that fails to load and a describe whose beforeAll throws: their tests are skipped,
    // and the report says what did not finish.
    writeFileSync(join(project, 'broken.test.ts'), `import { bench } from 'perfspec'\nthrow new Error('import boom')\n`)
    writeFileSync(join(project, 'hooks.test.ts'), `import { beforeAll, describe, test } from 'vitest'\nimport { bench } from 'perfspec'\ndescribe('d', () => {\n  beforeAll(() => { throw new Error('hook boom') })\n  test('t', async () => { await bench('b', () => 1, { time: '20ms' }) })\n})\n`)
    const none = run(['--reporter=perf'])
    expect(none.code).toBe(1)
    const md = readFileSync(join(project, 'BENCHMARK_RESULTS.md'), 'utf8')
    expect(md).toContain('1 test failed before recording a result')
    expect(md).toContain('2 test files or blocks failed as a whole (loading, or a hook)')
    expect(md).toContain('"broken.test.ts" (the file failed: import boom)')
    expect(md).toContain('"hooks.test.ts > d" (hook boom)')
    expect(md).toContain('No benchmark or leak check finished in this run.')
    expect(JSON.parse(readFileSync(join(project, 'BENCHMARK_RESULTS.json'), 'utf8')).summary.status).toBe('FAIL')
  })
})

/** A fresh project without test files whose config declares the given projects (source of the array's items), with the plugin's options. */
function projectsConfig(projects: string, pluginOptions = '') {
  setup()
  rmSync(join(project, 'ops.test.ts'))
  writeFileSync(join(project, 'vitest.config.ts'), `import { defineConfig } from 'vitest/config'\nimport perf from 'perfspec/vitest'\nexport default defineConfig({ plugins: [perf(${pluginOptions})], test: { projects: [\n${projects}\n] } })\n`)
}

/** A project of `proj.test.ts` (a sum of PN numbers) whose config declares the given projects (source of the array's items), with the plugin's options. */
function projectsSetup(projects: string, pluginOptions = '') {
  projectsConfig(projects, pluginOptions)
  writeFileSync(join(project, 'proj.test.ts'), `import { test } from 'vitest'\nimport { bench } from 'perfspec'\ntest('t', async () => { const n = Number(process.env.PN); await bench('sum', () => { let s = 0; for (let i = 0; i < n; i++) s += i; return s }, { time: '30ms' }) })\n`)
}

describe('vitest --reporter=perf with projects', () => {
  test('one test file in two projects keeps both results, each under its project', () => {
    projectsSetup(`  { extends: true, test: { name: 'fast', include: ['proj.test.ts'], env: { PN: '10' } } },\n  { extends: true, test: { name: 'slow', include: ['proj.test.ts'], env: { PN: '2000' } } },`)
    const r = run(['--reporter=perf'])
    expect(r.code, r.out).toBe(0)
    const json = JSON.parse(readFileSync(join(project, 'BENCHMARK_RESULTS.json'), 'utf8'))
    const ids = json.tests.flatMap((t: { entries: Array<{ id: string }> }) => t.entries.map((e) => e.id)).sort()
    expect(ids).toEqual(['proj.test.ts > [fast] > t > sum', 'proj.test.ts > [slow] > t > sum'])
    expect(json.baselines.map((c: { status: string }) => c.status)).toEqual(['written', 'written'])
    // One project selected: the same ids, and the other project's baseline is not obsolete, even with -u.
    const one = run(['--reporter=perf', '--project', 'fast', '-u'])
    expect(one.code, one.out).toBe(0)
    expect(one.out).not.toContain('obsolete')
    expect(one.out).not.toContain('removed')
    const kept = JSON.parse(readFileSync(join(project, 'baselines', 'proj.test.ts.json'), 'utf8')).benchmarks.map((b: { bench_id: string }) => b.bench_id)
    expect(kept).toEqual(['proj.test.ts > [fast] > t > sum', 'proj.test.ts > [slow] > t > sum'])
    // Probe 37 #10: a blob shard's ids carry the projects too; the merged run gates them against these baselines.
    const blob = run(['--reporter=blob'])
    expect(blob.code, blob.out).toBe(0)
    const merged = run(['--merge-reports', '--reporter=perf'])
    expect(merged.out).not.toContain('same id')
    const mergedJson = JSON.parse(readFileSync(join(project, 'BENCHMARK_RESULTS.json'), 'utf8'))
    expect(mergedJson.tests.flatMap((t: { entries: Array<{ id: string }> }) => t.entries.map((e) => e.id)).sort()).toEqual(['proj.test.ts > [fast] > t > sum', 'proj.test.ts > [slow] > t > sum'])
    expect(mergedJson.baselines.map((c: { status: string }) => c.status)).not.toContain('unchecked')
  })

  test('projects without a name: a perf run is refused, naming the project and the fix, as their ids would follow their place; a plain run of them is left alone (probe 20 #3)', () => {
    projectsSetup(`  { extends: true, test: { include: ['proj.test.ts'], env: { PN: '10' } } },\n  { extends: true, test: { include: ['proj.test.ts'], env: { PN: '2000' } } },`, '{ freshProcess: false, baselineAttempts: 1 }')
    const r = run(['--reporter=perf'])
    expect(r.code).not.toBe(0)
    expect(r.out).toMatch(/perfspec: Vitest project "[01]" has no name of its own, so Vitest numbers it by its place in the list/)
    expect(r.out).toContain("Give every project of a perf run a name with a letter in it (test: { name: 'node' })")
    expect(existsSync(join(project, 'baselines'))).toBe(false)
    expect(existsSync(join(project, 'BENCHMARK_RESULTS.json'))).toBe(false)
    expect(run([]).code).toBe(0)
  })

  test("a project without perfspec's setup beside one with perf(): its bench() fails its test, naming the fix, and the run fails (probe 19 #6)", () => {
    // Probe 39 #5: with a root of its own, too.
    projectsConfig(`  { plugins: [perf({ freshProcess: false, baselineAttempts: 1 })], test: { name: 'one', include: ['one.test.ts'] } },\n  { test: { name: 'two', root: './pkg', include: ['two.test.ts'] } },`, '{ freshProcess: false, baselineAttempts: 1 }')
    const source = `import { test } from 'vitest'\nimport { bench } from 'perfspec'\ntest('t', async () => { await bench('sum', () => [1, 2, 3].reduce((a, b) => a + b), { time: '30ms' }) })\n`
    writeFileSync(join(project, 'one.test.ts'), source)
    mkdirSync(join(project, 'pkg'), { recursive: true })
    writeFileSync(join(project, 'pkg', 'two.test.ts'), source)
    const r = run(['--reporter=perf'])
    expect(r.code, r.out).toBe(1)
    expect(r.out).toContain(`bench("sum") ran in a Vitest project that does not load perfspec's setup, so its result would be missing from the report: add perf() to that project's plugins`)
    const json = JSON.parse(readFileSync(join(project, 'BENCHMARK_RESULTS.json'), 'utf8'))
    expect(json.tests.flatMap((t: { entries: Array<{ id: string }> }) => t.entries.map((e) => e.id))).toEqual(['one.test.ts > [one] > t > sum'])
    // Probe 37 #1: a blob shard gathers results for a later perf report: refused there too.
    const blob = run(['--reporter=blob', '--reporter=default'])
    expect(blob.code, blob.out).toBe(1)
    expect(blob.out).toContain(`bench("sum") ran in a Vitest project that does not load perfspec's setup`)
    // Without the perf reporter, bench() measures there as anywhere.
    expect(run(['--project', 'two']).code).toBe(0)
  })

  test('projects whose perf() options differ: refused before any test runs, naming the projects and the options (the same options in several projects are accepted: see the next test but one) (probe 20 #1)', () => {
    projectsSetup(`  { plugins: [perf({ freshProcess: false, baselineAttempts: 1, baselineDir: 'b-one' })], test: { name: 'one', include: ['proj.test.ts'], env: { PN: '10' } } },\n  { plugins: [perf({ freshProcess: false, baselineAttempts: 1, threshold: '5%' })], test: { name: 'two', include: ['proj.test.ts'], env: { PN: '10' } } },`, '{ freshProcess: false, baselineAttempts: 1 }')
    const r = run(['--reporter=perf'])
    expect(r.code).not.toBe(0)
    expect(r.out).toMatch(/perfspec: Vitest project "(one|two)" lists perf\(\) with options that differ from those of (the root config|Vitest project "one")/)
    expect(r.out).toContain('A run has one perf reporter, one baseline folder and one gate for all its projects')
    expect(existsSync(join(project, 'BENCHMARK_RESULTS.json'))).toBe(false)
    expect(existsSync(join(project, 'b-one'))).toBe(false)
  })

  test("a project with a root of its own: ids keep the project's paths; the record says the path from the run's root, where annotations point", () => {
    setup()
    rmSync(join(project, 'ops.test.ts'))
    mkdirSync(join(project, 'pkg'))
    writeFileSync(
      join(project, 'vitest.config.ts'),
      `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, baselineAttempts: 1 })], test: { projects: [
  { extends: true, test: { name: 'web', root: './pkg', include: ['*.test.ts'] } },
] } })
`,
    )
    writeFileSync(join(project, 'pkg', 'a.test.ts'), `import { test } from 'vitest'\nimport { bench } from 'perfspec'\ntest('t', async () => { await bench('sum', () => [1, 2, 3].reduce((a, b) => a + b), { time: '30ms' }) })\n`)
    const r = run(['--reporter=perf'])
    expect(r.code, r.out).toBe(0)
    const json = JSON.parse(readFileSync(join(project, 'BENCHMARK_RESULTS.json'), 'utf8'))
    expect(json.tests).toHaveLength(1)
    expect(json.tests[0]).toMatchObject({ file: 'a.test.ts', path: 'pkg/a.test.ts' })
    expect(json.tests[0].entries[0].id).toBe('a.test.ts > [web] > t > sum')
  })

  test("projects with roots of their own: -u with --project, with -t, or with another project's file failing to load removes no other project's baseline file", () => {
    setup()
    rmSync(join(project, 'ops.test.ts'))
    writeFileSync(
      join(project, 'vitest.config.ts'),
      `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, baselineAttempts: 1 })], test: { projects: [
  { extends: true, test: { name: 'pa', root: './packages/a', include: ['t/*.test.ts'] } },
  { extends: true, test: { name: 'pb', root: './packages/b', include: ['t/*.test.ts'] } },
] } })
`,
    )
    const testOf = (x: string) => `import { test } from 'vitest'\nimport { bench } from 'perfspec'\ntest('t${x}', async () => { await bench('b${x}', () => Math.sqrt(3), { time: '30ms' }) })\n`
    for (const x of ['a', 'b']) {
      mkdirSync(join(project, 'packages', x, 't'), { recursive: true })
      writeFileSync(join(project, 'packages', x, 't', `${x}.test.ts`), testOf(x))
    }
    const files = () => ['a', 'b'].filter((x) => existsSync(join(project, 'baselines', 't', `${x}.test.ts.json`)))
    expect(run(['--reporter=perf', '-u']).code).toBe(0)
    expect(files()).toEqual(['a', 'b'])
    for (const args of [['--project', 'pa'], ['-t', 'ta'], []]) {
      if (args.length === 0) writeFileSync(join(project, 'packages', 'b', 't', 'b.test.ts'), `${testOf('b')}throw new Error('load')\n`)
      const r = run(['--reporter=perf', '-u', ...args])
      expect(r.out, args.join(' ')).not.toMatch(/removed \d+ baseline file|obsolete/)
      expect(files(), args.join(' ')).toEqual(['a', 'b'])
    }
  })
})

describe('what the test files are handed', () => {
  test("probe 32 #2: perfspec ab's variable reaches bench() but not the environment a runner started by a test inherits; a setup file that replaces process.env keeps perfspec's variables from the test files", () => {
    setup()
    rmSync(join(project, 'ops.test.ts'))
    writeFileSync(join(project, 'vitest.config.ts'), `import { defineConfig } from 'vitest/config'\nimport perf from 'perfspec/vitest'\nexport default defineConfig({ plugins: [perf({ freshProcess: false, baselineAttempts: 1 })], test: { include: ['*.test.ts'], setupFiles: process.env.WIPE ? ['./wipe-env.ts'] : [] } })\n`)
    writeFileSync(join(project, 'wipe-env.ts'), `process.env = { PATH: process.env.PATH ?? '' }\n`)
    writeFileSync(
      join(project, 'seen.test.ts'),
      `import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { test } from 'vitest'
import { bench } from 'perfspec'
test('t', async () => {
  const nested = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.env.PERFSPEC_AB))'], { encoding: 'utf8' })
  const handed = (globalThis as Record<string, Record<string, string> | undefined>).__PERFSPEC_ENV__ ?? {}
  writeFileSync('seen.json', JSON.stringify({ env: process.env.PERFSPEC_AB ?? null, nested, handed: Object.keys(handed).sort() }))
  await bench('b', () => Math.sqrt(3), { time: '30ms' })
})
`,
    )
    const socket = join(project, 'no-coordinator.sock')
    const ab = run(['--reporter=perf'], { PERFSPEC_AB: JSON.stringify({ v: 1, socket, side: 'head', run: 'r1' }) })
    const seen = JSON.parse(readFileSync(join(project, 'seen.json'), 'utf8'))
    expect(seen.env, ab.out).toBeNull()
    expect(seen.nested).toBe('undefined')
    // bench() still ran as a side of perfspec ab: it tried the coordinator, and measured alone.
    expect(ab.out).toContain(`cannot reach the coordinator at ${socket}`)
    expect(seen.handed).toContain('PERFSPEC_AB')
    // perfspec ab runs its sides without the perf reporter: the plugin alone takes it out.
    const side = run([], { PERFSPEC_AB: JSON.stringify({ v: 1, socket, side: 'base', run: 'r2' }) })
    const seenBySide = JSON.parse(readFileSync(join(project, 'seen.json'), 'utf8'))
    expect(seenBySide.env, side.out).toBeNull()
    expect(seenBySide.nested).toBe('undefined')
    expect(side.out).toContain(`cannot reach the coordinator at ${socket}`)

    const wiped = run(['--reporter=perf'], { WIPE: '1' })
    expect(wiped.code, wiped.out).toBe(0)
    const after = JSON.parse(readFileSync(join(project, 'seen.json'), 'utf8'))
    // The worker gate (confirmation, baselines measured several times) and the record folder, though the environment lost them.
    expect(after.handed).toEqual(expect.arrayContaining(['PERFSPEC_GATE', 'PERFSPEC_VITEST_DIR']))
    expect(after.handed).not.toContain('PERFSPEC_AB')
  })
})

describe('plugin configuration', () => {
  test('gives benchmarks a longer default timeout, but keeps the user\'s', () => {
    const plugin = perf() as unknown as { config: (c: object) => { test: Record<string, unknown> } }
    expect(plugin.config({}).test.testTimeout).toBe(60_000)
    expect(plugin.config({ test: { testTimeout: 1234 } }).test.testTimeout).toBeUndefined()
    // Lines come from the call stack of the tests that record something, not from a stack trace of every test.
    expect(plugin.config({}).test.includeTaskLocation).toBeUndefined()
    // Only its own file: Vite appends it to the user's setupFiles when it merges the configs.
    const user = { test: { setupFiles: ['mine.ts'] } }
    const merged = mergeConfig(user, plugin.config(user)) as { test: { setupFiles: string[] } }
    expect(merged.test.setupFiles).toEqual(['mine.ts', expect.stringMatching(/vitest[\\/]setup\.js$/)])
  })
  test('rejects unknown options', () => {
    expect(() => perf({ treshold: '20%' } as never)).toThrow(/^perfspec: unknown plugin option "treshold"/)
    expect(() => perf({ threshold: 'lots' })).toThrow(/option "threshold"/)
  })
  test('a threshold number is a fraction: 0.2 is 20 %, and 20 or 1.5 is refused as ambiguous', () => {
    expect(() => perf({ threshold: 0.2, warnThreshold: '5%' })).not.toThrow()
    expect(() => perf({ threshold: 20 })).toThrow(/option "threshold" 20 is ambiguous.*'20%'.*0\.2/)
    expect(() => perf({ warnThreshold: 1.5 })).toThrow(/option "warnThreshold" 1\.5 is ambiguous/)
    expect(() => perf({ threshold: -0.1 })).toThrow(/'20%', or a fraction below 1 such as 0\.2/)
  })
})
