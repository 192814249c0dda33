import { describe, expect, test } from 'vitest'
import { blobRunGap, vitestRunProblems, type BlobRunFacts, type VitestRunFacts } from '../src/run/vitest-run-end.js'
import { readShardGaps } from '../src/vitest/shard-mark.js'
import { runProblemText } from '../src/report/status-text.js'

// What a Vitest run's report says of the run itself, decided from the facts the reporter gathers.
const ended = (facts: Partial<VitestRunFacts> = {}): VitestRunFacts => ({
  none: false,
  watch: false,
  passWithNoTests: false,
  scheduled: 2,
  reported: 2,
  started: 2,
  unfinished: [],
  cancelled: 0,
  reason: 'passed',
  errors: [],
  ignoreErrors: false,
  bail: false,
  mergedOnce: 0,
  ...facts,
})

describe('vitestRunProblems', () => {
  test('a whole run has no problem and may write baselines', () => {
    expect(vitestRunProblems(ended())).toEqual({ report: true, problems: [], interrupted: false })
  })

  test('no test file: a problem unless passWithNoTests; nothing to say in watch mode', () => {
    expect(vitestRunProblems(ended({ none: true, scheduled: 0, reported: 0, started: 0 })).problems).toEqual([{ kind: 'no-test-files' }])
    expect(vitestRunProblems(ended({ none: true, scheduled: 0, reported: 0, started: 0, passWithNoTests: true })).problems).toEqual([])
    expect(vitestRunProblems(ended({ none: true, watch: true })).report).toBe(false)
  })

  test('files to run and none reported: the error Vitest stopped at is the reason', () => {
    const end = vitestRunProblems(ended({ none: true, reported: 0, started: 0, errors: ['database container did not start'] }))
    expect(end.problems).toEqual([{ kind: 'runner-error', runner: 'Vitest', message: 'database container did not start', allRan: false }])
  })

  test('probe 42 #1, #4: a file that never finished in a run Vitest did not cancel fails it, ignored, filtered or not', () => {
    for (const facts of [{ errors: ['[vitest-pool]: Worker forks emitted error.'] }, { errors: ['[vitest-pool]: Worker forks emitted error.'], ignoreErrors: true }, { errors: [] }]) {
      const end = vitestRunProblems(ended({ unfinished: [{ file: 'test/a.test.ts', started: true }], ...facts }))
      expect(end.interrupted).toBe(true)
      expect(end.problems).toHaveLength(1)
      expect(end.problems[0]).toMatchObject({ kind: 'files-unfinished', files: ['test/a.test.ts'] })
    }
    expect(runProblemText(vitestRunProblems(ended({ unfinished: [{ file: 'test/a.test.ts', started: true }] })).problems[0]!)).toContain('(a crash, process.exit, a signal or running out of memory; Vitest reported no error for it)')
    // Vitest 5 ends such a run `failed`: the same.
    expect(vitestRunProblems(ended({ unfinished: [{ file: 'test/a.test.ts', started: true }], reason: 'failed' })).problems[0]!.kind).toBe('files-unfinished')
  })

  test('probe 42 #3: an error with a file left unfinished is not said to come after every file ran', () => {
    const text = runProblemText(vitestRunProblems(ended({ unfinished: [{ file: 'test/a.test.ts', started: true }], errors: ['boom'] })).problems[0]!)
    expect(text).toMatch(/^the test file test\/a\.test\.ts did not finish: .*Vitest reported: boom\)/)
    expect(text).not.toContain('after every test file ran')
  })

  test('an error outside the tests fails the run unless Vitest was told to ignore such errors', () => {
    expect(vitestRunProblems(ended({ errors: ['thrown by a timer', 'another'] })).problems).toEqual([{ kind: 'runner-error', runner: 'Vitest', message: 'thrown by a timer, and 1 more: see the errors Vitest printed', allRan: true }])
    expect(vitestRunProblems(ended({ errors: ['thrown by a timer'], ignoreErrors: true }))).toEqual({ report: true, problems: [], interrupted: false })
  })

  test('a cancelled run is cut short when it left files or tests out, not when a bail fired at the last test', () => {
    expect(vitestRunProblems(ended({ reason: 'interrupted', started: 1, bail: true })).problems).toEqual([{ kind: 'cut-short', runner: 'Vitest', ran: 1, total: 2, bail: true }])
    expect(vitestRunProblems(ended({ reason: 'interrupted', cancelled: 3, bail: true })).interrupted).toBe(true)
    // Probe 46 #2: a cancel ends the files it stops; one still unfinished lost its worker, and is named beside it.
    expect(vitestRunProblems(ended({ reason: 'interrupted', bail: true, unfinished: [{ file: 'test/a.test.ts', started: true }], errors: ['[vitest-pool]: Worker forks emitted error.'] })).problems.map((p) => p.kind)).toEqual(['files-unfinished', 'cut-short'])
    expect(vitestRunProblems(ended({ reason: 'interrupted', bail: true }))).toEqual({ report: true, problems: [], interrupted: false })
    // Files a bail never started are left queued: cut short, not lost.
    expect(vitestRunProblems(ended({ reason: 'interrupted', bail: true, started: 1, unfinished: [{ file: 'test/b.test.ts', started: false }] })).problems.map((p) => p.kind)).toEqual(['cut-short'])
  })

  test('probe 44 #4: failed type tests fail the report, said as type tests, and leave what the run measured writable', () => {
    expect(vitestRunProblems(ended({ typeTestsFailed: ['t.test-d.ts > typed'] }))).toEqual({ report: true, problems: [{ kind: 'type-tests-failed', tests: ['t.test-d.ts > typed'] }], interrupted: false })
    expect(runProblemText({ kind: 'type-tests-failed', tests: ['t.test-d.ts > typed'] })).toMatch(/^1 type test failed \(--typecheck: "t\.test-d\.ts > typed"\): type tests measure nothing, but Vitest fails the run on them/)
  })

  test('merges: shards measured once fail a -u merge; testbeds that do not match fail without stopping the writes', () => {
    expect(vitestRunProblems(ended({ mergedOnce: 2 }))).toEqual({ report: true, problems: [{ kind: 'merged-once', count: 2 }], interrupted: true })
    expect(vitestRunProblems(ended({ testbeds: { shards: ['a', 'b'], merge: undefined } }))).toEqual({ report: true, problems: [{ kind: 'merged-testbed', shards: ['a', 'b'], merge: undefined }], interrupted: false })
  })

  test('probe 46 #1: a merge fails on each blob run that said it left files out, and writes nothing; a merge of only such runs is not "no test file"', () => {
    const gap = { shard: '1/2', ran: 0, total: 1, cause: 'error' as const }
    expect(vitestRunProblems(ended({ shardGaps: [gap] }))).toEqual({ report: true, problems: [{ kind: 'shard-incomplete', ...gap }], interrupted: true })
    expect(vitestRunProblems(ended({ none: true, scheduled: 0, reported: 0, started: 0, shardGaps: [gap] })).problems).toEqual([{ kind: 'shard-incomplete', ...gap }])
    expect(runProblemText({ kind: 'shard-incomplete', ...gap })).toMatch(/^blob shard 1\/2 did not run everything it was to: Vitest stopped it with an error before its test file ran .*: the merge fails, no baseline was written or removed/)
    expect(runProblemText({ kind: 'shard-incomplete', ran: 1, total: 3, cause: 'bail' })).toMatch(/^a blob run \(--reporter=blob\) did not run everything it was to: Vitest stopped it at a failing test \(bail\) after 1 of 3 test files ran, so its blob lacks what the rest measure/)
  })
})

