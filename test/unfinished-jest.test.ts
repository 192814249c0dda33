import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { expectLatency } from '../src/index'
import { getTestContext, setTestAdapter, setTestContextResolver } from '../src/record/context'
import { UnfinishedExpectationError } from '../src/record/unfinished'
import { fixedResult } from './support/fixed-result'

// perfspec's Jest setup file fails a test that ends with a matcher chain left unfinished. Here it
// runs under stand-ins for Jest's globals and jest-circus's state, whose hooks the test calls as
// jest-circus would (the real runners are in the acceptance matrix).

type Hook = () => void
const hooks: Record<'beforeAll' | 'beforeEach' | 'afterEach' | 'afterAll', Hook[]> = { beforeAll: [], beforeEach: [], afterEach: [], afterAll: [] }
interface FakeTest {
  name: string
  type: 'test'
  parent: { name: string; type: string }
  errors: unknown[]
  invocations: number
  concurrent?: boolean
  failing?: boolean
}
const state: { currentlyRunningTest: FakeTest | null } = { currentlyRunningTest: null }
const STATE = Symbol('JEST_STATE_SYMBOL')
const realm = globalThis as Record<string | symbol, unknown>

beforeAll(async () => {
  for (const name of Object.keys(hooks) as Array<keyof typeof hooks>) realm[name] = (fn: Hook) => hooks[name].push(fn)
  realm.expect = { getState: () => ({ testPath: '/project/chains.test.ts', currentTestName: state.currentlyRunningTest?.name }) }
  realm[STATE] = state
  delete process.env.PERFSPEC_JEST_DIR
  await import('../src/jest/setup')
})
afterAll(() => {
  for (const name of [...Object.keys(hooks), 'expect', STATE]) delete realm[name]
  setTestAdapter(undefined)
  setTestContextResolver(undefined)
})
beforeEach(() => {
  state.currentlyRunningTest = null
})

function startTest(name: string, extra: Partial<FakeTest> = {}): FakeTest {
  const t: FakeTest = { name, type: 'test', parent: { name: 'ROOT_DESCRIBE_BLOCK', type: 'describeBlock' }, errors: [], invocations: 1, ...extra }
  state.currentlyRunningTest = t
  return t
}

/** Runs the setup file's afterEach hooks as jest-circus does at a test's end; what they threw. */
function endTest(): unknown {
  try {
    for (const fn of hooks.afterEach) fn()
    return undefined
  } catch (error) {
    return error
  }
}

const r = fixedResult(0.05)

describe('the Jest setup file', () => {
  test('fails a test that left a chain unfinished, naming it and its line', () => {
    startTest('left unfinished')
    expect(getTestContext()?.titlePath).toEqual(['left unfinished'])
    expectLatency(r).p95
    const error = endTest()
    expect(error).toBeInstanceOf(UnfinishedExpectationError)
    expect((error as Error).message).toMatch(/expectLatency\(…\)\.p95 at .*unfinished-jest\.test\.ts:\d+:\d+: go on with \.toBeLessThan\(…\)/)
  })

  test('passes a test whose chains are finished', () => {
    startTest('finished')
    expectLatency(r).p95.toBeLessThan('1s')
    expect(endTest()).toBeUndefined()
  })

  test('adds nothing to a test that failed already, or that is expected to fail', () => {
    const failed = startTest('failed')
    expectLatency(r).p95
    failed.errors.push(new Error('its own failure'))
    expect(endTest()).toBeUndefined()
    startTest('failing', { failing: true })
    expectLatency(r).p95
    expect(endTest()).toBeUndefined()
  })

  test('a concurrent test no afterEach ran for (Jest 30.5) fails its file at the end', () => {
    startTest('concurrent', { concurrent: true })
    expectLatency(r).mean
    state.currentlyRunningTest = null
    expect(() => hooks.afterAll.forEach((fn) => fn())).toThrow(/expectLatency\(…\)\.mean at /)
  })
})
