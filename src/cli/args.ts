import { parseArgs } from 'node:util'
import { UsageError } from './io.js'

/** One option of a command: a flag, or an option that takes a value shown by `example`. */
export type OptionSpec = { type: 'boolean'; short?: string } | { type: 'string'; short?: string; example: string }

/** A command's parsed arguments: option values by name, and the positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

// A value such as -5% or -0.1 reaches its option, whose own check then says what is wrong with
// it; anything else that starts with '-' is the next option, so the value was left out.
const NEGATIVE_NUMBER = /^-(\d|\.\d)/

/**
 * Parses a command's arguments, answering mistakes in the user's words rather than the parser's:
 * `unknown option --treshold (options: …)`, `--threshold needs a value, e.g. --threshold 20%`,
 * `--help takes no value`. Node's parser runs in its lenient mode, so these checks are perfspec's.
 *
 * @throws UsageError naming the option
 */
export function parseCommandArgs(args: string[], options: Record<string, OptionSpec>): ParsedArgs {
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true })
  const flags = Object.entries(options).map(([name, spec]) => (spec.short ? `-${spec.short}/--${name}` : `--${name}`))
  const given = new Map<string, string>()
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const spec = options[token.name]
    if (!spec) throw new UsageError(`unknown option ${token.rawName} (options: ${flags.join(', ')})`)
    // The parser keeps the last of two: `--threshold 5% … --threshold 50%` would gate at 50 % unsaid.
    const earlier = given.get(token.name)
    if (earlier !== undefined && spec.type === 'string') throw new UsageError(`${token.rawName} is given twice (${earlier} and ${token.value ?? ''}): give it once`)
    given.set(token.name, token.value ?? '')
    if (spec.type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`)
    if (spec.type === 'string') {
      const value = token.value
      const missing = value === undefined || (!token.inlineValue && value.startsWith('-') && !NEGATIVE_NUMBER.test(value))
      if (missing) throw new UsageError(`${token.rawName} needs a value, e.g. ${token.rawName} ${spec.example}`)
    }
  }
  return { values, positionals }
}