describe('merges of blob runs that left files out (probe 47)', () => {
  test('#1: a file a cut-short shard left queued is its bail, not a worker that died; a started one still is', () => {
    const gap = { shard: '1/2', ran: 1, total: 2, cause: 'bail' as const }
    const end = vitestRunProblems(ended({ shardGaps: [gap], unfinished: [{ file: 'b.test.ts', started: false }, { file: 'c.test.ts', started: true }] }))
    expect(end.problems).toEqual([{ kind: 'files-unfinished', runner: 'Vitest', files: ['c.test.ts'] }, { kind: 'shard-incomplete', ...gap }])
    // Without a cut, a queued file that never finished still fails the run as unfinished.
    expect(vitestRunProblems(ended({ shardGaps: [{ ...gap, cause: 'error' }], unfinished: [{ file: 'b.test.ts', started: false }] })).problems[0]).toMatchObject({ kind: 'files-unfinished', files: ['b.test.ts'] })
  })

  test('#3: an error in a merge with a shard that left files out is not said to come after every file ran', () => {
    const end = vitestRunProblems(ended({ shardGaps: [{ shard: '1/2', ran: 0, total: 2, cause: 'error' }], errors: ['an error without a message'] }))
    expect(end.problems).toContainEqual({ kind: 'runner-error', runner: 'Vitest', message: 'an error without a message', allRan: false })
  })

  test('probe 48 #1: test files a merge replays twice (two labels, stale blobs) fail it, which writes nothing', () => {
    const end = vitestRunProblems(ended({ mergedTwice: ['t/f1.test.ts', 't/f2.test.ts'] }))
    expect(end).toEqual({ report: true, problems: [{ kind: 'merged-twice', files: ['t/f1.test.ts', 't/f2.test.ts'] }], interrupted: true })
    expect(runProblemText(end.problems[0]!)).toMatch(/^the merged blobs hold 2 test files \(t\/f1\.test\.ts, t\/f2\.test\.ts\) more than once \(blobs of several labels.*Merge each label's blobs apart/)
  })

  test('probe 49 #2: blobs that measured another commit than the one checked out fail the merge, which writes nothing', () => {
    const stale = { commits: ['aaaaaaaaaaaa'], head: 'bbbbbbbbbbbb', uncommitted: false, files: [] }
    const end = vitestRunProblems(ended({ stale }))
    expect(end).toEqual({ report: true, problems: [{ kind: 'merged-stale', ...stale }], interrupted: true })
    expect(runProblemText(end.problems[0]!)).toMatch(/^the merged blobs measured commit aaaaaaaaaaaa, and this checkout is at bbbbbbbbbbbb: what they measured is not the code checked out here.*Check out the commit the shards measured for the merge; if they measured this one, blobs of an earlier run stand in/)
  })

  test('probe 49 #2, same commit: blobs of other uncommitted changes, or of test files as they were before an edit, fail the merge', () => {
    const edited = vitestRunProblems(ended({ stale: { commits: [], uncommitted: false, files: ['t/b.test.ts'] } }))
    expect(edited.problems.map((p) => p.kind)).toEqual(['merged-stale'])
    expect(edited.interrupted).toBe(true)
    expect(runProblemText(edited.problems[0]!)).toMatch(/^the merged blobs measured the test file t\/b\.test\.ts as it was before an edit: what they measured is not the code checked out here, so the merge fails, no baseline was written or removed\. Either the code was edited after the shards ran \(run them again\), or blobs of an earlier run stand in for theirs .*empty the blob folder before the shards run/)
    const mixed = vitestRunProblems(ended({ stale: { commits: [], head: 'bbbbbbbbbbbb', uncommitted: true, files: ['a.test.ts', 'b.test.ts'] } }))
    expect(runProblemText(mixed.problems[0]!)).toMatch(/^the merged blobs measured commit bbbbbbbbbbbb with different uncommitted changes, and 2 test files \(a\.test\.ts, b\.test\.ts\) as they were before an edit: what they measured/)
  })

  test('#2: shards whose blob the merge folder lacks fail the merge, which writes nothing', () => {
    const end = vitestRunProblems(ended({ missingShards: { shards: ['1/2'], folder: '.vitest-reports' } }))
    expect(end).toEqual({ report: true, problems: [{ kind: 'shard-missing', shards: ['1/2'], folder: '.vitest-reports' }], interrupted: true })
    expect(runProblemText(end.problems[0]!)).toMatch(/^the merge's folder \.vitest-reports holds blobs of a sharded run, but not shard 1\/2's \(a shard stopped by a signal.*the merge fails, no baseline was written or removed/)
    expect(vitestRunProblems(ended({ none: true, scheduled: 0, reported: 0, started: 0, missingShards: { shards: ['1/2', '2/2'], folder: 'x' } })).problems.map((p) => p.kind)).toEqual(['shard-missing'])
  })
})

describe('blobRunGap', () => {
  const run = (facts: Partial<BlobRunFacts> = {}): BlobRunFacts => ({ shard: '2/3', scheduled: 2, reported: 2, started: 2, cancelled: 0, reason: 'passed', bail: false, ...facts })

  test('a blob run that ran every file, failing or not, left nothing out', () => {
    expect(blobRunGap(run())).toBeUndefined()
    expect(blobRunGap(run({ reason: 'failed' }))).toBeUndefined()
    // A bail at the shard's last test: everything ran.
    expect(blobRunGap(run({ reason: 'interrupted', bail: true }))).toBeUndefined()
    // A shard with no file of its own.
    expect(blobRunGap(run({ scheduled: 0, reported: 0, started: 0 }))).toBeUndefined()
  })

  test('probe 39 #2, probe 46 #1: a bail or a cancel that left files or tests out, and an error before any file ran, are gaps', () => {
    expect(blobRunGap(run({ reason: 'interrupted', bail: true, started: 1, reported: 1 }))).toEqual({ shard: '2/3', ran: 1, total: 2, cause: 'bail' })
    expect(blobRunGap(run({ reason: 'interrupted', cancelled: 3 }))).toEqual({ shard: '2/3', ran: 2, total: 2, cause: 'cancel' })
    expect(blobRunGap(run({ reported: 0, started: 0 }))).toEqual({ shard: '2/3', ran: 0, total: 2, cause: 'error' })
    expect(blobRunGap(run({ shard: undefined, reported: 0, started: 0 }))).toEqual({ ran: 0, total: 2, cause: 'error' })
  })
})

describe('readShardGaps', () => {
  test("takes perfspec's marks out of a merge's errors; anything else, or a mark that does not read, stays an error", () => {
    const mark = { name: 'PerfspecBlobRunIncomplete', message: 'm', perfspecShardGap: { shard: '1/2', ran: 0, total: 1, cause: 'error' } }
    const other = { name: 'Error', message: 'boom' }
    const bad = { name: 'PerfspecBlobRunIncomplete', message: 'm', perfspecShardGap: { ran: '0', total: 1, cause: 'error' } }
    expect(readShardGaps([other, mark, bad, null])).toEqual({ gaps: [{ shard: '1/2', ran: 0, total: 1, cause: 'error' }], others: [other, bad, null] })
  })
})
