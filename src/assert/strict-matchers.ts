import { beginLink, finishLink } from '../record/unfinished.js'

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

// Every object `strictMatchers` made, with how it is reached and how a chain goes on from it.
// Strings only: a value that held the matchers would hold what their closures hold (the checked
// function, and what it keeps), and show in a retainer path that `expectInstances` prints.
const links = new WeakMap<object, { path: string; hint: string }>()

/**
 * Returns `matchers` such that reading a name it lacks throws a `TypeError` naming the name
 * and listing the valid ones, where a plain object gives `undefined` and the user sees
 * "Cannot read properties of undefined" one step later (`expectLatency(r).p42.toBeLessThan(1)`)
 * or "… is not a function" (`expectThroughput(r).toBeLessThan(1)`).
 * The names in `PROBED` read as on a plain object.
 *
 * It is also a link of a matcher chain (see `unfinished.ts`): once begun (the chain's start, with
 * {@link startChain}, or reached from a link before it), it is unfinished until the chain goes
 * on: one of its matchers called, or one of its matcher objects read (which begins that one, and
 * so does a matcher that returns one: `toBeWithin('5%')` begins its `.of`).
 *
 * @param path how the object is reached, for the message: `expectLatency(…)`, `expectLatency(…).p95`
 */
export function strictMatchers<T extends object>(path: string, matchers: T): T {
  const proxy: T = new Proxy(matchers, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || PROBED.has(key) || !/^[A-Za-z]/.test(key)) return Reflect.get(target, key, receiver)
      if (!(key in target)) {
        // The chain went on, wrongly: this error is what its test hears, not that it is unfinished.
        finishLink(proxy)
        throw new TypeError(`perfspec: ${path} has no property "${key}"; valid properties: ${Object.keys(target).join(', ')}`)
      }
      const value: unknown = Reflect.get(target, key, receiver)
      // What `Object.prototype` gives (`toString`, `constructor`) is how a printer reads any object.
      if (!Object.hasOwn(target, key)) return value
      if (typeof value === 'function') {
        // A method of the matcher's own name, as printers show it (`[Function toBeLessThan]`).
        return {
          [key](...args: unknown[]): unknown {
            finishLink(proxy)
            const result: unknown = Reflect.apply(value, target, args)
            if (typeof result === 'object' && result !== null && links.has(result)) beginChainLink(result)
            return result
          },
        }[key]
      }
      if (typeof value === 'object' && value !== null && links.has(value)) {
        finishLink(proxy)
        beginChainLink(value)
      }
      return value
    },
  })
  const next = Object.entries(matchers).map(([name, value]) => (typeof value === 'function' ? `.${name}(…)` : `.${name}`))
  links.set(proxy, { path, hint: `go on with ${next.join(' or ')}` })
  return proxy
}

/** {@link strictMatchers} for the start of a chain (`expectLatency(r)`): unfinished until the chain goes on. */
export function startChain<T extends object>(path: string, matchers: T): T {
  const proxy = strictMatchers(path, matchers)
  beginChainLink(proxy)
  return proxy
}

/** Begins `link`, a {@link strictMatchers} object, naming what may follow it. */
function beginChainLink(link: object): void {
  const { path, hint } = links.get(link)!
  beginLink(link, path, hint)
}
