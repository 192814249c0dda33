import { describe, expect, test } from 'vitest'
import { poolWorkersEnded } from '../src/vitest/pool-workers-ended.js'

// Before the fresh processes block the event loop, the Vitest reporter waits for the pool's
// workers to be seen ending (else Vitest's teardown timer fires first and says a worker did not
// end). A fake clock and fake resources: deterministic.
describe('poolWorkersEnded', () => {
  const fake = (lists: string[][]) => {
    let clock = 0
    let reads = 0
    return {
      resources: () => lists[Math.min(reads++, lists.length - 1)]!,
      sleep: async (ms: number) => void (clock += ms),
      now: () => clock,
      reads: () => reads,
      clock: () => clock,
    }
  }

  test('waits while a forked worker or a worker thread port is active, no longer', async () => {
    const f = fake([['PipeWrap', 'ProcessWrap'], ['PipeWrap', 'MessagePort'], ['PipeWrap', 'TTYWrap']])
    await poolWorkersEnded(2000, f.resources, f.sleep, f.now)
    expect(f.reads()).toBe(3)
    expect(f.clock()).toBe(20)
  })

  test('nothing to wait for: returns at once', async () => {
    const f = fake([['PipeWrap', 'Timeout']])
    await poolWorkersEnded(2000, f.resources, f.sleep, f.now)
    expect(f.clock()).toBe(0)
  })

  test('a worker that never ends: gives up after the longest wait', async () => {
    const f = fake([['ProcessWrap']])
    await poolWorkersEnded(100, f.resources, f.sleep, f.now)
    expect(f.clock()).toBe(100)
  })
})
