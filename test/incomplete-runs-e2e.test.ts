import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { afterAll, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// Vitest runs that do not run everything they were to: none of their test files (an `include`
// that matches nothing, a global setup that throws, a flag refused before any test), or some of
// them (`--bail`). None may leave the last run's report on disk as if it were this run's, nor write
// baselines from what it left out: the report is rewritten, says why, and fails. Through the built
// plugin in a child Vitest (needs `npm run build`; npm test does it).
const file = `import { test } from 'vitest'
import { bench } from 'perfspec'
test('sum', async () => {
  await bench('sum', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })
})
`

const p = new TempProject('incomplete-runs', { 'sum.test.ts': file })
afterAll(() => p.remove())

test('a run that finds no test file rewrites the report, saying so, and fails as Vitest does; with passWithNoTests it passes', () => {
  const first = p.vitest(['run', '--reporter=perf'])
  expect(first.status, first.output).toBe(0)
  expect(readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')).toContain('**✅ PASS**')

  const none = p.vitest(['run', '--reporter=perf', 'matches-no-file'])
  expect(none.status, none.output).toBe(1)
  expect(none.output).toContain('✗ no test file ran (none matched the config')
  const markdown = readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')
  expect(markdown).toContain('**❌ FAIL**')
  expect(markdown).toContain('- ❌ no test file ran')
  const json = JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')) as { tests: unknown[]; problems?: string[]; summary: { status: string } }
  expect(json).toMatchObject({ tests: [], summary: { status: 'FAIL' } })
  expect(json.problems).toHaveLength(1)

  const allowed = p.vitest(['run', '--reporter=perf', '--passWithNoTests', 'matches-no-file'])
  expect(allowed.status, allowed.output).toBe(0)
  expect(readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')).toContain('No benchmark or leak check finished in this run.')
})

test('probe 36 #7: a global setup that throws is named as what stopped the run, not an include that matched nothing', () => {
  p.write('throwing-setup.ts', "export default async function () { throw new Error('database container did not start') }\n")
  p.write('vitest.throwing.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false })], test: { include: ['*.test.ts'], globalSetup: ['./throwing-setup.ts'] } })
`)
  const stopped = p.vitest(['run', '--reporter=perf', '--config', 'vitest.throwing.config.ts'])
  expect(stopped.status, stopped.output).toBe(1)
  expect(stopped.output).toContain('✗ Vitest stopped the run with an error before every test file ran')
  expect(stopped.output).not.toContain('none matched the config')
  expect(JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')).summary.status).toBe('FAIL')
})

test('probe 38 #2: a --bail run that leaves files unrun says how many in its report, which fails (as `perfspec compare` of it does)', () => {
  const bench = (name: string) => `import { test } from 'vitest'
import { bench } from 'perfspec'
test('${name}', async () => {
  await bench('${name}', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })
})
`
  for (const name of ['a', 'c', 'd']) p.write(`bail/${name}.test.ts`, bench(name))
  p.write('bail/b.test.ts', `${bench('b')}test('broken', () => { throw new Error('broken') })\n`)
  p.write('vitest.bail.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'bail.md', json: 'bail.json' })], test: { include: ['bail/*.test.ts'], fileParallelism: false } })
`)
  // The whole run first: Vitest then runs the failed file first.
  const whole = p.vitest(['run', '--reporter=perf', '--config', 'vitest.bail.config.ts'])
  expect(whole.status, whole.output).toBe(1)
  expect(whole.output).not.toContain('(bail)')
  const cut = p.vitest(['run', '--reporter=perf', '--config', 'vitest.bail.config.ts', '--bail=1'])
  expect(cut.status, cut.output).toBe(1)
  expect(cut.output).toMatch(/✗ Vitest stopped the run at a failing test \(bail\) after [123] of 4 test files ran, so what the other [123] measure is not in this report and was not checked/)
  const json = JSON.parse(readFileSync(p.path('bail.json'), 'utf8')) as { problems?: string[]; summary: { status: string } }
  expect(json.summary.status).toBe('FAIL')
  expect(json.problems?.[0]).toContain('(bail)')
})

test('probe 39 #2, probe 46 #1: a merge of blobs from runs cut short by --bail, or stopped by a global setup that threw, fails, saying which run left files out', () => {
  // The bail files of the test above: Vitest runs the failed file first.
  const cut = p.vitest(['run', '--reporter=blob', '--config', 'vitest.bail.config.ts', '--bail=1', '--shard=1/1', '--outputFile=.bail-blobs/blob.json'])
  expect(cut.status, cut.output).toBe(1)
  const merged = p.vitest(['run', '--merge-reports=.bail-blobs', '--reporter=perf', '--config', 'vitest.bail.config.ts'])
  expect(merged.status, merged.output).toBe(1)
  expect(merged.output).toMatch(/✗ blob shard 1\/1 did not run everything it was to: Vitest stopped it at a failing test \(bail\) after [123] of 4 test files ran, so its blob lacks what the rest measure/)
  // Probe 47 #1: the files the bail left queued are in the blob, never started: not files whose worker died.
  expect(merged.output).not.toContain('did not finish')
  expect((JSON.parse(readFileSync(p.path('bail.json'), 'utf8')) as { problems?: string[] }).problems?.some((line) => line.startsWith('blob shard 1/1 did not run everything'))).toBe(true)

  // The setup of the test 'probe 36 #7' throws before any file runs: its blob holds no file.
  const stopped = p.vitest(['run', '--reporter=blob', '--config', 'vitest.throwing.config.ts', '--outputFile=.setup-blobs/blob.json'])
  expect(stopped.status, stopped.output).toBe(1)
  const empty = p.vitest(['run', '--merge-reports=.setup-blobs', '--reporter=perf'])
  expect(empty.status, empty.output).toBe(1)
  expect(empty.output).toContain('✗ a blob run (--reporter=blob) did not run everything it was to: Vitest stopped it with an error before its test file ran')
  expect(empty.output).not.toContain('no test file ran')
  expect(JSON.parse(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')).summary.status).toBe('FAIL')
})

test('probe 47 #2: a merge whose folder lacks a shard\'s blob (a shard stopped by a signal writes none) fails, naming the shard', () => {
  const shard = p.vitest(['run', '--reporter=blob', '--config', 'vitest.bail.config.ts', '--shard=2/2', '--outputFile=.missing-blobs/blob-2-2.json'])
  expect(shard.output).toContain('blob report written')
  const merged = p.vitest(['run', '--merge-reports=.missing-blobs', '--reporter=perf', '--config', 'vitest.bail.config.ts'])
  expect(merged.status, merged.output).toBe(1)
  expect(merged.output).toContain("✗ the merge's folder .missing-blobs holds blobs of a sharded run, but not shard 1/2's (a shard stopped by a signal, a timeout or a cancelled job writes none)")
})

test('probe 48 #1: a merge whose blobs hold a test file twice (two labels, or an earlier run\'s blob left in the folder) fails, naming the file, rather than keep one run\'s benchmarks', () => {
  for (const name of ['first', 'second']) expect(p.vitest(['run', '--reporter=blob', `--outputFile=.twice-blobs/${name}.json`]).status).toBe(0)
  const merged = p.vitest(['run', '--merge-reports=.twice-blobs', '--reporter=perf'])
  expect(merged.status, merged.output).toBe(1)
  expect(merged.output).toContain('✗ the merged blobs hold the test file sum.test.ts more than once')
})

test('probe 49 #2: a merge whose blobs measured another commit (an earlier run\'s blob left for a shard that wrote none) fails, naming the commits', () => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: p.path('.'), stdio: 'ignore' })
  git('init', '-q')
  git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'first')
  expect(p.vitest(['run', '--reporter=blob', '--outputFile=.stale-blobs/blob.json']).status).toBe(0)
  const current = p.vitest(['run', '--merge-reports=.stale-blobs', '--reporter=perf'])
  expect(current.output).not.toContain('the merged blobs measured commit')
  git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'second')
  const stale = p.vitest(['run', '--merge-reports=.stale-blobs', '--reporter=perf'])
  expect(stale.status, stale.output).toBe(1)
  expect(stale.output).toMatch(/✗ the merged blobs measured commit [0-9a-f]{12}, and this checkout is at [0-9a-f]{12}: what they measured is not the code checked out here/)
})

