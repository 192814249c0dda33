import { stripVTControlCharacters } from 'node:util'
import { spawn, spawnSync } from 'node:child_process'
import type { AbSide } from '../model/ab.js'
import { isAbsolute, join, relative } from 'pathe'
import { AbError } from './ab-error.js'
import { filesAlsoMatched, listArguments, parseListing, runArguments, type AbRunner } from './runner.js'

/** One revision as `perfspec ab` runs it: its project folder and its own runner. */
export interface SideSetup {
  side: AbSide
  /** The project folder of this side, absolute (the working tree's, or the base worktree's). */
  dir: string
  runner: AbRunner
  /** The runner's script in this side's dependencies (see `runnerScript`). */
  script: string
  /** The environment of its runner processes (with `PERFSPEC_AB` for this side). */
  env: NodeJS.ProcessEnv
  /** Its test files as listed (relative to `dir`), once they are: each file's run leaves the others out by name. */
  listed?: readonly string[]
}

/** How a side's runner process for one file ended. */
export interface SideExit {
  side: AbSide
  file: string
  /** Exit code; `null` when a signal ended it. */
  code: number | null
  signal: NodeJS.Signals | null
  /** Whether perfspec stopped it (Ctrl-C, or the other side was killed). */
  stopped: boolean
  /** The end of what it printed (both streams), for a failure's report. */
  output: string
}

/** A side's runner process for one file. */
export interface SideProcess {
  exited: Promise<SideExit>
  /** Ends it and everything it started (its worker processes); idempotent. */
  stop(): void
}

/** How much of a runner's output is kept for the report of a failure. */
const OUTPUT_KEPT = 16_000
/** How long a stopped runner gets to end on its own before it is killed. */
const STOP_GRACE_MS = 3000

/**
 * The test files of a side, relative to its project folder with `/` separators, sorted: what
 * its runner lists with the user's runner arguments.
 *
 * @throws AbError quoting the runner when it cannot list them
 */
export async function listSideFiles(setup: SideSetup, runnerArgs: readonly string[]): Promise<string[]> {
  const r = await collect(setup, listArguments(setup.runner, runnerArgs))
  if (r.code !== 0) throw new AbError(`the ${setup.side} side's ${setup.runner} could not list its test files (${setup.dir}, exit code ${r.code}): ${listingFailure(r.stderr, r.stdout)}`)
  const files = parseListing(setup.runner, r.stdout, setup.side)
  return files.map((f) => relativeTo(setup.dir, f)).sort()
}

/**
 * What a runner that could not list its files said: its refusal by perfspec, when that is what
 * stopped it (as a startup error, among the runner's other lines: probe 60 #6), else the end of
 * its output; colours left out.
 */
export function listingFailure(stderr: string, stdout: string): string {
  const text = stripVTControlCharacters(`${stderr}\n${stdout}`)
  const refusal = /perfspec: [^\n]*/.exec(text)?.[0].replace(/\]? ?\{?\s*$/, '')
  if (refusal) return refusal
  return stripVTControlCharacters(stderr).trim().split('\n').slice(-10).join('\n') || stripVTControlCharacters(stdout).trim().slice(0, 500)
}

/**
 * Runners still running, each by what kills its process group at once. Their groups are their
 * own (so that stopping one ends its workers), which also means that nothing ends them when this
 * process ends: a second Ctrl-C (`process.exit`) or a crash would leave them measuring. This
 * process's `exit` event kills those left.
 */
const live = new Set<() => void>()
let killOnExit = false

/**
 * Starts the side's runner on one test file (relative to the side's folder), in its own process
 * group, so that stopping it ends its workers too.
 */
export function startSide(setup: SideSetup, file: string, runOptions: readonly string[]): SideProcess {
  const posix = process.platform !== 'win32'
  // By absolute path: Vitest reads an exclude from its own root, which may lie below this folder.
  const others = filesAlsoMatched(setup.runner, file, setup.listed ?? []).map((f) => join(setup.dir, f))
  const child = spawn(process.execPath, [setup.script, ...runArguments(setup.runner, join(setup.dir, file), runOptions, others)], {
    cwd: setup.dir,
    env: setup.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: posix,
    windowsHide: true,
  })
  let output = ''
  let stopped = false
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let done = false
  const exited = new Promise<SideExit>((resolve) => {
    child.on('error', (error) => {
      output += `\n${setup.runner} could not be started: ${error.message}`
    })
    child.on('close', (code, signal) => {
      done = true
      live.delete(killNow)
      resolve({ side: setup.side, file, code, signal, stopped, output })
    })
  })
  const kill = (signal: NodeJS.Signals) => {
    if (done || child.pid === undefined) return
    try {
      if (posix) process.kill(-child.pid, signal)
      else spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true })
    } catch {
      // Already gone.
    }
  }
  const killNow = () => kill('SIGKILL')
  live.add(killNow)
  if (!killOnExit) {
    killOnExit = true
    process.once('exit', () => {
      for (const k of live) k()
    })
  }
  return {
    exited,
    stop() {
      if (stopped || done) return
      stopped = true
      kill('SIGTERM')
      setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS).unref()
    },
  }
}

/**
 * A path the runner listed, relative to the side's folder with `/` separators; one outside it (a
 * test file the config takes from `../shared`) as `../shared/…`, the same on both sides, so that
 * its two sides pair and each runs its own revision's copy.
 */
export function relativeTo(dir: string, file: string): string {
  const d = dir.replace(/\\/g, '/').replace(/\/+$/, '')
  const f = file.replace(/\\/g, '/')
  if (f.startsWith(`${d}/`)) return f.slice(d.length + 1)
  return isAbsolute(f) ? relative(d, f) : f
}

function collect(setup: SideSetup, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [setup.script, ...args], { cwd: setup.dir, env: setup.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-OUTPUT_KEPT)))
    child.on('error', (error) => (stderr += `\n${error.message}`))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
