import { describe, expect, test } from 'vitest'
import { bench, expectLatency } from 'perfspec'
import { findUser, findUserSlow } from './async-lookup'

describe('user lookup', () => {
  test('cached lookups resolve within microseconds', async () => {
    expect(await findUser('user-10')).toEqual({ name: 'User 10', roles: ['admin'] })
    // Async functions are awaited: each call is timed until its promise settles.
    const r = await bench('findUser', () => findUser('user-123'))
    expectLatency(r).p95.toBeLessThan('50us')
  })

  test('lookups through the event loop stay under a few ms', async () => {
    const r = await bench('findUserSlow', () => findUserSlow('user-7'), { time: '200ms' })
    // A 1 ms timer takes about 1 ms or a little more: the limits leave room for a busy machine.
    expectLatency(r).p50.toBeLessThan('10ms')
    expectLatency(r).min.toBeLessThan('5ms')
  })
})
