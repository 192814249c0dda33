import { join } from 'pathe'
import { describe, expect, test } from 'vitest'
import { isRunnerCommand, KeptFiles } from '../src/adapters/kept-files.js'
import type { BaselineFile, BaselineRead } from '../src/model/baseline.js'
import type { BaselineStore } from '../src/run/baseline-store.js'
import { srcModule, withScript } from './support/script-process.js'

// What another tool of the same run wrote over perfspec's files after perfspec was done with them
// (probe 60 #2–#4: jest-junit over a baseline or the JSON report, a coverage reporter's file).
describe('the files a run wrote or read, checked as the process exits', () => {
  const root = '/p'
  const disk = new Map<string, string>()
  const read = (path: string) => disk.get(path)
  const store: BaselineStore = {
    pathOf: (f) => `baselines/${f}.json`,
    read: (f): BaselineRead => {
      const text = disk.get(`/p/baselines/${f}.json`)
      if (text === undefined) return { status: 'missing' }
      try {
        return { status: 'ok', data: JSON.parse(text) as BaselineFile }
      } catch {
        return { status: 'invalid', problem: 'is not valid JSON' }
      }
    },
    write: (f, data) => void disk.set(`/p/baselines/${f}.json`, JSON.stringify(data)),
    remove: (f) => void disk.delete(`/p/baselines/${f}.json`),
    list: () => [...disk.keys()].filter((k) => k.startsWith('/p/baselines/')).map((k) => k.slice('/p/baselines/'.length, -'.json'.length)),
    testFileExists: (f) => f.endsWith('.test.ts') && f !== 'gone.test.ts',
  }

  // A run that read a.test.ts's baseline, found none for b.test.ts, wrote c.test.ts's and a report.
  const run = (): KeptFiles => {
    disk.clear()
    disk.set('/p/baselines/a.test.ts.json', '{"benchmarks":[]}')
    const kept = new KeptFiles(root, read)
    const s = kept.store(store)
    s.read('a.test.ts')
    s.read('b.test.ts')
    s.write('c.test.ts', { benchmarks: [] } as unknown as BaselineFile)
    disk.set('/p/R.json', '{}')
    kept.wrote('/p/R.json', '{}', 'json')
    return kept
  }

  // The folder as a run starts with these files in it, noted (see `watch`).
  const watched = (files: Record<string, string>): KeptFiles => {
    disk.clear()
    for (const [path, text] of Object.entries(files)) disk.set(path, text)
    const kept = new KeptFiles(root, read)
    kept.watch(store)
    return kept
  }

  test('nothing changed: nothing to say', () => {
    expect(run().check()).toEqual([])
  })

  test('a report or a baseline written over, a baseline read then replaced, one created where none was: each said', () => {
    const kept = run()
    disk.set('/p/R.json', '<xml/>')
    disk.set('/p/baselines/a.test.ts.json', '<xml/>')
    disk.set('/p/baselines/b.test.ts.json', '<xml/>')
    disk.set('/p/baselines/c.test.ts.json', '{}')
    const said = kept.check()
    expect(said).toHaveLength(4)
    expect(said[0]).toMatch(/^perfspec: baselines\/a\.test\.ts\.json: something else in this run wrote to it .*, so the run fails: the baseline that was there is lost\. .*git checkout -- baselines\/a\.test\.ts\.json/)
    expect(said[1]).toMatch(/^perfspec: baselines\/b\.test\.ts\.json: .*: this is where the baseline of its test file goes\. Give that tool another path, remove the file/)
    expect(said[2]).toMatch(/^perfspec: baselines\/c\.test\.ts\.json: .*: the baseline perfspec wrote there is lost/)
    expect(said[3]).toMatch(/^perfspec: R\.json: .*: the report perfspec wrote there is lost/)
    // Nothing is written back: the other tool's file may be what the user wants there.
    expect(disk.get('/p/R.json')).toBe('<xml/>')
  })

  test('probe 61 #1, #2: a baseline the run never read (a filtered run), or a file made where none was, written over after the run', () => {
    disk.clear()
    disk.set('/p/baselines/a.test.ts.json', '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}')
    disk.set('/p/baselines/other.test.ts.json', '{"perfspec":1,"file":"other.test.ts","benchmarks":[]}')
    const kept = new KeptFiles(root, read)
    kept.store(store).read('a.test.ts')
    disk.set('/p/baselines/other.test.ts.json', '{"total":{}}')
    disk.set('/p/baselines/new.test.ts.json', '<xml/>')
    const said = kept.check()
    expect(said).toHaveLength(2)
    expect(said[0]).toMatch(/^perfspec: baselines\/other\.test\.ts\.json: .*the baseline that was there is lost/)
    expect(said[1]).toMatch(/^perfspec: baselines\/new\.test\.ts\.json: .*this is where the baseline of its test file goes/)
  })

  test('probe 63 #1: a baseline written over during the run, before perfspec read it, is named: the folder is noted as the run starts', () => {
    const kept = watched({ '/p/baselines/a.test.ts.json': '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}' })
    disk.set('/p/baselines/a.test.ts.json', '<xml/>')
    kept.store(store).read('a.test.ts')
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/a\.test\.ts\.json: .*the baseline that was there is lost/)])
  })

  test('probe 70 #2: a baseline deleted during the run, before perfspec read it, is read as invalid, not missing: compared with nothing, and not written anew in silence', () => {
    const kept = watched({ '/p/baselines/a.test.ts.json': '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}' })
    disk.delete('/p/baselines/a.test.ts.json')
    const s = kept.store(store)
    expect(s.read('a.test.ts')).toEqual({ status: 'invalid', problem: expect.stringMatching(/^was there as the run started and is gone now: something else in this run deleted it .*restore the baseline from version control \(git checkout -- baselines\/a\.test\.ts\.json\)$/) })
    // One that was not there as the run started is new, as ever.
    expect(s.read('b.test.ts')).toEqual({ status: 'missing' })
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/a\.test\.ts\.json: something else in this run deleted it/)])
  })

  test('probe 79 #1: a baseline changed during the run before perfspec read it, into a file of perfspec\'s with no benchmarks, is read as invalid: its benchmarks are not taken for new ones', () => {
    const before = '{"perfspec":1,"file":"a.test.ts","benchmarks":[{"id":"t > w"}]}'
    const kept = watched({ '/p/baselines/a.test.ts.json': before, '/p/baselines/b.test.ts.json': '{"perfspec":1,"file":"b.test.ts","benchmarks":[]}' })
    disk.set('/p/baselines/a.test.ts.json', '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}')
    const s = kept.store(store)
    expect(s.read('a.test.ts')).toEqual({ status: 'invalid', problem: expect.stringMatching(/^changed during this run, before perfspec read it, and not by this run: .*git checkout -- baselines\/a\.test\.ts\.json\); then run again$/) })
    // One unchanged since the run started reads as ever; one this run wrote is its own.
    expect(s.read('b.test.ts')).toMatchObject({ status: 'ok' })
    s.write('b.test.ts', { perfspec: 1, file: 'b.test.ts', benchmarks: [] } as unknown as BaselineFile)
    expect(s.read('b.test.ts')).toMatchObject({ status: 'ok' })
    // Put back as it was before perfspec read it: nothing changed.
    disk.set('/p/baselines/a.test.ts.json', before)
    expect(kept.store(store).read('a.test.ts')).toMatchObject({ status: 'ok' })
  })

  test('probe 71 #1: a baseline git tracks that was missing as the run started (Jest runs globalSetup before any reporter) is read as invalid, not missing', () => {
    const kept = watched({})
    kept.missingAtStart(['/p/baselines/a.test.ts.json'])
    const s = kept.store(store)
    expect(s.read('a.test.ts')).toEqual({ status: 'invalid', problem: expect.stringMatching(/^is committed \(git tracks it\) but was missing from the working tree as the run started: .*git checkout -- baselines\/a\.test\.ts\.json.*git rm baselines\/a\.test\.ts\.json\)$/) })
    expect(s.read('b.test.ts')).toEqual({ status: 'missing' })
    // Said by the comparison (invalid fails a CI run), not again as the process exits.
    expect(kept.check()).toEqual([])
  })

  test('probe 72 #1: a baseline of perfspec read before the reporters started (Vitest configureVitest) and deleted before the folder was noted is read as invalid, and named as it exits', () => {
    disk.clear()
    const early = new Map([['/p/baselines/a.test.ts.json', '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}'], ['/p/baselines/junk.json', '{"total":1}']])
    const kept = new KeptFiles(root, read)
    kept.watch(store, early)
    const s = kept.store(store)
    expect(s.read('a.test.ts')).toEqual({ status: 'invalid', problem: expect.stringMatching(/^was there as the run started and is gone now/) })
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/a\.test\.ts\.json: something else in this run deleted it/)])
    // Probe 73 #1: one written over between the early read and the folder's noting is named too.
    disk.clear()
    disk.set('/p/baselines/b.test.ts.json', '<xml/>')
    const over = new KeptFiles(root, read)
    over.watch(store, new Map([['/p/baselines/b.test.ts.json', '{"perfspec":1,"file":"b.test.ts","benchmarks":[]}']]))
    over.store(store).read('b.test.ts')
    expect(over.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/b\.test\.ts\.json: something else in this run wrote to it/)])
  })

  test('probe 73 #4: a baseline git tracks that was missing as the run started and that the run did not read (a project it left out) is named as it exits', () => {
    const kept = watched({ '/p/baselines/a.test.ts.json': '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}' })
    kept.missingAtStart(['/p/baselines/b.test.ts.json'])
    kept.store(store).read('a.test.ts')
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/b\.test\.ts\.json is committed \(git tracks it\) but was missing from the working tree as the run started: .*git rm baselines\/b\.test\.ts\.json\)$/)])
    // Put back before the run ended: nothing lost.
    disk.set('/p/baselines/b.test.ts.json', '{"perfspec":1,"file":"b.test.ts","benchmarks":[]}')
    expect(kept.check()).toEqual([])
  })

  test('probe 74 #1: under CI, a baseline git tracks that was written over with another tool\'s output as the run started, and that the run did not read, is named as it exits; one perfspec rewrote is not', () => {
    const kept = watched({ '/p/baselines/a.test.ts.json': '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}', '/p/baselines/b.test.ts.json': '<testsuites/>', '/p/baselines/c.test.ts.json': '{"perfspec":1,"file":"c.test.ts","benchmarks":[{"bench_id":"x"}]}' })
    kept.changedAtStart({ deleted: [], modified: ['/p/baselines/b.test.ts.json', '/p/baselines/c.test.ts.json'], indexed: {} })
    kept.store(store).read('a.test.ts')
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/b\.test\.ts\.json is committed \(git tracks it\) but was written over in the working tree before the run started: .*git checkout -- baselines\/b\.test\.ts\.json/)])
    // Read by the run: its reader said it is invalid, and the run failed on that.
    const read = watched({ '/p/baselines/b.test.ts.json': '<testsuites/>' })
    read.changedAtStart({ deleted: [], modified: ['/p/baselines/b.test.ts.json'], indexed: {} })
    expect(read.store(store).read('b.test.ts').status).toBe('invalid')
    expect(read.check()).toEqual([])
    // Put back before the end: nothing lost.
    const back = watched({ '/p/baselines/b.test.ts.json': '<testsuites/>' })
    back.changedAtStart({ deleted: [], modified: ['/p/baselines/b.test.ts.json'], indexed: {} })
    disk.set('/p/baselines/b.test.ts.json', '{"perfspec":1,"file":"b.test.ts","benchmarks":[]}')
    expect(back.check()).toEqual([])
  })

  test('probe 80 #1, probe 81 #1: under CI, a baseline git tracks rewritten before the run as a file of perfspec\'s without baselines the index holds (a Jest globalSetup) is read with those baselines told (testbeds\' too), for the comparison to judge', () => {
    const committed = '{"perfspec":1,"file":"a.test.ts","benchmarks":[{"bench_id":"t > w"},{"bench_id":"t > v"}],"testbeds":[{"name":"ci","benchmarks":[{"bench_id":"t > w"}]}]}'
    const emptied = '{"perfspec":1,"file":"a.test.ts","benchmarks":[{"bench_id":"t > v"}],"testbeds":[{"name":"ci","benchmarks":[]}]}'
    const kept = watched({ '/p/baselines/a.test.ts.json': emptied })
    kept.changedAtStart({ deleted: [], modified: ['/p/baselines/a.test.ts.json'], indexed: { '/p/baselines/a.test.ts.json': committed } })
    expect(kept.store(store).read('a.test.ts')).toMatchObject({ status: 'ok', lost: { entries: [{ id: 't > w' }, { id: 't > w', testbed: 'ci' }], problem: expect.stringMatching(/^is committed \(git tracks it\) with baselines the working tree's file lacks \("t > w", "t > w" \(testbed ci\)\): .*git checkout -- baselines\/a\.test\.ts\.json\)/) } })
    // Not read by the run: nothing of it ran, and an earlier step's -u may have changed it on purpose.
    expect(kept.check()).toEqual([])
    // An earlier step's -u that changed figures or added baselines: read as ever.
    const more = '{"perfspec":1,"file":"a.test.ts","benchmarks":[{"bench_id":"t > w","x":2},{"bench_id":"t > v"},{"bench_id":"t > u"}],"testbeds":[{"name":"ci","benchmarks":[{"bench_id":"t > w"}]}]}'
    const updated = watched({ '/p/baselines/a.test.ts.json': more })
    updated.changedAtStart({ deleted: [], modified: ['/p/baselines/a.test.ts.json'], indexed: { '/p/baselines/a.test.ts.json': committed } })
    expect(updated.store(store).read('a.test.ts')).not.toHaveProperty('lost')
    expect(updated.check()).toEqual([])
  })

  test('probe 80 #2: a baseline rewritten during the run, after perfspec read or wrote it, as a file of perfspec\'s without baselines it held (a global teardown) is named as the process exits; one another run added baselines to is not', () => {
    const full = '{"perfspec":1,"file":"a.test.ts","benchmarks":[{"bench_id":"t > w"}]}'
    const kept = watched({ '/p/baselines/a.test.ts.json': full })
    expect(kept.store(store).read('a.test.ts').status).toBe('ok')
    disk.set('/p/baselines/a.test.ts.json', '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}')
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/a\.test\.ts\.json: something else in this run rewrote it without the baselines of "t > w" .*restore the baseline \(git checkout -- baselines\/a\.test\.ts\.json\)$/)])
    disk.set('/p/baselines/a.test.ts.json', '{"perfspec":1,"file":"a.test.ts","benchmarks":[{"bench_id":"t > w"},{"bench_id":"t > new"}]}')
    expect(kept.check()).toEqual([])
    // Probe 81 #1: a testbed's baselines count too.
    const bed = watched({ '/p/baselines/a.test.ts.json': '{"perfspec":1,"file":"a.test.ts","benchmarks":[],"testbeds":[{"name":"ci","benchmarks":[{"bench_id":"t > w"}]}]}' })
    bed.store(store).read('a.test.ts')
    disk.set('/p/baselines/a.test.ts.json', '{"perfspec":1,"file":"a.test.ts","benchmarks":[],"testbeds":[{"name":"ci","benchmarks":[]}]}')
    expect(bed.check()).toEqual([expect.stringMatching(/rewrote it without the baselines of "t > w" \(testbed ci\)/)])
  })

  test("probe 75 #1: a baseline written over with a copy of another test file's baseline is named, during the run or (under CI, git) before it", () => {
    const a = '{"perfspec":1,"file":"a.test.ts","benchmarks":[]}'
    const kept = watched({ '/p/baselines/a.test.ts.json': a, '/p/baselines/b.test.ts.json': '{"perfspec":1,"file":"b.test.ts","benchmarks":[]}' })
    disk.set('/p/baselines/b.test.ts.json', a)
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/b\.test\.ts\.json: something else in this run wrote to it/)])
    const before = watched({ '/p/baselines/a.test.ts.json': a, '/p/baselines/b.test.ts.json': a })
    before.changedAtStart({ deleted: [], modified: ['/p/baselines/b.test.ts.json'], indexed: {} })
    expect(before.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/b\.test\.ts\.json is committed \(git tracks it\) but was written over/)])
  })

  test("probe 76 #1, probe 77 #2: in a shared folder, a copy of another project's baseline of the same test path, or of an older file that names no project, written over this project's is named; this project's own rewrite is not", () => {
    const shared: BaselineStore = { ...store, project: 'b' }
    const file = (project?: string) => JSON.stringify({ perfspec: 1, file: 'x.test.ts', ...(project && { project }), benchmarks: [] })
    disk.clear()
    disk.set('/p/baselines/x.test.ts.json', file('b'))
    const kept = new KeptFiles(root, read)
    kept.watch(shared)
    disk.set('/p/baselines/x.test.ts.json', file('a'))
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/x\.test\.ts\.json: something else in this run wrote to it/)])
    disk.set('/p/baselines/x.test.ts.json', file())
    expect(kept.check()).toEqual([expect.stringMatching(/something else in this run wrote to it/)])
    disk.set('/p/baselines/x.test.ts.json', `${file('b')}\n`)
    expect(kept.check()).toEqual([])
  })

  test('probe 73 #2: a run of some projects (--project), whose roots it cannot all tell, names a deleted baseline of a project left out when its test file is found in the project', () => {
    const { testFileExists: _, ...unknownRoots } = store
    const projectStore: BaselineStore = { ...unknownRoots, testFileElsewhere: (f) => (f === 'b.test.ts' ? 'b.test.ts' : f === 'far.test.ts' ? '' : undefined) }
    const b = '{"perfspec":1,"file":"b.test.ts","benchmarks":[]}'
    disk.clear()
    disk.set('/p/baselines/b.test.ts.json', b)
    disk.set('/p/baselines/far.test.ts.json', '{"perfspec":1,"file":"far.test.ts","benchmarks":[]}')
    disk.set('/p/baselines/gone.test.ts.json', '{"perfspec":1,"file":"gone.test.ts","benchmarks":[]}')
    const kept = new KeptFiles(root, read)
    kept.watch(projectStore)
    for (const f of ['b', 'far', 'gone']) disk.delete(`/p/baselines/${f}.test.ts.json`)
    // far: the search stopped at its bound; gone: no such test file (obsolete, removed by another perfspec run).
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/b\.test\.ts\.json: something else in this run deleted it/)])
  })

  test('a file made during the run where a baseline of this run goes, before perfspec read it, is named', () => {
    const kept = watched({})
    disk.set('/p/baselines/a.test.ts.json', '<xml/>')
    kept.store(store).read('a.test.ts')
    expect(kept.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/a\.test\.ts\.json: .*this is where the baseline of its test file goes/)])
  })

  test("probe 63 #2: a file of another tool's in the folder (Jest's coverage-final.json) counts only where a test file's baseline goes", () => {
    const kept = watched({ '/p/baselines/coverage-summary.json': '{"total":1}' })
    disk.set('/p/baselines/coverage-summary.json', '{"total":2}')
    disk.set('/p/baselines/coverage-final.json', '{}')
    expect(kept.check()).toEqual([])
  })

  test('probe 61 #3: files another perfspec run wrote (two runs at once in one folder) are its own, not a clobber', () => {
    const kept = run()
    disk.set('/p/baselines/a.test.ts.json', '{"perfspec":1,"file":"a.test.ts","benchmarks":[{"bench_id":"x"}]}')
    disk.set('/p/baselines/c.test.ts.json', '{"perfspec":1,"file":"c.test.ts","benchmarks":[]}')
    disk.set('/p/R.json', '{"perfspec":1,"tests":[]}')
    expect(kept.check()).toEqual([])
    // Probe 62 #1: a file another run's -u removed as obsolete (its test file gone), which this run only noted as it started.
    const noted = watched({ '/p/baselines/gone.test.ts.json': '{"perfspec":1,"file":"gone.test.ts","benchmarks":[]}', '/p/baselines/other.test.ts.json': '{"perfspec":1,"file":"other.test.ts","benchmarks":[]}' })
    disk.delete('/p/baselines/gone.test.ts.json')
    expect(noted.check()).toEqual([])
    // Probe 68: one of a test file that is still there (a filtered run's other file), deleted: named.
    disk.delete('/p/baselines/other.test.ts.json')
    expect(noted.check()).toEqual([expect.stringMatching(/^perfspec: baselines\/other\.test\.ts\.json: something else in this run deleted it .*the baseline that was there is lost/)])
  })

  test('probe 65 #2: a baseline this run read or wrote, deleted by another tool, is named (the next run would take its benchmarks for new ones); a FIFO that reads as nothing is not gone', () => {
    const kept = run()
    disk.delete('/p/baselines/a.test.ts.json')
    disk.delete('/p/baselines/c.test.ts.json')
    const said = kept.check()
    expect(said).toHaveLength(2)
    expect(said[0]).toMatch(/^perfspec: baselines\/a\.test\.ts\.json: something else in this run deleted it .*, so the run fails: the baseline that was there is lost, and the next run would take its benchmarks for new ones\. Give that tool a folder of its own, and restore the baseline from version control \(git checkout -- baselines\/a\.test\.ts\.json\)$/)
    expect(said[1]).toMatch(/^perfspec: baselines\/c\.test\.ts\.json: .*deleted it.*the baseline perfspec wrote there is lost.*run again to write it anew$/)
    // Still there, but not a regular file the check reads.
    const fifo = new KeptFiles(root, read, () => true)
    disk.set('/p/baselines/a.test.ts.json', '{"benchmarks":[]}')
    fifo.store(store).read('a.test.ts')
    disk.delete('/p/baselines/a.test.ts.json')
    expect(fifo.check()).toEqual([])
  })

  test('a baseline perfspec removed (an obsolete file under -u) is not missed', () => {
    disk.clear()
    disk.set('/p/baselines/gone.test.ts.json', '{"benchmarks":[]}')
    const kept = new KeptFiles(root, read)
    const s = kept.store(store)
    s.read('gone.test.ts')
    s.remove!('gone.test.ts')
    expect(kept.check()).toEqual([])
  })
})

