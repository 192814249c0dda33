import type { Clock } from './clock.js'

/** Runs `fn` `count` times back to back; resolves to the elapsed clock time in ms. */
export type BatchRunner = (count: number) => number | Promise<number>

let generation = 0

/**
 * Compiles a timing loop for one benchmark. Each benchmark gets a freshly compiled loop (the
 * source differs by a counter, so V8's compilation cache cannot share it) so that its call
 * site sees a single `fn` and V8 may inline it, as it would in the user's own hot loop;
 * a loop shared by all benchmarks would turn megamorphic and add a call's cost to each one.
 * The last result is written to `sink.value` so the loop body cannot be removed as dead code.
 */
export function compileBatch(
  fn: () => unknown,
  clock: Clock,
  isAsync: boolean,
  sink: { value: unknown },
): BatchRunner {
  generation += 1
  const body = isAsync
    ? `return async function perfspecBatch${generation}(count) {
        let result
        const start = clock.now()
        for (let i = 0; i < count; i++) result = await fn()
        const elapsed = clock.now() - start
        sink.value = result
        return elapsed
      }`
    : `return function perfspecBatch${generation}(count) {
        let result
        const start = clock.now()
        for (let i = 0; i < count; i++) result = fn()
        const elapsed = clock.now() - start
        sink.value = result
        return elapsed
      }`
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the TSDoc above
  return new Function('fn', 'clock', 'sink', body)(fn, clock, sink) as BatchRunner
}
