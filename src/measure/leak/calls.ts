/** Calls the function under test `count` times in a row; resolves when the last call settles. */
export type CallRunner = (count: number) => void | Promise<void>

/** Whether a value is a promise or promise-like (has a callable `then`). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
}

/**
 * Builds the loop that calls `fn` during a leak check. The first call is made here to learn
 * whether `fn` is async (its result is awaited); a sync `fn` runs in a plain loop so that the
 * loop allocates nothing that could be mistaken for the function's own retention.
 * Only the latest result is referenced, and only until the next call replaces it.
 */
export async function prepareCalls(fn: () => unknown): Promise<CallRunner> {
  const first = fn()
  if (isThenable(first)) {
    await first
    return async (count) => {
      for (let i = 0; i < count; i++) await fn()
    }
  }
  return (count) => {
    for (let i = 0; i < count; i++) fn()
  }
}
