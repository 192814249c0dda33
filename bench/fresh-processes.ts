import { spawnSync } from 'node:child_process'

/** The `--runs N` option of a benchmark script: fresh processes per case, default 20. */
export function runsOption(args: readonly string[], fallback = 20): number {
  const at = args.indexOf('--runs')
  if (at < 0) return fallback
  const runs = Number(args[at + 1])
  if (!Number.isInteger(runs) || runs < 1) throw new TypeError(`--runs must be a whole number of at least 1, e.g. --runs 5; received ${args[at + 1]}`)
  return runs
}

/**
 * Runs `script --child <index>` in `runs` fresh processes, one after another (so that they do not
 * compete for the CPU), with this process's Node options (the TypeScript loader among them), and
 * returns what each printed last: one line of JSON. A child that fails stops the benchmark.
 */
export function inFreshProcesses<T>(script: string, index: number, runs: number, label: string): T[] {
  const reports: T[] = []
  for (let run = 0; run < runs; run++) {
    const out = spawnSync(process.execPath, [...process.execArgv, script, '--child', String(index)], { encoding: 'utf8' })
    if (out.status !== 0) throw new Error(`child for "${label}" failed:\n${out.stderr}`)
    reports.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as T)
  }
  return reports
}
