import { describe, expect, test } from 'vitest'
import { staleMerge, type MeasuredCode } from '../src/run/merged-code.js'

const measured = (over: Partial<MeasuredCode> = {}): MeasuredCode => ({ commits: new Set(['c1']), changes: new Set(['']), sources: new Map([['t/a.test.ts', 'da'], ['t/b.test.ts', 'db']]), ...over })
const onDisk = (files: Record<string, string>) => (file: string) => files[file]

describe('staleMerge: whether a merge\'s blobs measured the code checked out here', () => {
  test('one commit, one set of changes, every file as measured: nothing to say', () => {
    expect(staleMerge(measured(), 'c1', onDisk({ 't/a.test.ts': 'da', 't/b.test.ts': 'db' }))).toBeUndefined()
  })

  test('another commit than the one checked out', () => {
    expect(staleMerge(measured({ commits: new Set(['c0', 'c1']) }), 'c1', onDisk({}))).toEqual({ commits: ['c0'], head: 'c1', uncommitted: false, files: [] })
  })

  test('one commit with two sets of uncommitted changes among the blobs (an earlier run\'s blob of an edited working tree)', () => {
    expect(staleMerge(measured({ changes: new Set(['', '0123456789ab']) }), 'c1', onDisk({}))).toEqual({ commits: [], head: 'c1', uncommitted: true, files: [] })
  })

  test('a test file whose text changed since its blob was written; outside git too', () => {
    expect(staleMerge(measured({ commits: new Set(), changes: new Set() }), undefined, onDisk({ 't/a.test.ts': 'da', 't/b.test.ts': 'dB' }))).toEqual({ commits: [], uncommitted: false, files: ['t/b.test.ts'] })
  })

  test('a file not there to compare (another checkout\'s path), and commits outside git, say nothing', () => {
    expect(staleMerge(measured({ commits: new Set(['c0']) }), undefined, onDisk({}))).toBeUndefined()
  })
})
