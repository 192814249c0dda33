import { spawnSync } from 'node:child_process'

/**
 * Runs `script --child <index> ...extraArgs` in `runs` fresh processes, one after another (so
 * that they do not compete for the CPU), with this process's Node options (the TypeScript loader
 * among them), and returns what each printed last: one line of JSON. A child that fails stops the
 * benchmark. The number of runs comes from `countOption` (`./count-option.ts`).
 */
export function inFreshProcesses<T>(script: string, index: number, runs: number, label: string, extraArgs: readonly string[] = []): T[] {
  const reports: T[] = []
  for (let run = 0; run < runs; run++) {
    const out = spawnSync(process.execPath, [...process.execArgv, script, '--child', String(index), ...extraArgs], { encoding: 'utf8' })
    if (out.status !== 0) throw new Error(`child for "${label}" failed:\n${out.stderr}`)
    reports.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as T)
  }
  return reports
}
