import { describe, expect, test } from 'vitest'
import { staleMerge, type MeasuredCode } from '../src/run/merged-code.js'

const measured = (over: Partial<MeasuredCode> = {}): MeasuredCode => ({ commits: new Set(['c1']), changes: [{}, {}], sources: new Map([['t/a.test.ts', 'da'], ['t/b.test.ts', 'db']]), ...over })
const onDisk = (files: Record<string, string>) => (file: string) => files[file]

describe('staleMerge: whether a merge\'s blobs measured the code checked out here', () => {
  test('one commit, the same changes, every file as measured: nothing to say', () => {
    expect(staleMerge(measured({ changes: [{ 'src/lib.ts': 'e1' }, { 'src/lib.ts': 'e1' }] }), 'c1', onDisk({ 't/a.test.ts': 'da', 't/b.test.ts': 'db' }))).toBeUndefined()
  })

  test('another commit than the one checked out', () => {
    expect(staleMerge(measured({ commits: new Set(['c0', 'c1']) }), 'c1', onDisk({}))).toEqual({ commits: ['c0'], head: 'c1', uncommitted: false, files: [] })
  })

  test('a path changed in one blob and not in another, or changed otherwise (an earlier run\'s blob of another working tree)', () => {
    const stale = { commits: [], head: 'c1', uncommitted: true, files: [] }
    expect(staleMerge(measured({ changes: [{}, { 'src/lib.ts': 'e1' }] }), 'c1', onDisk({}))).toEqual(stale)
    expect(staleMerge(measured({ changes: [{ 'src/lib.ts': 'e2' }, { 'src/lib.ts': 'e1' }] }), 'c1', onDisk({}))).toEqual(stale)
  })

  test('what the shards write themselves is not compared among the blobs: test files (inline snapshots) and snapshot files', () => {
    const written = measured({ changes: [{ 't/a.test.ts': 'inline', 't/__snapshots__/a.test.ts.snap': 's1' }, { 't/a.test.ts': 'inline', 't/b.test.ts': 'inline', 't/__snapshots__/a.test.ts.snap': 's1', 'other/b.snap': 's2' }] })
    expect(staleMerge(written, 'c1', onDisk({ 't/a.test.ts': 'da', 't/b.test.ts': 'db' }))).toBeUndefined()
  })

  test('a test file whose text changed since its blob\'s run ended; outside git too', () => {
    expect(staleMerge(measured({ commits: new Set(), changes: [] }), undefined, onDisk({ 't/a.test.ts': 'da', 't/b.test.ts': 'dB' }))).toEqual({ commits: [], uncommitted: false, files: ['t/b.test.ts'] })
  })

  test('a file not there to compare (another checkout\'s path), and commits outside git, say nothing', () => {
    expect(staleMerge(measured({ commits: new Set(['c0']) }), undefined, onDisk({}))).toBeUndefined()
  })
})
