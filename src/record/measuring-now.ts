/**
 * Which benchmarks of this process are measuring at this moment. Tests that run concurrently
 * (`test.concurrent`) measure at the same time and compete for the CPU, which the result must
 * say; one count per process, shared by every copy of perfspec loaded in it.
 */

interface Measuring {
  overlapped: boolean
}

const KEY = Symbol.for('perfspec.measuringNow')
const active: Set<Measuring> = ((globalThis as Record<symbol, Set<Measuring> | undefined>)[KEY] ??= new Set())

/** The warning a result carries when another benchmark measured in the same process meanwhile. */
export const CONCURRENT_WARNING =
  'another benchmark measured in this process at the same time (concurrent tests): the two competed for the CPU, and tracking which test each await belongs to slows async code, so both read slower than alone; run benchmarks in sequential tests'

/** Marks a benchmark as measuring until `end()`; `overlapped()` tells whether another one measured meanwhile. */
export function startMeasuring(): { overlapped(): boolean; end(): void } {
  const me: Measuring = { overlapped: false }
  active.add(me)
  if (active.size > 1) for (const m of active) m.overlapped = true
  return { overlapped: () => me.overlapped, end: () => void active.delete(me) }
}
