import { describe, expect, test } from 'vitest'
import { obsoleteEntries } from '../src/compare/obsolete-entries'
import type { TestOutline } from '../src/model/run-report'

// A file run by two projects, each giving its ids a project part (`[pa]`).
const ids = ['a.test.ts > [pa] > t > x', 'a.test.ts > [pb] > t > x', 'a.test.ts > [old] > t > x']
const ranIn = (...projects: string[]): TestOutline[] => projects.map((p) => ({ file: 'a.test.ts', titlePath: [`[${p}]`, 't'], state: 'passed' }))
const recorded = (...projects: string[]) => new Set(projects.map((p) => `a.test.ts > [${p}] > t > x`))

describe('entries of projects that ran no test of the file', () => {
  test('when every project ran: obsolete (the project was renamed or removed, or the file is gone from it)', () => {
    expect(obsoleteEntries(ids, recorded('pa', 'pb'), ranIn('pa', 'pb'), true)).toEqual(['a.test.ts > [old] > t > x'])
    // pb no longer has the file, pa does.
    expect(obsoleteEntries(ids, recorded('pa'), ranIn('pa'), true)).toEqual(['a.test.ts > [pb] > t > x', 'a.test.ts > [old] > t > x'])
  })

  test('when the run selected some projects (--project, --selectProjects): kept, not this run\'s to judge', () => {
    expect(obsoleteEntries(ids, recorded('pa'), ranIn('pa'), false)).toEqual([])
    expect(obsoleteEntries(ids, recorded('pa'), ranIn('pa'))).toEqual([])
  })

  test("a project's test that failed or was skipped keeps its entries either way", () => {
    const failed: TestOutline[] = [...ranIn('pa'), { file: 'a.test.ts', titlePath: ['[pb]', 't'], state: 'failed' }]
    expect(obsoleteEntries(ids.slice(0, 2), recorded('pa'), failed, true)).toEqual([])
  })
})