test('probe 49 #2, one commit: a merge whose blob measured a test file before an edit, or other uncommitted changes than the other blobs, fails, naming what changed; shards writing inline snapshots merge', () => {
  // The git repository of the test above; its test files are not committed.
  expect(p.vitest(['run', '--reporter=blob', '--outputFile=.edited-blobs/blob.json']).status).toBe(0)
  const same = p.vitest(['run', '--merge-reports=.edited-blobs', '--reporter=perf'])
  expect(same.output).not.toContain('the merged blobs measured')
  p.write('sum.test.ts', file.replace('[1, 2, 3]', '[1, 2, 3, 4]'))
  const edited = p.vitest(['run', '--merge-reports=.edited-blobs', '--reporter=perf'])
  p.write('sum.test.ts', file)
  expect(edited.status, edited.output).toBe(1)
  expect(edited.output).toContain('✗ the merged blobs measured the test file sum.test.ts as it was before an edit: what they measured is not the code checked out here')

  // Two shards of one commit that write their first inline snapshots into their test files: an
  // honest merge (probe 51 #1). Then shard 2 again, a tracked file edited since shard 1 ran: its
  // blob is of another working tree.
  for (const name of ['x', 'y']) {
    p.write(`two/${name}.test.ts`, `import { expect, test } from 'vitest'
import { bench } from 'perfspec'
test('${name}', async () => {
  await bench('${name}', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })
  expect({ v: 1 }).toMatchInlineSnapshot()
})
`)
  }
  p.write('two/data.txt', 'first\n')
  p.write('vitest.two.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'two.md', json: 'two.json' })], test: { include: ['two/*.test.ts'] } })
`)
  execFileSync('git', ['add', 'two', 'vitest.two.config.ts'], { cwd: p.path('.'), stdio: 'ignore' })
  execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-q', '-m', 'two'], { cwd: p.path('.'), stdio: 'ignore' })
  const shard = (i: number) => p.vitest(['run', '--reporter=blob', '--config', 'vitest.two.config.ts', `--shard=${i}/2`, `--outputFile=.two-blobs/blob-${i}-2.json`])
  for (const i of [1, 2]) expect(shard(i).status).toBe(0)
  expect(readFileSync(p.path('two/y.test.ts'), 'utf8')).toContain('toMatchInlineSnapshot(`')
  const honest = p.vitest(['run', '--merge-reports=.two-blobs', '--reporter=perf', '--config', 'vitest.two.config.ts'])
  expect(honest.status, honest.output).toBe(0)
  expect(honest.output).not.toContain('the merged blobs measured')
  p.write('two/data.txt', 'second\n')
  expect(shard(2).status).toBe(0)
  const mixed = p.vitest(['run', '--merge-reports=.two-blobs', '--reporter=perf', '--config', 'vitest.two.config.ts'])
  // The tests below run every test file of the project: not these.
  rmSync(p.path('two'), { recursive: true })
  expect(mixed.status, mixed.output).toBe(1)
  expect(mixed.output).toMatch(/✗ the merged blobs measured commit [0-9a-f]{12} with different uncommitted changes: what they measured is not the code checked out here/)
})

test('probe 39 #4: a --bail that skips the rest of a file that had started says so, and -u writes no baseline from that run', () => {
  const bench = (name: string) => `await bench('${name}', () => [1, 2, 3].reduce((a, b) => a + b, 0), { time: '30ms', warmup: '5ms' })`
  // a fails once b has measured b1, while b waits in b2: the bail cuts b off mid-file.
  p.write('mid/a.test.ts', `import { test } from 'vitest'
import { existsSync } from 'node:fs'
test('fails', async () => {
  for (let i = 0; i < 400 && !existsSync('mid-b1'); i++) await new Promise((r) => setTimeout(r, 50))
  throw new Error('broken')
})
`)
  p.write('mid/b.test.ts', `import { test } from 'vitest'
import { writeFileSync } from 'node:fs'
import { bench } from 'perfspec'
test('b1', async () => {
  ${bench('b1')}
  writeFileSync('mid-b1', '')
})
test('b2', async () => {
  await new Promise((r) => setTimeout(r, 15_000))
  ${bench('b2')}
})
`)
  p.write('vitest.mid.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'mid.md', json: 'mid.json' })], test: { include: ['mid/*.test.ts'], maxWorkers: 2 } })
`)
  const cut = p.vitest(['run', '--reporter=perf', '--config', 'vitest.mid.config.ts', '--bail=1', '-u'])
  expect(cut.status, cut.output).toBe(1)
  expect(cut.output).toContain('✗ Vitest stopped the run at a failing test (bail)')
  expect(readFileSync(p.path('mid.json'), 'utf8')).toContain('(bail)')
  expect(existsSync(p.path('baselines/mid/b.test.ts.json'))).toBe(false)
})

test('probe 40 #2: -u followed by a file filter (Vitest takes it for the flag\'s value) is refused before any test runs, the report rewritten as FAIL saying why', () => {
  const refused = p.vitest(['run', '--reporter=perf', '-u', 'sum'])
  expect(refused.status, refused.output).toBe(1)
  expect(refused.output).toContain('received "sum": Vitest reads the word after -u as its value; to update the baselines of the files "sum" names, put the filter first (vitest run sum -u)')
  const markdown = readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')
  expect(markdown).toContain('**❌ FAIL**')
  expect(markdown).toContain('Vitest reads the word after -u as its value')
})

test('probe 40 #1: a --bail that fires at the run\'s last test left nothing out: no cut-short line, and -u writes the baseline', () => {
  p.write('last/a.test.ts', `import { test } from 'vitest'
import { bench } from 'perfspec'
test('a', async () => {
  await bench('a', () => [1, 2, 3].reduce((x, y) => x + y, 0), { time: '30ms', warmup: '5ms' })
})
test('fails last', () => { throw new Error('broken') })
`)
  p.write('vitest.last.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'last.md', json: 'last.json' })], test: { include: ['last/*.test.ts'] } })
`)
  const r = p.vitest(['run', '--reporter=perf', '--config', 'vitest.last.config.ts', '--bail=1', '-u'])
  expect(r.status, r.output).toBe(1)
  expect(r.output).not.toContain('(bail)')
  expect(existsSync(p.path('baselines/last/a.test.ts.json'))).toBe(true)
})

/** crash/a.test.ts, whose forks worker dies at its second test, and crash/b.test.ts, whose timer throws after its test. */
function writeCrashFiles(): void {
  const bench = (name: string) => `await bench('${name}', () => [1, 2, 3].reduce((x, y) => x + y, 0), { time: '30ms', warmup: '5ms' })`
  p.write('crash/a.test.ts', `import { test } from 'vitest'
import { bench } from 'perfspec'
test('a', async () => {
  ${bench('a')}
})
test('dies', async () => {
  await new Promise((r) => setTimeout(r, 300))
  process.kill(process.pid, 'SIGKILL')
})
`)
  p.write('crash/b.test.ts', `import { test } from 'vitest'
import { bench } from 'perfspec'
test('b', async () => {
  ${bench('b')}
  setTimeout(() => { throw new Error('thrown by a timer after its test') }, 0)
})
`)
}

test('probe 41 #1, #2: a worker that dies mid-file, or an error Vitest catches outside the tests, fails the report as it fails the run; what the dead worker had finished is kept, nothing is written', () => {
  writeCrashFiles()
  p.write('vitest.crash.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'crash.md', json: 'crash.json' })], test: { include: ['crash/*.test.ts'], pool: 'forks' } })
`)
  for (const file of ['crash/a.test.ts', 'crash/b.test.ts']) {
    const r = p.vitest(['run', '--reporter=perf', '--config', 'vitest.crash.config.ts', file])
    expect(r.status, r.output).toBe(1)
    // probe 42 #3: the dead worker's file is named as unfinished, not as a file that ran.
    if (file === 'crash/a.test.ts') expect(r.output).toMatch(/✗ the test file crash\/a\.test\.ts did not finish: the worker running it ended first \(.+\), so what its tests after the last one reported measure is not in this report and was not checked: the run fails, no baseline was written or removed/)
    else expect(r.output).toMatch(/✗ Vitest ended the run with an error after every test file ran \(.+\): the run fails, no baseline was written or removed/)
    const json = JSON.parse(readFileSync(p.path('crash.json'), 'utf8')) as { summary: { status: string }; tests: Array<{ entries: Array<{ name: string }> }> }
    expect(json.summary.status).toBe('FAIL')
    expect(json.tests.flatMap((t) => t.entries.map((e) => e.name))).toEqual([file === 'crash/a.test.ts' ? 'a' : 'b'])
  }
  expect(existsSync(p.path('baselines/crash'))).toBe(false)
})

test('probe 42 #1, #4: a worker that dies mid-file fails the report even when Vitest was told to ignore or filter the error, and its finished tests are kept; an ignored error alone does not fail it', () => {
  const configs = {
    ignores: 'dangerouslyIgnoreUnhandledErrors: true',
    filters: 'onUnhandledError: (e) => !/Worker/.test(String(e?.message))',
  }
  writeCrashFiles()
  for (const [name, option] of Object.entries(configs)) {
    p.write(`vitest.${name}.config.ts`, `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'crash.md', json: 'crash.json' })], test: { include: ['crash/*.test.ts'], pool: 'forks', ${option} } })
`)
    const r = p.vitest(['run', '--reporter=perf', '--config', `vitest.${name}.config.ts`, '-u'])
    expect(r.status, r.output).toBe(1)
    expect(r.output).toContain('✗ the test file crash/a.test.ts did not finish: the worker running it ended first (')
    // Filtered, the worker's error is not reported; the timer's error in b.test.ts is.
    expect(r.output).toContain(name === 'filters' ? 'Vitest reported: thrown by a timer after its test)' : 'Vitest reported: ')
    const json = JSON.parse(readFileSync(p.path('crash.json'), 'utf8')) as { summary: { status: string }; tests: Array<{ entries: Array<{ name: string }> }> }
    expect(json.summary.status).toBe('FAIL')
    // What the dead worker finished before it died is kept; b ran whole.
    expect(json.tests.flatMap((t) => t.entries.map((e) => e.name)).sort()).toEqual(['a', 'b'])
    expect(existsSync(p.path('baselines/crash')), 'a run with an unfinished file writes no baseline').toBe(false)
  }
  // The timer's error alone, ignored as Vitest was told: the run passes, as Vitest's does, and -u writes.
  const ignored = p.vitest(['run', '--reporter=perf', '--config', 'vitest.ignores.config.ts', 'crash/b.test.ts', '-u'])
  expect(ignored.status, ignored.output).toBe(0)
  expect(ignored.output).not.toContain('✗')
  expect(JSON.parse(readFileSync(p.path('crash.json'), 'utf8')).summary.status).not.toBe('FAIL')
  expect(existsSync(p.path('baselines/crash/b.test.ts.json'))).toBe(true)
})

test('probe 41 #4: --merge-reports -u over shards that ran without -u writes no baseline from their single measurements, and says to run the shards with -u', () => {
  // A baseline there already: a shard without -u measures for a comparison.
  expect(p.vitest(['run', '--reporter=perf']).status).toBe(0)
  const shard = p.vitest(['run', '--reporter=blob'])
  expect(shard.status, shard.output).toBe(0)
  const merged = p.vitest(['run', '--merge-reports', '--reporter=perf', '-u'])
  expect(merged.status, merged.output).toBe(1)
  expect(merged.output).toContain('✗ 1 benchmark of the merged shards was measured once, as for a comparison, since the shards ran without -u')
  const before = existsSync(p.path('baselines/sum.test.ts.json')) ? readFileSync(p.path('baselines/sum.test.ts.json'), 'utf8') : undefined
  // Shards that measured for the update: the merge writes.
  expect(p.vitest(['run', '--reporter=blob', '-u']).status).toBe(0)
  const updated = p.vitest(['run', '--merge-reports', '--reporter=perf', '-u'])
  expect(updated.status, updated.output).toBe(0)
  expect(readFileSync(p.path('baselines/sum.test.ts.json'), 'utf8')).not.toBe(before)
})

test('probe 41 #8: a test that skips itself after measuring (ctx.skip()) disowns the measurement: no baseline written or checked', () => {
  p.write('skips/a.test.ts', `import { test } from 'vitest'
import { bench } from 'perfspec'
test('a', async (ctx) => {
  await bench('a', () => [1, 2, 3].reduce((x, y) => x + y, 0), { time: '30ms', warmup: '5ms' })
  ctx.skip('not on this machine')
})
`)
  p.write('vitest.skips.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'skips.md', json: 'skips.json' })], test: { include: ['skips/*.test.ts'] } })
`)
  const r = p.vitest(['run', '--reporter=perf', '--config', 'vitest.skips.config.ts'])
  expect(r.status, r.output).toBe(0)
  expect(r.output).toMatch(/ a {2,}.* skipped$/m)
  expect(existsSync(p.path('baselines/skips'))).toBe(false)
  const json = JSON.parse(readFileSync(p.path('skips.json'), 'utf8')) as { baselines: Array<{ status: string; cause?: string }> }
  expect(json.baselines).toMatchObject([{ status: 'skipped', cause: 'test-skipped' }])
})

test('probe 44 #1, #4: --typecheck over the files that measure keeps their benchmarks; a failing type test fails the report as a type test, not as a test that failed before measuring', () => {
  p.write('typed/sum.test.ts', file)
  p.write('typed/tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', skipLibCheck: true, noEmit: true }, include: ['*.ts'] }))
  p.write('vitest.typed.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ freshProcess: false, output: 'typed.md', json: 'typed.json' })], test: { include: ['typed/*.test.ts'], typecheck: { tsconfig: 'typed/tsconfig.json' } } })
`)
  const both = p.vitest(['run', '--reporter=perf', '--config', 'vitest.typed.config.ts', '--typecheck', '--typecheck.include=typed/sum.test.ts'])
  expect(both.status, both.output).toBe(0)
  const json = JSON.parse(readFileSync(p.path('typed.json'), 'utf8')) as { summary: { status: string }; tests: Array<{ entries: Array<{ name: string }> }> }
  expect(json.tests.flatMap((t) => t.entries.map((e) => e.name))).toEqual(['sum'])
  // Probe 45 #2: type tests alone that pass are test files that ran, not "no test file ran".
  const only = p.vitest(['run', '--reporter=perf', '--config', 'vitest.typed.config.ts', '--typecheck.only', '--typecheck.include=typed/sum.test.ts'])
  expect(only.status, only.output).toBe(0)
  expect(only.output).not.toContain('no test file ran')

  p.write('typed/types.test-d.ts', `import { expectTypeOf, test } from 'vitest'
test('typed', () => { expectTypeOf<string>().toEqualTypeOf<number>() })
`)
  const failing = p.vitest(['run', '--reporter=perf', '--config', 'vitest.typed.config.ts', '--typecheck', '--typecheck.include=typed/types.test-d.ts'])
  expect(failing.status, failing.output).toBe(1)
  expect(failing.output).toContain('✗ 1 type test failed (--typecheck: "typed/types.test-d.ts > typed"): type tests measure nothing')
  expect(failing.output).not.toContain('failed before recording a result')
  expect(JSON.parse(readFileSync(p.path('typed.json'), 'utf8')).summary.status).toBe('FAIL')
})
