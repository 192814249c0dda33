/**
 * A whole-number command-line option of the bench scripts (`--runs 5`, `--processes 20`): its
 * value, `fallback` when absent, a `TypeError` naming it otherwise.
 */
export function countOption(args: readonly string[], flag: string, fallback: number): number {
  const at = args.indexOf(flag)
  if (at < 0) return fallback
  const value = Number(args[at + 1])
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${flag} must be a whole number of at least 1, e.g. ${flag} 5; received ${args[at + 1]}`)
  return value
}
