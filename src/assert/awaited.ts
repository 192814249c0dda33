import { beginLink, finishLink } from '../record/unfinished.js'

/**
 * `promise`, unfinished in the running test until something awaits it (or calls its `then`,
 * `catch` or `finally`): a check that is not awaited (`expectNoLeak(fn)` alone) decides after its
 * test has ended, so its failure fails no test. The runner adapters fail a test that ends with
 * one still open (see `unfinished.ts`).
 *
 * @param path - the call, for the message: `expectNoLeak("handler")`
 */
export function awaited<T>(promise: Promise<T>, path: string): Promise<T> {
  const then = promise.then.bind(promise)
  // Once its test has failed naming it, its failure, coming after the test, is said: not an
  // unhandled rejection too, which would crash a Jest worker.
  beginLink(promise, path, `await it (it returns a promise), or return it from the test`, () => void then(undefined, () => undefined))
  // `catch` and `finally` call `this.then`, so they finish it too.
  Object.defineProperty(promise, 'then', {
    value: (...args: Parameters<Promise<T>['then']>) => {
      finishLink(promise)
      return then(...args)
    },
  })
  return promise
}
