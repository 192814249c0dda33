import { describe, expect, it } from 'vitest'
import { expectNoLeak } from '../src/assert/leak.js'
import { PerfAssertionError } from '../src/assert/assertion-error.js'

// Real heaps, so only cases with a wide margin: a leak of one object per call (~50 B per
// call, 10,000 calls) against code that retains nothing.
describe('expectNoLeak on the real heap', () => {
  it('catches one object kept per call and names its constructor', async () => {
    class Session {
      constructor(readonly id: number, readonly user: string) {}
    }
    const sessions: Session[] = []
    let n = 0
    const error = await expectNoLeak(() => sessions.push(new Session(n++, 'u')), { name: 'open session' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PerfAssertionError)
    const message = (error as Error).message
    expect(message).toMatch(/"open session" leaks: the heap kept \d+ B per call/)
    expect(message).toMatch(/checkpoints \(calls: retained heap\)/)
    expect(message).toMatch(/grew with the calls: Session \(\+1\.0 per call/)
    // The snapshots that named Session also confirmed the leak, in place of a second run.
    expect(message).toMatch(/rising at \d+ of 10 checkpoints; heap snapshots then saw objects pile up/)
  }, 60_000)

  it('without suspects, confirms with a second run and says so', async () => {
    const kept: object[] = []
    const error = await expectNoLeak(() => kept.push({ a: 1 }), { suspects: false }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/checkpoints, in both runs\)/)
    expect((error as Error).message).toContain('heap snapshots skipped')
  }, 60_000)

  it('passes a JSON round trip', async () => {
    const doc = { id: 1, tags: ['a', 'b'], nested: { ok: true } }
    const result = await expectNoLeak(() => JSON.parse(JSON.stringify(doc)))
    expect(result.leaked).toBe(false)
    expect(result.checkpoints.length).toBe(11)
  }, 60_000)

  it('passes an async function that keeps nothing', async () => {
    const result = await expectNoLeak(async () => {
      await Promise.resolve()
      return [1, 2, 3]
    })
    expect(result.leaked).toBe(false)
  }, 60_000)

  it('with cleanup, passes a cache that cleanup empties and catches one it does not', async () => {
    const cache = new Map<number, object>()
    let n = 0
    const fill = () => cache.set(n++, { n })
    await expect(expectNoLeak(fill, { cleanup: () => cache.clear(), suspects: false })).resolves.toMatchObject({ leaked: false })
    await expect(expectNoLeak(fill, { cleanup: () => {}, suspects: false })).rejects.toThrow(PerfAssertionError)
  }, 60_000)
})
