import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import type { TestOutline, TestRecord } from '../src/model/run-report.js'
import type { UpdateMode } from '../src/model/gate.js'
import { baselinePath, testFileOf } from '../src/run/baseline-path.js'
import { projectBaselineDir } from '../src/run/baseline-folder.js'
import { fileBaselineStore, readBaselineFile } from '../src/run/baseline-store.js'
import { resolvePerfOptions, type PerfOptions } from '../src/run/options.js'
import { MAX_FILE_BYTES } from '../src/run/regular-file.js'
import { endRun } from '../src/run/session.js'
import { obsoleteText } from '../src/report/verdict-text.js'
import { workerGateConfig } from '../src/run/worker-config.js'
import { REPO } from './helpers/temp-project.js'
import { latencies, resultOf } from './support/synthetic-result.js'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-folders-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const record = (file: string, name: string, median = 0.001, seed = 1): TestRecord => {
  const id = `${file} > t > ${name}`
  return { file, line: 4, test: 't', state: 'passed', entries: [{ kind: 'bench', id, name, result: resultOf(id, latencies(3000, seed, median)) }] }
}
const outlineOf = (tests: TestRecord[]): TestOutline[] => tests.map((t) => ({ file: t.file, titlePath: ['t'], state: 'passed' }))

/** A project at `<dir>/<name>` with these test files on disk (empty files: only their existence counts). */
function project(name: string, testFiles: string[]): string {
  const root = join(dir, name)
  for (const file of testFiles) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), '')
  }
  return root
}

/** The end of a run in `root`, with the file store the reporters use, on a fixed machine. */
function runIn(root: string, tests: TestRecord[], options: PerfOptions = {}, update?: UpdateMode) {
  return endRun({
    tests,
    outline: outlineOf(tests),
    root,
    runner: { name: 'vitest', version: '4' },
    startedAt: 0,
    options: resolvePerfOptions(options),
    ...(update && { runnerUpdate: update }),
    runnerCi: false,
    now: () => 1000,
    speed: () => ({ ns: 10, version: 1 }),
  })
}

