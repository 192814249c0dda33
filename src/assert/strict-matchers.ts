/**
 * Names that runtimes and test libraries read on any object to learn what it is, so reading
 * them must give `undefined`, not an error: `then` (is it a promise? `await`, or a value
 * returned from a test), `toJSON` (`JSON.stringify`, pretty-format), `asymmetricMatch` and
 * `nodeType`/`nodeName` (Jest's and Vitest's equality), `tagName` and `hasAttribute`
 * (pretty-format's DOM plugin, which prints values in Jest's messages and snapshots). Names not
 * starting with a letter (`$$typeof`, `@@__IMMUTABLE_ITERABLE__@@`, `_isMockFunction`) are
 * machinery too, and symbols, and what `Object.prototype` has.
 */
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'nodeName', 'tagName', 'hasAttribute'])

/**
 * Returns `matchers` such that reading a name it lacks throws a `TypeError` naming the name
 * and listing the valid ones, where a plain object gives `undefined` and the user sees
 * "Cannot read properties of undefined" one step later (`expectLatency(r).p42.toBeLessThan(1)`)
 * or "… is not a function" (`expectThroughput(r).toBeLessThan(1)`).
 * The names in `PROBED` read as on a plain object.
 *
 * @param path how the object is reached, for the message: `expectLatency(…)`, `expectLatency(…).p95`
 */
export function strictMatchers<T extends object>(path: string, matchers: T): T {
  return new Proxy(matchers, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || key in target || PROBED.has(key) || !/^[A-Za-z]/.test(key)) return Reflect.get(target, key, receiver)
      throw new TypeError(`perfspec: ${path} has no property "${key}"; valid properties: ${Object.keys(target).join(', ')}`)
    },
  })
}
