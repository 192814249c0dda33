import { performance } from 'node:perf_hooks'
import { nextMacrotask } from '../clock.js'
import { getGC } from '../gc.js'

/**
 * Whether a `WeakRef`'s target has been collected. A function of its own, and not async: the
 * target that `deref()` returns must never sit in a suspended async frame, which would keep it.
 */
export function isCollected(ref: WeakRef<object>): boolean {
  return ref.deref() === undefined
}

/** What waiting for an object to be collected saw. */
export interface CollectionOutcome {
  collected: boolean
  /** Full garbage collections run. */
  gcs: number
  /** Time spent, ms. */
  elapsed: number
}

/**
 * Runs up to `rounds` full garbage collections, each after a macrotask (so that what the current
 * task holds, a `WeakRef`'s target among it, is let go), and stops at the first after which
 * `ref`'s target is gone.
 */
export async function awaitCollection(ref: WeakRef<object>, rounds: number): Promise<CollectionOutcome> {
  const gc = getGC()
  const start = performance.now()
  for (let gcs = 1; gcs <= rounds; gcs++) {
    await nextMacrotask()
    gc()
    if (isCollected(ref)) return { collected: true, gcs, elapsed: performance.now() - start }
  }
  return { collected: false, gcs: rounds, elapsed: performance.now() - start }
}
