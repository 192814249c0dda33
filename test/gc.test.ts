import { expect, it } from 'vitest'
import { collectFully, forceGC, getGC } from '../src/measure/gc.js'

it('gets a working full GC without --expose-gc, and keeps it', () => {
  expect(typeof getGC()).toBe('function')
  expect(getGC()).toBe(getGC())
  expect(() => forceGC()).not.toThrow()
})

it('collectFully frees WeakRef targets and runs finalizers', async () => {
  let finalized = false
  const registry = new FinalizationRegistry(() => {
    finalized = true
  })
  const ref = (() => {
    const target = { payload: new Array(1000).fill(1) }
    registry.register(target, 'x')
    return new WeakRef(target)
  })()
  await collectFully()
  await collectFully()
  expect(ref.deref()).toBeUndefined()
  expect(finalized).toBe(true)
})
