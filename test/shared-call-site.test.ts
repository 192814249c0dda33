import { expect, test } from 'vitest'
import { throughSharedSite } from '../src/measure/shared-call-site'

test('calls the function n times and hands back its last result; awaits each call of an async one', async () => {
  let calls = 0
  expect(throughSharedSite(() => ++calls, false)(5)).toBe(5)
  expect(calls).toBe(5)
  let inFlight = 0
  let most = 0
  const run = throughSharedSite(async () => {
    most = Math.max(most, ++inFlight)
    await Promise.resolve()
    inFlight--
    return 'done'
  }, true)
  await expect(run(4)).resolves.toBe('done')
  expect(most).toBe(1)
  expect(throughSharedSite(() => 1, false)(0)).toBeUndefined()
})