describe('-u removes only baseline files of this project whose test file is gone', () => {
  test("the user's JSON, another test file's baseline, an unreadable one and a symlink stay; a true obsolete baseline goes", () => {
    const root = project('prune', ['a.test.ts', 'gone.test.ts'])
    const baselines = join(root, 'bl')
    // A real baseline, written by a run, of a test file that is then deleted.
    runIn(root, [record('gone.test.ts', 'x')], { baselineDir: 'bl' })
    rmSync(join(root, 'gone.test.ts'))
    const gone = join(baselines, 'gone.test.ts.json')
    const keep: Record<string, [string, string]> = {
      notes: [join(baselines, 'notes.json'), '{"mine":true}\n'],
      // A valid baseline whose `file` names another test file: not the baseline of "moved.test.ts".
      moved: [join(baselines, 'moved.test.ts.json'), readFileSync(gone, 'utf8').replaceAll('gone.test.ts', 'elsewhere.test.ts')],
      broken: [join(baselines, 'broken.test.ts.json'), '{ "perfspec": 1, '],
      schemaless: [join(baselines, 'data', 'points.json'), '[1, 2, 3]\n'],
      inTools: [join(baselines, 'node_modules', 'pkg', 'package.json'), '{"name":"pkg"}\n'],
    }
    for (const [path, text] of Object.values(keep)) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text)
    }
    symlinkSync(gone, join(baselines, 'link.test.ts.json'))

    const reported = runIn(root, [record('a.test.ts', 'y')], { baselineDir: 'bl' })
    expect(reported.report.obsolete?.files).toEqual(['bl/gone.test.ts.json'])
    const pruned = runIn(root, [record('a.test.ts', 'y')], { baselineDir: 'bl' }, 'all')
    expect(pruned.report.obsolete).toMatchObject({ files: ['bl/gone.test.ts.json'], pruned: true })
    expect(pruned.report.baselineErrors).toEqual([])
    expect(existsSync(gone)).toBe(false)
    for (const [path, text] of Object.values(keep)) expect(readFileSync(path, 'utf8'), path).toBe(text)
    expect(lstatSync(join(baselines, 'link.test.ts.json')).isSymbolicLink()).toBe(true)
  })

  test("probe 34 #4: a baseline of another configuration's project with a root of its own (own/sub/o.test.ts, named sub/o.test.ts) is not taken for gone; a deleted one still is", () => {
    const root = project('other-config', ['a.test.ts', 'own/sub/o.test.ts', 'gone.test.ts'])
    // As that project's run writes it: the file named from its own root.
    runIn(root, [record('sub/o.test.ts', 'x'), record('gone.test.ts', 'z')])
    rmSync(join(root, 'gone.test.ts'))
    const out = runIn(root, [record('a.test.ts', 'y')], {}, 'all')
    expect(out.report.obsolete?.files ?? []).toEqual(['baselines/gone.test.ts.json'])
    // Kept, and said where its test file may be, since a stale copy would keep it as well.
    expect(out.report.obsolete?.kept).toEqual([{ file: 'baselines/sub/o.test.ts.json', testFileAt: 'own/sub/o.test.ts' }])
    expect(obsoleteText(out.report.obsolete)).toBe(
      "removed 1 baseline file whose test file is gone (baselines/gone.test.ts.json); kept 1 baseline file whose test file is under none of this run's roots, since a file at that path is elsewhere in the project (baselines/sub/o.test.ts.json: own/sub/o.test.ts): perhaps the test file of another configuration sharing the baseline folder; if it is a stale copy (a build output), delete the baseline file by hand",
    )
    expect(existsSync(join(root, 'baselines', 'sub', 'o.test.ts.json'))).toBe(true)
    expect(existsSync(join(root, 'baselines', 'gone.test.ts.json'))).toBe(false)
    // A run that does not prune says nothing of it.
    expect(runIn(root, [record('a.test.ts', 'y')]).report.obsolete).toBeUndefined()
  })

  test('probe 35 #3: a deleted test file with a stale copy in build/ keeps its baseline under -u, and the run says so', () => {
    const root = project('stale-copy', ['tests/a.test.ts', 'tests/b.test.ts'])
    runIn(root, [record('tests/a.test.ts', 'x'), record('tests/b.test.ts', 'y')])
    mkdirSync(join(root, 'build', 'tests'), { recursive: true })
    writeFileSync(join(root, 'build', 'tests', 'b.test.ts'), '')
    rmSync(join(root, 'tests', 'b.test.ts'))
    const out = runIn(root, [record('tests/a.test.ts', 'x')], {}, 'all')
    expect(out.report.obsolete?.kept).toEqual([{ file: 'baselines/tests/b.test.ts.json', testFileAt: 'build/tests/b.test.ts' }])
    expect(obsoleteText(out.report.obsolete)).toMatch(/^kept 1 baseline file whose test file is under none of this run's roots.*\(baselines\/tests\/b\.test\.ts\.json: build\/tests\/b\.test\.ts\)/)
  })

  test('probe 73 #2: a run whose roots are unknown (--project) takes no test file for gone, and finds one from the project root as well as from its folders', () => {
    const root = project('unknown-roots', ['a.test.ts', 'own/sub/o.test.ts'])
    const store = fileBaselineStore(root, join(root, 'baselines'), false)
    expect(store.testFileExists).toBeUndefined()
    expect(store.testFileElsewhere!('a.test.ts')).toBe('a.test.ts')
    expect(store.testFileElsewhere!('sub/o.test.ts')).toBe('own/sub/o.test.ts')
    expect(store.testFileElsewhere!('gone.test.ts')).toBeUndefined()
    // With the roots known, the project root is one of them: it is not elsewhere.
    expect(fileBaselineStore(root, join(root, 'baselines')).testFileElsewhere!('a.test.ts')).toBeUndefined()
  })

  test('a test file that cannot be looked at (here, a path through a symlink loop: ELOOP) is not taken for gone', () => {
    const root = project('unreachable', ['a.test.ts', 'loop/b.test.ts'])
    runIn(root, [record('loop/b.test.ts', 'x')])
    rmSync(join(root, 'loop'), { recursive: true })
    symlinkSync('loop', join(root, 'loop'))
    const out = runIn(root, [record('a.test.ts', 'y')], {}, 'all')
    expect(out.report.obsolete?.files ?? []).toEqual([])
    expect(existsSync(join(root, 'baselines', 'loop', 'b.test.ts.json'))).toBe(true)
  })
})

