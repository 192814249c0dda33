import { spawnSync } from 'node:child_process'
import { join } from 'pathe'
import { REPO } from './temp-project.js'

/** The built command (`dist/cli.js`, the package's bin). */
export const CLI = join(REPO, 'dist', 'cli.js')

/**
 * Runs `perfspec …` as users run it, from the repository root, outside GitHub Actions unless
 * `env` says otherwise.
 */
export function perfspec(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const clean = { ...process.env }
  delete clean.GITHUB_ACTIONS
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...clean, ...env }, encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}
