/**
 * Vitest fixtures (`test.extend`): Vitest reads the first parameter of every hook that runs for a
 * test with fixtures, perfspec's setup file's included, and refuses a plain `(context)`. With the
 * plugin installed such tests must run, and their benchmarks land under their tests. (Jest has no
 * `test.extend`: this folder is Vitest's only.)
 */
import { test as base, describe, expect } from 'vitest'
import { bench } from 'perfspec'

const test = base.extend<{ size: number; payload: string }>({
  size: async ({ task }, use) => {
    await use(task.name.length)
  },
  payload: async ({ size }, use) => {
    await use('x'.repeat(size))
  },
})

describe('fixtures', () => {
  test('with fixture', async ({ payload, size }) => {
    expect(payload).toHaveLength(size)
    await bench('stringify fixture', () => JSON.stringify({ payload }), { time: '40ms', baseline: false })
  })
})
