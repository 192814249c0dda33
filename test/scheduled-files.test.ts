import { expect, test } from 'vitest'
import type { Vitest } from 'vitest/node'
import { BaseSequencer } from 'vitest/node'
import { scheduledFiles } from '../src/vitest/scheduled-files.js'

// A shard's run starts with every test file; its pool keeps its share, as the run's sequencer decides.
const specs = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ moduleId: `/root/${name}.test.ts` }))
const vitest = (shard?: { index: number; count: number }, sequencer: unknown = BaseSequencer, version = '4.1.12') => ({ version, config: { root: '/root', shard, sequence: { sequencer } } }) as unknown as Vitest

test("a Vitest 4 shard is to run its share of the files, as Vitest's sequencer cuts them; a run that is not sharded, all of them", async () => {
  expect(await scheduledFiles(vitest(), specs)).toBe(5)
  const shares = await Promise.all([1, 2].map((index) => scheduledFiles(vitest({ index, count: 2 }), specs)))
  expect(shares.reduce((a, b) => a + b)).toBe(5)
  expect(shares.every((n) => n === 2 || n === 3)).toBe(true)
  expect(await scheduledFiles(undefined, specs)).toBe(5)
})

test("a user's sequencer decides the share; one that throws leaves the count at every file (Vitest stops at that error)", async () => {
  class FirstOnly {
    shard(files: unknown[]) {
      return files.slice(0, 1)
    }
  }
  class Throws {
    shard(): unknown[] {
      throw new Error('no')
    }
  }
  expect(await scheduledFiles(vitest({ index: 1, count: 3 }, FirstOnly), specs)).toBe(1)
  expect(await scheduledFiles(vitest({ index: 1, count: 3 }, Throws), specs)).toBe(5)
})

test('probe 47 #3: Vitest 5 starts a shard with its own share, which is not cut again', async () => {
  expect(await scheduledFiles(vitest({ index: 1, count: 2 }, BaseSequencer, '5.1.2'), specs)).toBe(5)
  expect(await scheduledFiles(vitest({ index: 1, count: 2 }, BaseSequencer, '4.1.12'), specs)).toBeLessThan(5)
})
