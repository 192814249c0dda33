import { describe, expect, it } from 'vitest'
import type { HeapProbe } from '../src/measure/leak/checkpoints.js'
import { checkForLeak, type LeakPlan } from '../src/measure/leak/leak-check.js'
import { checkNoLeak, CONCURRENT_LEAK_NOTE } from '../src/assert/leak.js'
import { PerfAssertionError } from '../src/assert/assertion-error.js'
import { setConcurrentTests, setTestContext, type TestContext } from '../src/record/context.js'

const plan: LeakPlan = {
  iterations: 1000,
  checkpoints: 11,
  warmupRounds: 2,
  readings: 3,
  confirm: true,
  rule: { perCall: 0, minRising: 0.9, maxGrowth: Number.POSITIVE_INFINITY },
}

/**
 * A fake world: `calls` counts the calls made, the heap is `heapOf(calls, reading number)`.
 * Deterministic, so each test states exactly what the heap does.
 */
function world(heapOf: (calls: number, reading: number) => number) {
  let calls = 0
  let readings = 0
  let collections = 0
  const probe: HeapProbe = {
    collect: async () => {
      collections += 1
    },
    read: () => heapOf(calls, readings++),
  }
  const runner = (n: number) => {
    calls += n
  }
  return { probe, runner, stats: () => ({ calls, readings, collections }) }
}

describe('checkForLeak (synthetic heap)', () => {
  it('confirms a steady leak with a second run', async () => {
    const w = world((calls) => 5e6 + 0.5 * calls)
    const outcome = await checkForLeak(w.runner, plan, w.probe)
    expect(outcome.leaked).toBe(true)
    expect(outcome.runs).toHaveLength(2)
    expect(outcome.runs[1]!.verdict.bytesPerCall).toBeCloseTo(0.5, 6)
    expect(outcome.iterations).toBe(1000)
  })

  it('takes heap snapshots that show objects piling up as the confirmation, without a second run', async () => {
    const w = world((calls) => 5e6 + 0.5 * calls)
    const asked: number[] = []
    const suspects = [{ name: 'Entry', perCall: 1, bytesPerCall: 48 }]
    const outcome = await checkForLeak(w.runner, plan, w.probe, async (calls) => {
      asked.push(calls)
      return { suspects }
    })
    expect(outcome.leaked).toBe(true)
    expect(outcome.runs).toHaveLength(1)
    expect(asked).toEqual([1000])
    expect(outcome.snapshots?.suspects).toEqual(suspects)
  })

  it('falls back to a second run when the snapshots name nothing or fail', async () => {
    for (const snapshots of [async () => ({ suspects: [] }), async () => Promise.reject(new Error('no snapshot'))]) {
      const w = world((calls) => 5e6 + 0.5 * calls)
      const outcome = await checkForLeak(w.runner, plan, w.probe, snapshots)
      expect(outcome.leaked).toBe(true)
      expect(outcome.runs).toHaveLength(2)
    }
  })

  it('keeps the least of each checkpoint’s readings, so a noisy reading does not count', async () => {
    // Every third reading is inflated by 50 KB: the minimum skips it.
    const w = world((calls, reading) => 5e6 + (reading % 3 === 1 ? 50_000 : 0))
    const outcome = await checkForLeak(w.runner, plan, w.probe)
    expect(outcome.leaked).toBe(false)
    expect(outcome.runs[0]!.verdict.growth).toBe(0)
  })

  it('collects twice before the first reading of each checkpoint', async () => {
    const w = world(() => 5e6)
    await checkForLeak(w.runner, { ...plan, confirm: false }, w.probe)
    const { readings, collections } = w.stats()
    expect(collections).toBe(readings + readings / 3)
  })

  it('does not report a leak that the confirmation run does not see', async () => {
    let run = 0
    const w = world((calls) => (calls <= 2 * 100 + 1000 && run === 0 ? 5e6 + calls : 5e6))
    const outcome = await checkForLeak(
      (n) => {
        w.runner(n)
      },
      plan,
      {
        collect: w.probe.collect,
        read: () => {
          const value = w.probe.read()
          if (w.stats().calls >= 2 * 100 + 1000) run = 1
          return value
        },
      },
    )
    expect(outcome.runs[0]!.verdict.leaked).toBe(true)
    expect(outcome.leaked).toBe(false)
  })

  it('passes oscillation, and passes a heap that jumps once', async () => {
    const swing = world((calls) => 5e6 + ((calls / 100) % 2 === 0 ? 13_000 : -13_000))
    expect((await checkForLeak(swing.runner, plan, swing.probe)).leaked).toBe(false)
    const jump = world((calls) => 5e6 + (calls > 1500 ? 400_000 : 0))
    expect((await checkForLeak(jump.runner, plan, jump.probe)).leaked).toBe(false)
  })
})

describe('checkNoLeak (report and record)', () => {
  it('rejects with bytes per call, growth and checkpoints, and records a FAIL entry', async () => {
    const context: TestContext = { file: 'test/x.test.ts', titlePath: ['leaks'], entries: [] }
    setTestContext(context)
    try {
      let heap = 5e6
      const probe: HeapProbe = { collect: async () => {}, read: () => heap }
      const error = await checkNoLeak(() => (heap += 64), { iterations: 1000, suspects: false }, probe).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PerfAssertionError)
      const message = (error as Error).message
      expect(message).toMatch(/leak check" leaks: the heap kept 64 B per call, 62\.5 KB over 1,000 calls/)
      expect(message).toMatch(/checkpoints \(calls: retained heap\): 0: .* 100: \+6\.25 KB/)
      const entry = context.entries[0]
      expect(entry).toMatchObject({ kind: 'leak', id: 'test/x.test.ts > leaks > leak check', status: 'FAIL', iterations: 1000 })
      expect(entry?.kind === 'leak' && entry.bytesPerCall).toBe(64)
    } finally {
      setTestContext(undefined)
    }
  })

  it('a leak found while other concurrent tests ran says that their allocations count too; alone, it does not', async () => {
    const leakyMessage = async (concurrent: number) => {
      setConcurrentTests(concurrent)
      let heap = 5e6
      const probe: HeapProbe = { collect: async () => {}, read: () => heap }
      return ((await checkNoLeak(() => (heap += 64), { iterations: 1000, suspects: false }, probe).catch((e: unknown) => e)) as Error).message
    }
    try {
      expect(await leakyMessage(2)).toContain(`\n  ${CONCURRENT_LEAK_NOTE}`)
      expect(await leakyMessage(1)).not.toContain(CONCURRENT_LEAK_NOTE)
    } finally {
      setConcurrentTests(0)
    }
  })

  it('resolves with the figures and records a PASS entry', async () => {
    const context: TestContext = { file: 'f', titlePath: ['t'], entries: [] }
    setTestContext(context)
    try {
      const probe: HeapProbe = { collect: async () => {}, read: () => 5e6 }
      const result = await checkNoLeak(function handler() {}, { iterations: 1000 }, probe)
      expect(result).toMatchObject({ name: 'handler', leaked: false, bytesPerCall: 0, growth: 0, suspects: [] })
      expect(result.checkpoints).toHaveLength(11)
      expect(context.entries[0]).toMatchObject({ kind: 'leak', status: 'PASS', name: 'handler' })
    } finally {
      setTestContext(undefined)
    }
  })

  it('names the check in the error when fn throws', async () => {
    const probe: HeapProbe = { collect: async () => {}, read: () => 5e6 }
    await expect(checkNoLeak(() => { throw new Error('boom') }, { name: 'h' }, probe)).rejects.toThrow('"h" threw during the leak check: boom')
  })
})
