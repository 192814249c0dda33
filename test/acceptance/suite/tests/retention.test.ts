/**
 * `expectCollected` and `expectInstances` under each runner: under Jest the test file runs in a
 * `vm` context of its own (its own `WeakRef`, classes `v8.queryObjects` cannot see: the inspector
 * counts them), under Vitest
 * inside a block of a wrapper function (module variables the heap snapshot leaves unnamed). The
 * failing checks run in tests expected to fail (Vitest `test.fails`, Jest `test.failing`): their
 * messages are checked here, then the test fails as it must, and their entries are XFAIL (failed
 * as expected) in the report, which `run-matrix.mjs` checks; the run passes.
 */
import { EventEmitter } from 'node:events'
import { collectable, expectCollected, expectInstances, PerfAssertionError } from 'perfspec'

declare function describe(name: string, fn: () => void): void
type Body = (name: string, fn: () => Promise<void>) => void
declare const test: Body & { fails?: Body; failing?: Body }
// Vitest names it `test.fails`, Jest (28.1+) `test.failing`.
const expectedToFail = (test.fails ?? test.failing)!
const THE_EXPECTED_FAILURE = 'the checks above failed, as this test expects'
declare function expect(actual: unknown): { toBe(expected: unknown): void; toMatch(pattern: RegExp): void }

class Session {
  closed = false
  close(): void {
    this.closed = true
  }
}

const cache = new Map<string, Session>()
const bus = new EventEmitter()
const LIMIT = 1

async function rejection(check: Promise<unknown>): Promise<string> {
  try {
    await check
  } catch (error) {
    expect(error instanceof PerfAssertionError).toBe(true)
    return (error as Error).message
  }
  throw new Error('expected the check to fail')
}

describe('retention', () => {
  test('released objects are collected', async () => {
    await expectCollected(() => new Session())
    let session: Session | undefined = new Session()
    const handle = collectable(session)
    await Promise.resolve()
    session = undefined
    await expectCollected(handle)
  })

  expectedToFail('a cached object and a listener are caught, naming what holds them', async () => {
    const cached = await rejection(expectCollected(() => {
      const session = new Session()
      cache.set('k', session)
      return session
    }, { name: 'cached session' }))
    expect(cached).toMatch(/held by: \(module\) cache: Map → entry: Session/)
    const listened = await rejection(expectCollected(() => {
      const session = new Session()
      bus.on('close', function onClose() {
        session.close()
      })
      return session
    }, { name: 'listening session' }))
    expect(listened).toMatch(/held by: \(module\) bus: EventEmitter → _events: Object → close: onClose\(\) → session: Session/)
    cache.clear()
    bus.removeAllListeners()
    throw new Error(THE_EXPECTED_FAILURE)
  })

  test('instances let go are not counted', async () => {
    await expectInstances(() => new Session().close(), { iterations: 50, of: Session }).toBeAtMost(0)
  })

  expectedToFail('live instances are counted', async () => {
    const kept: Session[] = []
    const message = await rejection(expectInstances(() => kept.push(new Session()), { iterations: 20, of: Session, name: 'kept sessions' }).toBeAtMost(LIMIT))
    expect(message).toMatch(/^20 Session instances alive after 20 calls of "kept sessions", expected at most 1 \(19 too many; counted by (v8\.queryObjects|inspector queryObjects) after full GCs\)\n {2}all held like this: .*kept: Array → \[\d+\]: Session/)
    throw new Error(THE_EXPECTED_FAILURE)
  })
})
