import { afterEach, describe, expect, test } from 'vitest'
import { currentTest } from '../src/jest/current-test'

// jest-circus keeps the running test in its state on the realm's global; the timeout it applies
// is the test's own (`test(name, fn, timeout)`) or else the file's (`testTimeout`, `jest.setTimeout`).
const STATE = Symbol('JEST_STATE_SYMBOL')
const realm = globalThis as Record<symbol, unknown>
afterEach(() => {
  delete realm[STATE]
})

function running(test: Record<string, unknown>, testTimeout = 5000) {
  const root = { name: 'ROOT_DESCRIBE_BLOCK', type: 'describeBlock', children: [] }
  realm[STATE] = { currentlyRunningTest: { name: 'adds', parent: root, errors: [], ...test }, rootDescribeBlock: root, testTimeout }
  return currentTest({ testPath: '/p/a.test.ts' })
}

describe("the Jest test's timeout, for the extra measurements' budget", () => {
  test("the file's timeout, or the test's own", () => {
    expect(running({})).toMatchObject({ titlePath: ['adds'], timeout: 5000 })
    expect(running({}, 60_000)?.timeout).toBe(60_000)
    expect(running({ timeout: 250 })?.timeout).toBe(250)
    expect(running({ timeout: 0 })?.timeout).toBe(5000)
  })

  test('a concurrent test says so: its body starts before its hooks', () => {
    expect(running({ concurrent: true })?.concurrent).toBe(true)
    expect(running({})).not.toHaveProperty('concurrent')
  })
})