describe("the runner's own command line", () => {
  test('vitest and jest as npx and npm scripts start them; a program of its own does not', () => {
    for (const path of ['/p/node_modules/.bin/vitest', '/p/node_modules/vitest/vitest.mjs', 'C:\\p\\node_modules\\vitest\\vitest.mjs']) expect(isRunnerCommand('vitest', path), path).toBe(true)
    for (const path of ['/p/node_modules/.bin/jest', '/p/node_modules/jest-cli/bin/jest.js', '/p/node_modules/jest/bin/jest.js']) expect(isRunnerCommand('jest', path), path).toBe(true)
    for (const path of ['/p/run-benchmarks.mjs', '/p/node_modules/vitest/dist/workers/forks.js', '/p/node_modules/.bin/vitest-extra', undefined]) expect(isRunnerCommand('vitest', path), String(path)).toBe(false)
    expect(isRunnerCommand('jest', '/p/node_modules/.bin/vitest')).toBe(false)
  })
})

describe('as the process exits', () => {
  test("probe 69 #1, probe 70 #1: the message reaches stderr, and the exit code stays 1, although Jest's --forceExit (exit-x) made process.stderr.write drop everything and exits 0 again", () => {
    withScript(
      (dir) => `import { writeFileSync } from 'node:fs'
import { keepFilesUntilExit } from ${srcModule('src/adapters/kept-files.ts')}
const report = ${JSON.stringify(join(dir, 'R.json'))}
const kept = keepFilesUntilExit(${JSON.stringify(dir)})
writeFileSync(report, '{}')
kept.wrote(report, '{}', 'json')
writeFileSync(report, '<xml/>')
process.stderr.write = () => true
// exit-x, when the stream had not drained: an exit listener of its own, after perfspec's, exits again with its code.
if (process.argv[2] === 'again') process.on('exit', () => process.exit(0))
process.exit(0)
`,
      (run) => {
        for (const again of [[], ['again']]) {
          const r = run(...again)
          // probe 70 #1: exit-x's own exit(0) from its listener had set the code back to 0.
          expect(r.status, `${again.join('')} ${r.stderr}`).toBe(1)
          expect(r.stderr).toMatch(/perfspec: R\.json: something else in this run wrote to it/)
          expect(r.stderr).toMatch(/ FAIL  a file of perfspec's changed by another tool of this run/)
        }
      },
    )
  })

  test("probe 82 #1: a tool's exit listener added after perfspec's, which writes over the run's file, is seen; also when it, or a listener after it, then exits 0; and one that signal-exit's onExit runs (probe 83 #1), and where another tool put perfspec's wrapper of process.emit out", () => {
    withScript(
      (dir) => `import { writeFileSync } from 'node:fs'
import { keepFilesUntilExit } from ${srcModule('src/adapters/kept-files.ts')}
const report = ${JSON.stringify(join(dir, 'R.json'))}
const emit = process.emit
const kept = keepFilesUntilExit(${JSON.stringify(dir)})
writeFileSync(report, '{}')
kept.wrote(report, '{}', 'json')
const how = process.argv[2]
// signal-exit's onExit, set up after perfspec: it wraps process.emit, and runs its handlers after
// the listeners; the one it read (before perfspec, as signal-exit 3 read it as it loaded, or after).
const onExit = (read: typeof emit, handler: () => void) => {
  process.emit = function (this: NodeJS.Process, event: string, ...args: unknown[]) {
    const r = (read as any).call(this, event, ...args)
    if (event === 'exit') handler()
    return r
  } as typeof emit
}
if (how === 'signal-exit-before' || how === 'signal-exit-after') onExit(how === 'signal-exit-before' ? emit : process.emit, () => writeFileSync(report, 'junk'))
// One that defines process.emit anew puts perfspec's wrapper out: its listener runs the check.
if (how === 'defined') {
  Object.defineProperty(process, 'emit', { value: emit, writable: true, configurable: true })
  writeFileSync(report, 'junk')
}
// A reporter listed after perfspec's, at the end of the run: Node runs exit listeners in the order they were added.
if (how === '' || how === 'exit' || how === 'after' || how === 'natural') process.on('exit', () => {
  writeFileSync(report, 'junk')
  if (how === 'exit') process.exit(0)
})
if (how === 'after') process.on('exit', () => process.exit(0))
if (how === 'natural') setTimeout(() => {}, 10)
else process.exit(0)
`,
      (run) => {
        for (const how of ['', 'exit', 'after', 'natural', 'signal-exit-before', 'signal-exit-after', 'defined']) {
          const r = run(how)
          expect(r.status, `${how} ${r.stderr}`).toBe(1)
          expect(r.stderr, how).toMatch(/perfspec: R\.json: something else in this run wrote to it/)
        }
      },
    )
  })
})
