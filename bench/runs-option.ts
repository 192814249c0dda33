/** The `--runs N` argument of a benchmark script: fresh processes per case, a whole number of at least 1; `fallback` when absent. */
export function runsOption(args: readonly string[], fallback = 20): number {
  const at = args.indexOf('--runs')
  if (at < 0) return fallback
  const runs = Number(args[at + 1])
  if (!Number.isInteger(runs) || runs < 1) throw new TypeError(`--runs must be a whole number of at least 1, e.g. --runs 5; received ${args[at + 1]}`)
  return runs
}