describe('baselineDir values that would expose the project are refused, naming the option', () => {
  test('known without the root: ".", "..", "/", node_modules, .git', () => {
    const cases: Array<[string, string]> = [
      ['.', 'is the project root itself'],
      ['./', 'is the project root itself'],
      ['..', 'contains the project root'],
      ['../..', 'contains the project root'],
      ['../../', 'contains the project root'],
      ['/', "is the file system's root"],
      ['node_modules/.perf', 'is inside a node_modules folder'],
      ['.git/perf', 'is inside a .git folder'],
    ]
    for (const [value, problem] of cases) {
      expect(() => resolvePerfOptions({ baselineDir: value }), value).toThrow(TypeError)
      expect(() => resolvePerfOptions({ baselineDir: value }), value).toThrow(`plugin option "baselineDir" ${JSON.stringify(value)}`)
      expect(() => resolvePerfOptions({ baselineDir: value }), value).toThrow(problem)
    }
    expect(() => resolvePerfOptions({ baselineDir: '' })).toThrow('plugin option "baselineDir" must be a path')
    expect(() => resolvePerfOptions({ baselineDir: '.' }, 'Jest reporter')).toThrow(`perfspec: Jest reporter option "baselineDir" "." is the project root itself; baselines are written (and, with -u, removed) under it, so it must be a folder of its own, such as 'baselines' or, shared by several projects, '../baselines'`)
  })

  test('known with the root: the root by another name, an ancestor, a symlink to either; before any test runs', () => {
    const root = project('refuse', ['a.test.ts'])
    symlinkSync(root, join(root, 'self'))
    symlinkSync(dir, join(root, 'up'))
    const refused: Array<[string, string]> = [
      [`../${basename(root)}`, 'is the project root itself'],
      [root, 'is the project root itself'],
      [dir, 'contains the project root'],
      ['self', 'is the project root itself'],
      ['up', 'contains the project root'],
      [join(root, 'node_modules', 'x'), 'is inside a node_modules folder'],
    ]
    for (const [value, problem] of refused) {
      const options = resolvePerfOptions({ baselineDir: value }, 'perf reporter')
      expect(() => workerGateConfig(root, options, undefined), value).toThrow(`perfspec: perf reporter option "baselineDir" ${JSON.stringify(value)} ${problem}`)
      expect(() => runIn(root, [], { baselineDir: value }), value).toThrow(problem)
    }
    expect(readFileSync(join(root, 'a.test.ts'), 'utf8')).toBe('')
    // A project that itself lies in node_modules (an installed package's tests) keeps its own folder.
    const installed = join(dir, 'node_modules', 'pkg')
    expect(projectBaselineDir(installed, 'baselines', 'x')).toBe(join(installed, 'baselines'))
  })
})

