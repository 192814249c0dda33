import { spawnSync } from 'node:child_process'
import { join } from 'pathe'
import { main } from '../../src/cli/main.js'
import { REPO } from './temp-project.js'

/** The built command (`dist/cli.js`, the package's bin). */
export const CLI = join(REPO, 'dist', 'cli.js')

/** What a command line printed and how it exited. */
export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

// The environment a user's shell gives the command: outside GitHub Actions unless `env` says so.
function userEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = { ...process.env }
  delete clean.GITHUB_ACTIONS
  return { ...clean, ...env }
}

/**
 * Runs `perfspec …` from the repository root through the command's own entry (`main`, with the
 * output and environment the bin gives it), in this process: a spawned Node per call cost the
 * suite a minute. The file-reading commands only; {@link perfspecBin} runs the built bin itself.
 */
export function perfspec(args: string[], env: Record<string, string> = {}): CliRun {
  let stdout = ''
  let stderr = ''
  const status = main(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), env: userEnv(env), cwd: REPO })
  if (typeof status !== 'number') throw new Error(`perfspec ${args[0]} runs processes: use perfspecBin`)
  return { status, stdout, stderr }
}

/** Runs the built bin (`node dist/cli.js …`) as users run it, from the repository root. */
export function perfspecBin(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, env: userEnv(env), encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}
