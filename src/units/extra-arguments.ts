import { describe } from './argument-error.js'

/**
 * Refuses arguments past those a call takes. JavaScript drops them without a word, and a limit
 * followed by what its writer took for a tolerance (`toBeLessThan('5ms', '10%')`) or a second
 * options object would pass as if it had been read.
 *
 * @param call the call as messages name it: `expectLatency(…).p95.toBeLessThan()`
 * @param args the call's `arguments`
 * @param takes the names of the arguments it takes, in order: `['limit']`
 * @throws TypeError naming the call, what it takes and the first extra argument
 */
export function refuseExtraArguments(call: string, args: ArrayLike<unknown>, takes: readonly string[]): void {
  if (args.length <= takes.length) return
  const taken = takes.length === 1 ? `one argument (${takes[0]})` : `${takes.length} arguments (${takes.join(', ')})`
  throw new TypeError(`perfspec: ${call} takes ${taken}; received ${args.length}, and the extra ${describe(args[takes.length])} would be ignored: remove it`)
}
