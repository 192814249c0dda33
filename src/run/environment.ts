import { execFileSync } from 'node:child_process'
import os from 'node:os'
import { join, relative } from 'pathe'
import { readSpeedReference, readSpeedReferenceAgain, SPEED_REFERENCE_VERSION } from '../measure/speed-reference.js'
import type { Environment, MachineSpeed } from '../model/environment.js'
import { changeDigests } from './diff-digests.js'

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

/** The files git tracks under a folder that differ from its index in the working tree, absolute (see {@link changedTrackedFiles}). */
export interface ChangedTrackedFiles {
  /** Missing from the working tree. */
  deleted: string[]
  /** There, with other content than the index holds. */
  modified: string[]
  /** The index's text of each modified file, by its absolute path (absent: git could not give it). */
  indexed: Record<string, string>
}

/**
 * The files git tracks under `folder` (in its index) that are missing from the working tree or
 * differ from the index there, absolute, joined to `root` as given, with the index's text of each
 * that differs; none outside a git checkout or when git could not say within 2 s. `folder` may be
 * gone itself.
 */
export function changedTrackedFiles(root: string, folder: string): ChangedTrackedFiles {
  const changed: ChangedTrackedFiles = { deleted: [], modified: [], indexed: {} }
  try {
    // Relative to `root`, git's default with `root` as its folder, so that they join to its spelling.
    // With -t each line is tagged: R for a deleted file, C for a changed one (a deleted file is both).
    const out = execFileSync('git', ['ls-files', '-t', '--deleted', '--modified', '-z', '--', relative(root, folder) || '.'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).toString()
    const lines = out.split('\0').filter(Boolean)
    const deleted = new Set(lines.filter((l) => l.startsWith('R ')).map((l) => l.slice(2)))
    changed.deleted = [...deleted].map((path) => join(root, path))
    const modified = [...new Set(lines.filter((l) => l.startsWith('C ') && !deleted.has(l.slice(2))).map((l) => l.slice(2)))]
    changed.modified = modified.map((path) => join(root, path))
    // What the index holds of each: a file rewritten with fewer baselines is told from one with other figures.
    for (const path of modified) {
      try {
        changed.indexed[join(root, path)] = execFileSync('git', ['show', `:./${path}`], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000, maxBuffer: 64 * 1024 * 1024 }).toString()
      } catch {
        // Not in the index after all, or git did not answer: its text is not known.
      }
    }
  } catch {
    // Not a git checkout, or git did not answer: nothing known.
  }
  return changed
}

/**
 * The uncommitted changes to the files git tracks in the checkout at `cwd` (`git diff HEAD`,
 * inside submodules too), each path from `cwd` with a digest of its change (see
 * `changeDigests`); `{}` for none; `undefined` outside a git checkout; `null` when git could not
 * say within 10 s. Untracked files are not counted: a CI job's downloads and builds would differ
 * between jobs of one run.
 */
export function uncommittedChanges(cwd: string): Record<string, string> | null | undefined {
  const git = (args: string[]) => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, maxBuffer: 512 * 1024 * 1024 }).toString('latin1')
  let prefix: string
  try {
    prefix = git(['rev-parse', '--show-prefix']).trim()
  } catch {
    return undefined
  }
  try {
    // Fixed prefixes and no renames: the user's diff settings must not change what is read.
    return changeDigests(git(['diff', 'HEAD', '--binary', '--no-renames', '--no-ext-diff', '--no-textconv', '--no-color', '--submodule=diff', '--src-prefix=a/', '--dst-prefix=b/']), prefix)
  } catch {
    return null
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