describe('projects sharing one baseline folder each keep their own files', () => {
  test("a folder in the project holds the baselines as before; one outside it, under the project's path", () => {
    expect(projectBaselineDir('/m/a', 'baselines', 'x')).toBe('/m/a/baselines')
    expect(projectBaselineDir('/m/a', 'perf/baselines', 'x')).toBe('/m/a/perf/baselines')
    expect(projectBaselineDir('/m/a', '../shared-baselines', 'x')).toBe('/m/shared-baselines/a')
    expect(projectBaselineDir('/m/packages/a', '../../baselines', 'x')).toBe('/m/baselines/packages/a')
    expect(projectBaselineDir('/m/p', '/m/x/d', 'x')).toBe('/m/x/d/_up/p')
    expect(projectBaselineDir('/m/x/p', '/m/x/d', 'x')).toBe('/m/x/d/p')
  })

  test("the examples' committed baselines are found and read where they always were", () => {
    const store = fileBaselineStore(REPO, projectBaselineDir(REPO, 'baselines', 'x'))
    const testFiles = store.list?.() ?? []
    expect(testFiles.length).toBeGreaterThan(5)
    for (const testFile of testFiles) {
      expect(testFile).toMatch(/^examples\/[\w-]+\.test\.ts$/)
      expect(store.pathOf(testFile)).toBe(`baselines/${testFile}.json`)
      expect(store.read(testFile).status, testFile).toBe('ok')
    }
  })

  test('two projects with the same test path and ids: each gated only against its own; -u in one never touches the other', () => {
    const a = project('mono/a', ['t/x.test.ts'])
    const b = project('mono/b', ['t/x.test.ts', 't/b.test.ts'])
    const shared = { baselineDir: '../shared-baselines' }
    // a's benchmark takes 1 µs a call, b's 30 µs: b against a's baseline would be a regression.
    expect(runIn(a, [record('t/x.test.ts', 'parse', 0.001)], shared).report.baselines[0]).toMatchObject({ status: 'written', baselineFile: '../shared-baselines/a/t/x.test.ts.json' })
    const bFirst = runIn(b, [record('t/x.test.ts', 'parse', 0.03), record('t/b.test.ts', 'only-b', 0.03)], shared)
    expect(bFirst.report.baselines.map((c) => [c.status, c.baselineFile])).toEqual([
      ['written', '../shared-baselines/b/t/x.test.ts.json'],
      ['written', '../shared-baselines/b/t/b.test.ts.json'],
    ])
    expect(bFirst.failed).toBe(false)
    // Each run again against its own: no regression either way.
    expect(runIn(b, [record('t/x.test.ts', 'parse', 0.03, 2), record('t/b.test.ts', 'only-b', 0.03, 2)], shared).report.baselines.map((c) => c.status)).toEqual(['ok', 'ok'])
    expect(runIn(a, [record('t/x.test.ts', 'parse', 0.001, 2)], shared).report.baselines.map((c) => c.status)).toEqual(['ok'])
    // -u in a, which has no t/b.test.ts: b's baselines are not a's to judge.
    const bFiles = ['t/x.test.ts.json', 't/b.test.ts.json'].map((f) => join(dir, 'mono/shared-baselines/b', f))
    const before = bFiles.map((f) => readFileSync(f, 'utf8'))
    const update = runIn(a, [record('t/x.test.ts', 'parse', 0.001, 3)], shared, 'all')
    expect(update.report.obsolete?.files ?? []).toEqual([])
    expect(bFiles.map((f) => readFileSync(f, 'utf8'))).toEqual(before)
  })

  test("probe 76 #1, probe 77 #1: files in a shared folder name their project; a copy of another project's file put in this one's place is not gated against, and -u rewrites it (a project moved)", () => {
    const a = project('copied/a', ['t/x.test.ts'])
    const b = project('copied/b', ['t/x.test.ts'])
    const shared = { baselineDir: '../shared-baselines' }
    runIn(a, [record('t/x.test.ts', 'parse', 0.001)], shared)
    runIn(b, [record('t/x.test.ts', 'parse', 0.03)], shared)
    const aFile = join(dir, 'copied/shared-baselines/a/t/x.test.ts.json')
    const bFile = join(dir, 'copied/shared-baselines/b/t/x.test.ts.json')
    expect(Object.keys(JSON.parse(readFileSync(aFile, 'utf8')) as object).slice(0, 3)).toEqual(['perfspec', 'file', 'project'])
    expect(JSON.parse(readFileSync(bFile, 'utf8'))).toMatchObject({ file: 't/x.test.ts', project: 'b' })
    writeFileSync(bFile, readFileSync(aFile, 'utf8'))
    const check = runIn(b, [record('t/x.test.ts', 'parse', 0.03, 2)], shared).report.baselines[0]!
    expect(check).toMatchObject({ status: 'unchecked', cause: 'file-invalid', baselineFile: '../shared-baselines/b/t/x.test.ts.json' })
    expect(check.detail).toMatch(/^names the project at "a", not this one \("b"\): a copy of that project's baselines put in this one's place, or this project moved from there\..*run with -u to rewrite it/)
    expect(readFileSync(bFile, 'utf8')).toBe(readFileSync(aFile, 'utf8'))
    expect(runIn(b, [record('t/x.test.ts', 'parse', 0.03, 2)], shared, 'all').report.baselines[0]!.status).toBe('written')
    expect(JSON.parse(readFileSync(bFile, 'utf8'))).toMatchObject({ project: 'b' })
    writeFileSync(bFile, readFileSync(aFile, 'utf8'))
    // A file written before files named their project is read as it is.
    const old = JSON.parse(readFileSync(aFile, 'utf8')) as Record<string, unknown>
    delete old.project
    writeFileSync(bFile, JSON.stringify(old))
    expect(runIn(b, [record('t/x.test.ts', 'parse', 0.001, 2)], shared).report.baselines[0]!.status).not.toBe('unchecked')
  })

  test("probe 80 #3: a package moved without its baselines: its benchmarks are not taken for new ones while the old part, of a project no longer there, holds the same test file's; -u starts them anew", () => {
    const b = project('moved/b', ['t/x.test.ts', 't/y.test.ts'])
    const shared = { baselineDir: '../shared-baselines' }
    runIn(b, [record('t/x.test.ts', 'parse', 0.001)], shared)
    renameSync(b, join(dir, 'moved/c'))
    const c = join(dir, 'moved/c')
    const check = runIn(c, [record('t/x.test.ts', 'parse', 0.03, 2), record('t/y.test.ts', 'fresh', 0.03, 2)], shared).report.baselines
    expect(check[0]).toMatchObject({ status: 'unchecked', cause: 'file-invalid', baselineFile: '../shared-baselines/c/t/x.test.ts.json' })
    expect(check[0]!.detail).toMatch(/^is missing, but \.\.\/shared-baselines\/b\/t\/x\.test\.ts\.json holds a baseline of the same test file for the project at "b", which is no longer there: .*git mv/)
    // A test file the old part has no baseline of is new, as ever.
    expect(check[1]).toMatchObject({ status: 'written' })
    // A project of that name that is there is another project, not a moved one.
    mkdirSync(join(dir, 'moved/b'))
    expect(runIn(c, [record('t/x.test.ts', 'parse', 0.03, 3)], shared).report.baselines[0]!.status).toBe('written')
  })

  test("a project inside another, sharing its folder, whose test file the outer one runs too: each refuses the other's file, -u included, naming the fix", () => {
    const outer = project('nest/a', ['sub/t/x.test.ts'])
    const inner = join(outer, 'sub')
    // The nested project writes its baseline: ../../shared-baselines/a/sub/t/x.test.ts.json.
    const innerRun = runIn(inner, [record('t/x.test.ts', 'sub bench', 0.03)], { baselineDir: '../../shared-baselines' })
    expect(innerRun.report.baselines[0]).toMatchObject({ status: 'written', baselineFile: '../../shared-baselines/a/sub/t/x.test.ts.json' })
    const file = join(dir, 'nest/shared-baselines/a/sub/t/x.test.ts.json')
    const before = readFileSync(file, 'utf8')
    // The outer project runs the same file as sub/t/x.test.ts: the same path; -u does not replace it.
    const outerShared = { baselineDir: '../shared-baselines' }
    for (const update of ['all', undefined] as const) {
      const outerRun = runIn(outer, [record('sub/t/x.test.ts', 'sub bench', 0.001)], outerShared, update)
      const check = outerRun.report.baselines[0]!
      expect(check).toMatchObject({ status: 'unchecked', cause: 'other-project', baselineFile: '../shared-baselines/a/sub/t/x.test.ts.json' })
      expect(check.detail).toBe(
        'holds the baselines of "t/x.test.ts", written by another project that shares this baseline folder: the one at "sub" inside this project, whose test file this project runs too; perfspec leaves it as it is (-u too); if the test file moved rather, delete this file and run again; otherwise give the two projects different baselineDir folders, or leave "sub/**" out of this project\'s tests (its exclude option)',
      )
      expect(outerRun.report.baselineErrors).toEqual([expect.objectContaining({ file: '../shared-baselines/a/sub/t/x.test.ts.json' })])
      expect(readFileSync(file, 'utf8')).toBe(before)
    }
    // The other way round: a file the outer project wrote is refused by the nested one, left as it is.
    writeFileSync(file, before.replace('"file": "t/x.test.ts"', '"file": "sub/t/x.test.ts"').replaceAll('t/x.test.ts > t > sub bench', 'sub/t/x.test.ts > t > sub bench'))
    const written = readFileSync(file, 'utf8')
    const back = runIn(inner, [record('t/x.test.ts', 'sub bench', 0.03)], { baselineDir: '../../shared-baselines' }, 'all')
    expect(back.report.baselines[0]).toMatchObject({ status: 'unchecked', cause: 'other-project' })
    expect(back.report.baselines[0]!.detail).toContain('one that holds this project as its folder "sub" and runs its test files too; perfspec leaves it as it is (-u too); if the test file moved rather, delete this file and run again; otherwise give the two projects different baselineDir folders, or leave "sub/**" out of that project\'s tests')
    expect(readFileSync(file, 'utf8')).toBe(written)
  })

  test('a baseline file of another project put in this one\'s place is refused by its "file" field, not gated against', () => {
    const a = project('moved/a', ['t/x.test.ts'])
    runIn(a, [record('t/x.test.ts', 'parse', 0.001)])
    const other = join(a, 'baselines', 't', 'y.test.ts.json')
    writeFileSync(other, readFileSync(join(a, 'baselines', 't', 'x.test.ts.json'), 'utf8'))
    expect(readBaselineFile(other, 't/y.test.ts')).toMatchObject({ status: 'invalid' })
    // In a folder of the project's own, a file of a test moved up a folder is no other project's:
    // it is invalid as before (and -u may rewrite it).
    const moved = join(a, 'baselines', 'x.test.ts.json')
    writeFileSync(moved, readFileSync(join(a, 'baselines', 't', 'x.test.ts.json'), 'utf8'))
    const read = readBaselineFile(moved, 'x.test.ts')
    expect(read).toMatchObject({ status: 'invalid' })
    expect(read.status === 'invalid' && read.foreign).toBeUndefined()
    expect(readBaselineFile(moved, 'x.test.ts', { shared: true })).toMatchObject({ status: 'invalid', foreign: true })
  })
})

