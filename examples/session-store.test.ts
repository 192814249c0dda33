import { test } from 'vitest'
import { bench, expectLatency, expectNoLeak } from 'perfspec'
import { SessionStore } from './session-store'

const store = new SessionStore()

test('opening and closing sessions does not leak', async () => {
  // Heap retained after full GCs must not grow with the number of calls.
  await expectNoLeak(() => store.close(store.open('ada').id), { name: 'open+close session' })
})

test('opening a session is fast and allocates little', async () => {
  const r = await bench('open+close session', () => store.close(store.open('grace').id), { heap: true })
  expectLatency(r).p99.toBeLessThan('1ms')
})
