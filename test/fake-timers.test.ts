import { afterEach, expect, test, vi } from 'vitest'
import { bench } from '../src/bench'

afterEach(() => {
  vi.useRealTimers()
})

// Fake timers replace the globals; perfspec's timers and clock come from Node's modules.
test('a bench under fake timers, the clock faked too, still measures and returns', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'setInterval', 'performance', 'Date'] })
  const r = await bench('under fake timers', () => [1, 2, 3].reduce((a, b) => a + b), { time: '30ms', warmup: '5ms' })
  expect(r.samples).toBeGreaterThan(0)
  expect(r.latency.p50).toBeGreaterThan(0)
}, 10_000)