describe('every test path has a baseline file of its own, and the file gives the test path back', () => {
  const paths = [
    'examples/cache.test.ts',
    't/a:b.test.ts',
    't/ab.test.ts',
    't/a\\b.test.ts',
    't/a/b.test.ts',
    't/a*b?.test.ts',
    't/"q"<x>|y.test.ts',
    't/100%.test.ts',
    't/100%25.test.ts',
    't/dot./x.test.ts',
    't/dot/x.test.ts',
    't/space /x.test.ts',
    't/tab\tin.test.ts',
    '../shared/a.test.ts',
    '_up/shared/a.test.ts',
    '_UP_/x.test.ts',
    '../_Up/x.test.ts',
    'd/é ü.test.ts',
  ]
  const files = paths.map((p) => baselinePath('/p/bl', p))

  test('ordinary names keep the paths committed baselines have', () => {
    expect(files[0]).toBe('/p/bl/examples/cache.test.ts.json')
    expect(baselinePath('/p/bl', '../../shared/a.test.ts')).toBe('/p/bl/_up/_up/shared/a.test.ts.json')
    expect(baselinePath('/p/bl', 'd/é ü.test.ts')).toBe('/p/bl/d/é ü.test.ts.json')
  })

  test('distinct, even on a disk that ignores case, with no character Windows or macOS refuses, and reversible', () => {
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(paths.length)
    for (const [i, file] of files.entries()) {
      const name = file.slice('/p/bl/'.length)
      expect(name, paths[i]).not.toMatch(/[\u0000-\u001f"*:<>?\\|]|[. ]\//)
      expect(testFileOf(name), paths[i]).toBe(paths[i])
    }
    expect(files[1]).toBe('/p/bl/t/a%3Ab.test.ts.json')
    expect(files[8]).toBe('/p/bl/t/100%2525.test.ts.json')
    expect(files[9]).toBe('/p/bl/t/dot%2E/x.test.ts.json')
  })

  test('files perfspec never writes name no test file', () => {
    for (const name of ['t/a:b.test.ts.json', 't/a%3ab.test.ts.json', 't/%41.test.ts.json', 'notes.txt', '_UP/x.test.ts.json', 'dot./x.json', 'x.json.tmp']) expect(testFileOf(name), name).toBeUndefined()
  })

  test('a test file with ":" keeps its baselines: not reported obsolete, not removed by -u, not shared with "ab"', () => {
    const root = project('colon', ['t/a:b.test.ts', 't/ab.test.ts'])
    const tests = [record('t/a:b.test.ts', 'x', 0.001), record('t/ab.test.ts', 'x', 0.03)]
    expect(runIn(root, tests).report.baselines.map((c) => c.baselineFile)).toEqual(['baselines/t/a%3Ab.test.ts.json', 'baselines/t/ab.test.ts.json'])
    const again = runIn(root, [record('t/a:b.test.ts', 'x', 0.001, 2), record('t/ab.test.ts', 'x', 0.03, 2)])
    expect(again.report.baselines.map((c) => c.status)).toEqual(['ok', 'ok'])
    expect(again.report.obsolete?.files ?? []).toEqual([])
    runIn(root, [record('t/ab.test.ts', 'x', 0.03, 3)], {}, 'all')
    expect(readBaselineFile(join(root, 'baselines/t/a%3Ab.test.ts.json'), 't/a:b.test.ts').status).toBe('ok')
  })
})

describe('baseline files too large to be one are invalid, not read', () => {
  test(`over ${MAX_FILE_BYTES / 1024 / 1024} MiB: reported by path, the run goes on`, () => {
    const root = project('large', ['a.test.ts', 'b.test.ts'])
    mkdirSync(join(root, 'baselines'), { recursive: true })
    writeFileSync(join(root, 'baselines', 'a.test.ts.json'), '')
    truncateSync(join(root, 'baselines', 'a.test.ts.json'), MAX_FILE_BYTES + 1)
    const out = runIn(root, [record('a.test.ts', 'x'), record('b.test.ts', 'y')])
    expect(out.report.baselineErrors).toEqual([{ file: 'baselines/a.test.ts.json', problem: 'is 67,108,865 bytes, more than perfspec reads (64.0 MB); it is no file perfspec wrote' }])
    expect(out.report.baselines.map((c) => c.status)).toEqual(['unchecked', 'written'])
  })
})

describe('an obsolete baseline file is told by its mark and its file field alone (probe 62 #2)', () => {
  test("fileOf reads the file it names without checking the rest; anything else names none", () => {
    const root = mkdtempSync(join(dir, 'file-of-'))
    const folder = join(root, 'baselines')
    mkdirSync(join(folder, 'test'), { recursive: true })
    const store = fileBaselineStore(root, folder)
    // A histogram that would not decode: the file is still perfspec's, of that test file.
    writeFileSync(join(folder, 'test/gone.test.ts.json'), JSON.stringify({ perfspec: 1, file: 'test/gone.test.ts', benchmarks: [{ bench_id: 'x', histogram: 'not a histogram' }] }))
    writeFileSync(join(folder, 'test/notes.test.ts.json'), JSON.stringify({ file: 'test/notes.test.ts' }))
    writeFileSync(join(folder, 'test/broken.test.ts.json'), '{')
    expect(store.fileOf!('test/gone.test.ts')).toBe('test/gone.test.ts')
    expect(store.fileOf!('test/notes.test.ts')).toBeUndefined()
    expect(store.fileOf!('test/broken.test.ts')).toBeUndefined()
    expect(store.fileOf!('test/missing.test.ts')).toBeUndefined()
  })
})
