import { expect, test } from 'vitest'
import { renderMarkdown } from '../src/report/markdown.js'
import { testLocation } from '../src/report/row-name.js'
import { syntheticRun } from './support/synthetic-run.js'

test("probe 33 #7: a Vitest project with a root of its own shows its files from the run's root: two files of one name are two sections", () => {
  const run = syntheticRun([
    { file: 'test/b.test.ts', test: 't', name: 'b', median: 0.01, baseline: 0.01 },
    { file: 'test/b.test.ts', test: 'u', name: 'c', median: 0.01, baseline: 0.01 },
  ])
  const sub = run.rows.find((r) => r.bench.name === 'c')!.test
  sub.path = 'sub/test/b.test.ts'
  const md = renderMarkdown(run)
  expect(md).toMatch(/^## test\/b\.test\.ts$/m)
  expect(md).toMatch(/^## sub\/test\/b\.test\.ts$/m)
  expect(testLocation(sub)).toBe(`sub/test/b.test.ts:${sub.line}`)
})
