/**
 * The one grammar of an amount written in a string before its unit (`'5ms'`, `'0.5ms'`,
 * `'100k/s'`, `'20%'`, `'64KB'`): digits, optionally a dot and more digits. No sign, exponent,
 * spaces, or dot without a digit on both sides: `'5ms'` has one spelling, so a typo cannot pass
 * as another reading, and a value computed in code is passed as a number instead.
 */
export const AMOUNT = '\\d+(?:\\.\\d+)?'


// What people write for an amount that the grammar refuses: a sign, a dot at either end, an exponent.
const LENIENT = /^(\+?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(.*)$/is

/**
 * What to write instead of a string the grammar refused, for its `TypeError`: `write '5ms' (…)`
 * for `'5 MS'`. The guess drops spaces, writes the amount as a plain decimal (`'.5'` → `'0.5'`,
 * `'1e3'` → `'1000'`) and the unit as `fixUnit` spells it; it is offered only when `parse`
 * reads it (into a finite amount of 0 or more, without throwing).
 *
 * @param fixUnit the accepted spelling of a unit written otherwise (`'MS'` → `'ms'`), or `undefined`
 * @param parse the strict reader of the quantity, undefined for text it does not read
 */
export function spellingInstead(text: string, fixUnit: (unit: string) => string | undefined, parse: (text: string) => number | undefined): string | undefined {
  const match = LENIENT.exec(text.replace(/\s+/g, ''))
  if (!match) return undefined
  const amount = String(Number(match[1]))
  if (!PLAIN.test(amount)) return undefined
  // An amount too small for a number ('1e-400') is no zero to suggest: 0 is refused where a
  // duration must be above it, and the amount written was not 0.
  if (Number(amount) === 0 && /[1-9]/.test(match[1]!.split(/e/i)[0]!)) return undefined
  const unit = match[2]!
  const guess = `${amount}${fixUnit(unit) ?? unit}`
  if (guess === text) return undefined
  let read: number | undefined
  try {
    read = parse(guess)
  } catch {
    return undefined
  }
  if (read === undefined || !Number.isFinite(read) || read < 0) return undefined
  return `write '${guess}' (a plain decimal number then the unit as listed, without spaces; units are case-sensitive)`
}

const PLAIN = new RegExp(`^${AMOUNT}$`)

/** The name in `names` that `unit` spells in another case (`'MS'` → `'ms'`), or `undefined`. */
export function sameIgnoringCase(unit: string, names: readonly string[]): string | undefined {
  return names.find((name) => name.toLowerCase() === unit.toLowerCase())
}
