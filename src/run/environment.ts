import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import os from 'node:os'
import { readSpeedReference, readSpeedReferenceAgain, SPEED_REFERENCE_VERSION } from '../measure/speed-reference.js'
import type { Environment, MachineSpeed } from '../model/environment.js'

/** Reads the environment of this process. `runner` is e.g. `vitest 4.1.12`. */
export function readEnvironment(runner?: string, cwd = process.cwd()): Environment {
  const env: Environment = { ...machineFingerprint(), memory: os.totalmem(), ci: isCI() }
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

/** The git commit checked out at `cwd` (12 hex digits), or `undefined` outside a git checkout. */
export function gitCommit(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
      .toString()
      .trim()
  } catch {
    return undefined
  }
}

/**
 * A digest (12 hex digits) of the uncommitted changes to the files git tracks in the checkout at
 * `cwd` (`git diff HEAD`), leaving out the paths `excluded` (what a run itself writes: baselines,
 * reports) and snapshot files (which `-u` rewrites); `''` when there are none; `undefined` outside a git checkout or when git cannot say
 * within 2 s. Untracked files are not counted: a CI job's downloads and builds would differ
 * between jobs of one run.
 */
// Vitest's and Jest's snapshot files: a shard run with -u rewrites them, and the next shard of
// the same run would read as another working tree.
const SNAPSHOTS = [':(exclude,glob)**/__snapshots__/**', ':(exclude,glob)**/*.snap']

export function uncommittedDigest(cwd: string, excluded: readonly string[] = []): string | undefined {
  try {
    const left = [...excluded.map((path) => `:(exclude)${path}`), ...SNAPSHOTS]
    const diff = execFileSync('git', ['diff', 'HEAD', '--binary', '--no-ext-diff', '--no-textconv', '--no-color', '--', ...left], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
      maxBuffer: 256 * 1024 * 1024,
    })
    return diff.length === 0 ? '' : createHash('sha256').update(diff).digest('hex').slice(0, 12)
  } catch {
    return undefined
  }
}

/** This machine's speed reference: the fastest reading this process took (one of about 100 ms, taken now when none was). */
export function machineSpeed(): MachineSpeed {
  return { ns: readSpeedReference().ns, version: SPEED_REFERENCE_VERSION }
}

/**
 * Takes one more reading of this machine's speed reference (about 100 ms), which
 * {@link machineSpeed} then counts: the reporters take one when the run starts, before its
 * workers, and one when it ends, so that one slow stretch of the host does not make this machine
 * look like another one to every baseline.
 */
export function noteMachineSpeed(): void {
  readSpeedReferenceAgain()
}

/** The fingerprint of this machine without reading git or measuring its speed: what a test worker needs. */
export function machineFingerprint(): Pick<Environment, 'os' | 'arch' | 'cpu' | 'cores' | 'node'> {
  const cpus = os.cpus()
  return { os: `${os.type()} ${os.release()}`, arch: process.arch, cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, node: process.version }
}
