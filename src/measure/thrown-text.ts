/**
 * What a benchmarked function threw or rejected with, as text, whatever it was: `String()` of an
 * object without a prototype, of a Proxy, or of an object whose `toString` throws, throws itself,
 * and a load run that met one never ended. `withName`: `TypeError: boom` rather than `boom`.
 */
export function thrownText(error: unknown, withName = false): string {
  try {
    if (error instanceof Error) return withName ? `${String(error.name)}: ${String(error.message)}` : String(error.message)
    return String(error)
  } catch {
    try {
      return `${Object.prototype.toString.call(error)} (a value that cannot be turned into text)`
    } catch {
      return 'a value that cannot be turned into text'
    }
  }
}

/**
 * `value instanceof Class`, and `false` when even asking throws: a revoked Proxy throws on any
 * look at its prototype, and perfspec's handling of what a benchmark threw must not throw itself.
 */
export function isA<T>(value: unknown, Class: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof Class
  } catch {
    return false
  }
}
