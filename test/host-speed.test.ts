import { describe, expect, test } from 'vitest'
import { createHostSpeedProbe } from '../src/measure/host-speed.js'

describe('the host-speed probe', () => {
  test('reads a positive time per element and keeps the lowest of its own readings', () => {
    const probe = createHostSpeedProbe()
    expect(probe.best).toBe(Number.POSITIVE_INFINITY)
    const a = probe.read(2)
    const b = probe.read(2)
    expect(a).toBeGreaterThan(0)
    expect(probe.best).toBe(Math.min(a, b))
  })
})
