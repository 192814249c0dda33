import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, expect, test } from 'vitest'
import { expectedBenchmarks, MIN_EXPECTED_BENCHMARKS } from '../src/ab/expected-benchmarks'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-expected-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test("the previous run's benchmarks, at least the floor; a missing or odd file is no error", () => {
  const file = join(dir, 'results.json')
  expect(expectedBenchmarks(file)).toBe(MIN_EXPECTED_BENCHMARKS)
  writeFileSync(file, JSON.stringify({ comparisons: Array.from({ length: 25 }, (_, i) => ({ id: String(i) })) }))
  expect(expectedBenchmarks(file)).toBe(25)
  writeFileSync(file, JSON.stringify({ comparisons: [{}, {}] }))
  expect(expectedBenchmarks(file)).toBe(MIN_EXPECTED_BENCHMARKS)
  writeFileSync(file, '{ truncated')
  expect(expectedBenchmarks(file)).toBe(MIN_EXPECTED_BENCHMARKS)
})
