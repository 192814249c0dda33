/**
 * A test that installs fake timers still gets its benchmark measured: perfspec takes its timers
 * and its clock from Node's modules, not from the globals that fake timers replace.
 */
import { bench } from 'perfspec'

declare function describe(name: string, fn: () => void): void
declare function test(name: string, fn: () => Promise<void>): void
declare function expect(actual: unknown): { toBeGreaterThan(n: number): void }
declare const vi: { useFakeTimers(): void; useRealTimers(): void } | undefined
declare const jest: { useFakeTimers(): void; useRealTimers(): void } | undefined

const timers = typeof vi !== 'undefined' ? vi : jest!

describe('fake timers', () => {
  test('installed', async () => {
    timers.useFakeTimers()
    try {
      const r = await bench('sum under fake timers', () => [1, 2, 3].reduce((a, b) => a + b), { time: '40ms', baseline: false })
      expect(r.samples).toBeGreaterThan(0)
    } finally {
      timers.useRealTimers()
    }
  })
})
