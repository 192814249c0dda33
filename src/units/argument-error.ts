/**
 * Builds the `TypeError` every perfspec entry point throws on bad input: it names the
 * argument, shows what was received and gives an accepted example, so the fix is obvious.
 *
 * @param instead what to write, when the input is near an accepted form: `write '5ms' (…)`
 */
export function argumentError(argument: string, received: unknown, accepted: string, instead?: string): TypeError {
  return new TypeError(`perfspec: ${argument} must be ${accepted}; received ${describe(received)}${instead ? `: ${instead}` : ''}`)
}

/** Short, printable description of any value for error messages. */
export function describe(value: unknown): string {
  try {
    return describeValue(value)
  } catch {
    // A revoked Proxy throws on any look at it.
    return 'a value that cannot be looked at (a revoked Proxy?)'
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  // These print like the number or string they hold, and are not one.
  if (typeof value === 'bigint') return `${value}n (a BigInt)`
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return `a ${value.constructor.name} object (${JSON.stringify(value.valueOf())}); give the plain value`
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value)
    } catch {
      return 'an object'
    }
  }
  return String(value)
}

/**
 * Builds the `TypeError` for input that reads two ways (`'1m'`: a minute or a millisecond?):
 * perfspec refuses it rather than guess, and says what to write instead.
 */
export function ambiguityError(argument: string, received: unknown, instead: string): TypeError {
  return new TypeError(`perfspec: ${argument} ${describe(received)} is ambiguous: ${instead}`)
}

/**
 * A refusal of the runner's setup (its command line or config), its stack left out: the runner
 * prints a startup error with whatever stack it has, and perfspec's frames say nothing to fix.
 */
export function withoutStack<E extends Error>(error: E): E {
  error.stack = `${error.name}: ${error.message}`
  return error
}
