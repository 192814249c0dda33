import { execFileSync } from 'node:child_process'
import os from 'node:os'

/** Where a run (or a baseline) was measured. */
export interface Environment {
  os: string
  arch: string
  cpu: string
  cores: number
  /** Total memory, bytes. */
  memory: number
  node: string
  runner?: string
  /** Git commit of the working tree, when it is a git checkout. */
  commit?: string
  ci: boolean
}

/** Reads the environment of this process. `runner` is e.g. `vitest 4.1.12`. */
export function readEnvironment(runner?: string, cwd = process.cwd()): Environment {
  const cpus = os.cpus()
  const env: Environment = {
    os: `${os.type()} ${os.release()}`,
    arch: process.arch,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: os.totalmem(),
    node: process.version,
    ci: isCI(),
  }
  if (runner) env.runner = runner
  const commit = gitCommit(cwd)
  if (commit) env.commit = commit
  return env
}

/** True on a CI machine (`CI` set to anything but `false`/`0`, or GitHub Actions). */
export function isCI(): boolean {
  const ci = process.env.CI
  return (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') || process.env.GITHUB_ACTIONS === 'true'
}

function gitCommit(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
      .toString()
      .trim()
  } catch {
    return undefined
  }
}

/**
 * How two environments differ, in words (`Node v20.20.2 → v22.12.0; 4 → 2 cores`), or
 * `undefined` when they match on what moves timings: CPU model, cores, OS, arch, Node.
 */
export function environmentDifference(before: Partial<Environment> | undefined, now: Environment): string | undefined {
  if (!before) return undefined
  const parts: string[] = []
  const keys: Array<[keyof Environment, string]> = [['cpu', 'CPU'], ['cores', 'cores'], ['os', 'OS'], ['arch', 'arch'], ['node', 'Node']]
  for (const [key, label] of keys) {
    if (before[key] !== undefined && before[key] !== now[key]) parts.push(`${label} ${String(before[key])} → ${String(now[key])}`)
  }
  return parts.length ? parts.join('; ') : undefined
}
