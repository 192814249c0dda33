import type { RunCalls } from './heap.js'

/**
 * Calls `fn` `calls` times. Every function measured for its heap is called from here, so this
 * call site is megamorphic (see {@link makeMegamorphic}) and the engine never inlines a function
 * into it: each runs its own compiled code. A function inlined into a loop of its own may have
 * allocations removed by escape analysis, or not, depending on that loop's compilation; the same
 * function measured from two fresh loops can then read different allocations, steadily within
 * each, which would decide a comparison of it with itself.
 */
function callMany(fn: () => unknown, calls: number): unknown {
  let result: unknown
  for (let i = 0; i < calls; i++) result = fn()
  return result
}

async function callManyAsync(fn: () => unknown, calls: number): Promise<unknown> {
  let result: unknown
  for (let i = 0; i < calls; i++) result = await fn()
  return result
}

let megamorphic = false

/** Calls the loops with more distinct functions than the engine tracks at one call site (4), once per process. */
function makeMegamorphic(): void {
  if (megamorphic) return
  megamorphic = true
  const distinct = [() => 1, () => '2', () => [3], () => ({ four: 4 }), () => null, () => undefined, () => true]
  for (let round = 0; round < 3; round++) {
    for (const f of distinct) {
      callMany(f, 2)
      void callManyAsync(f, 2)
    }
  }
}

/** A {@link RunCalls} that calls `fn` from the one shared, never-inlining call site (awaiting each call when `isAsync`). */
export function throughSharedSite(fn: () => unknown, isAsync: boolean): RunCalls {
  makeMegamorphic()
  return isAsync ? (calls) => callManyAsync(fn, calls) : (calls) => callMany(fn, calls)
}
