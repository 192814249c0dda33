import { beginLink, finishLink } from '../record/unfinished.js'

/**
 * A promise that finishes its link of a chain (see `unfinished.ts`) when something awaits it or
 * calls its `then` (`catch` and `finally` call `then`). A subclass, because `await` on a plain
 * native promise reads no `then`: it takes the promise as it is. On any other, it calls `then`.
 */
class AwaitedCheck<T> extends Promise<T> {
  // What `then` returns is of this class too (Promise's species), never begun: finishing it does nothing.
  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    finishLink(this)
    return super.then(onFulfilled, onRejected)
  }
}

/**
 * `promise`, unfinished in the running test until something awaits it (or calls its `then`,
 * `catch` or `finally`): a check that is not awaited (`expectNoLeak(fn)` alone) decides after its
 * test has ended, so its failure fails no test. The runner adapters fail a test that ends with
 * one still open (see `unfinished.ts`).
 *
 * @param path - the call, for the message: `expectNoLeak(…)`
 */
export function awaited<T>(promise: Promise<T>, path: string): Promise<T> {
  let settle!: { resolve: (value: T) => void; reject: (reason: unknown) => void }
  const check = new AwaitedCheck<T>((resolve, reject) => (settle = { resolve, reject }))
  promise.then(settle.resolve, settle.reject)
  // Once its test has failed naming it, its failure, coming after the test, is said: not an
  // unhandled rejection too, which would crash a Jest worker.
  beginLink(check, path, 'await it (it returns a promise), or return it from the test', () => void Promise.prototype.then.call(check, undefined, () => undefined))
  return check
}
