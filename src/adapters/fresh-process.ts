import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'pathe'
import type { TestRecord } from '../model/run-report.js'
import { interruptedText } from '../report/status-text.js'
import { recheckInFreshProcesses, type FreshOutcome, type FreshRun } from '../run/fresh-recheck.js'
import { measureBaselinesAgain, type BaselinePass } from '../run/baseline-passes.js'
import type { SessionInput } from '../run/session.js'
import { RECHECK_OUT_ENV } from '../run/recheck-env.js'
import { testFileStamp } from '../run/test-file-stamp.js'
import { writeFastestReadings, type FastestReadings } from '../run/fastest-readings.js'
import { parseRecords, stringifyRecords } from '../run/record-json.js'
import { encodeWorkerGate, FURTHER_PROCESS_MEASURING, WORKER_GATE_ENV, workerGateConfig, type WorkerGateConfig } from '../run/worker-config.js'
import type { ResolvedPerfOptions } from '../run/options.js'
import { findRunnerBin } from '../run/runner-bin.js'

/** The signals that stop a run: a fresh process ended by one of them was stopped with the run. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * The stop signal a process's exit code says it ended on: a runner that handles Ctrl-C itself
 * (Vitest) exits with 128 + the signal's number rather than dying by it.
 */
function stopSignalOfExit(status: number | null): NodeJS.Signals | undefined {
  return STOP_SIGNALS.find((s) => status === 128 + os.constants.signals[s])
}

/** A runner's command line that runs some tests of one file again: `node <script> <args>` in `cwd`. */
export interface FreshCommand {
  runner: string
  script: string
  args: string[]
  cwd: string
}

/** Marks the processes of a fresh runner's tree (see {@link endLeftovers}); read by nothing else. */
const FRESH_TREE_ENV = 'PERFSPEC_FRESH_TREE'

/**
 * Runs the command with perfspec's reporter writing the run's test records to a file instead of
 * reports and baselines (see `RECHECK_OUT_ENV`), and its workers measuring against the
 * baselines in compare mode (`'recheck'`: no baseline measured or written), or measuring each
 * benchmark as a baseline is measured, without confirming anything (`{ fastest }`: a further
 * process of a baseline being written, told the lowest readings of the processes before it;
 * nothing is written either), then reads the records. The
 * child runs as in CI (`CI=true`: no snapshot written, no watch). Output is kept only to say
 * what went wrong. The child is killed after `timeout` ms (twice the test timeout, and no sooner
 * than 2 minutes), and with it what it left running (see {@link endLeftovers}).
 */
export function runFresh(command: FreshCommand, root: string, options: ResolvedPerfOptions, purpose: 'recheck' | { fastest: FastestReadings } = 'recheck', timeout = Math.max(120_000, 2 * options.testTimeout)): FreshOutcome {
  let dir: string
  try {
    dir = mkdtempSync(join(os.tmpdir(), 'perfspec-fresh-'))
  } catch (error) {
    // The temporary folder is gone or full (a test removed it): the run reports what it has.
    return { ok: false, problem: `${command.runner} could not be started again on its test: no folder for its records in ${os.tmpdir()} (${(error as Error).message})` }
  }
  const out = join(dir, 'records.json')
  try {
    let gate: WorkerGateConfig
    if (purpose === 'recheck') gate = { ...workerGateConfig(root, options, 'none', true), recheck: true }
    else {
      const fastest = join(dir, 'fastest.json')
      try {
        writeFastestReadings(fastest, purpose.fastest)
      } catch (error) {
        return { ok: false, problem: `${command.runner} could not be started again on its test: ${fastest} could not be written (${(error as Error).message})` }
      }
      gate = { ...workerGateConfig(root, options, 'all', true), confirm: 0, ...FURTHER_PROCESS_MEASURING, fastest }
    }
    // The marker stays in the environment of the runner's whole process tree (its reporter takes
    // `RECHECK_OUT_ENV` out of it, see `takeFromEnv`): what a time limit must end is found by it.
    const marker = `${FRESH_TREE_ENV}=${out}`
    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', [RECHECK_OUT_ENV]: out, [FRESH_TREE_ENV]: out, [WORKER_GATE_ENV]: encodeWorkerGate(gate) }
    const child = spawnSync(process.execPath, [...process.execArgv, command.script, ...command.args], { cwd: command.cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })
    const said = `${child.stdout ?? ''}${child.stderr ?? ''}`.trim().slice(-400)
    // Ended by a signal it was not sent for its time limit: Ctrl-C or a stop of the whole run.
    const timedOut = (child.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT'
    // The time limit ends the runner's own process only; a worker of it busy in a test lives on.
    if (timedOut) endLeftovers(marker)
    const stopped = timedOut ? undefined : child.signal && STOP_SIGNALS.includes(child.signal) ? child.signal : stopSignalOfExit(child.status)
    if (stopped) return { ok: false, problem: `${command.runner} started again on its test was stopped by ${stopped}`, stopped }
    let text: string
    try {
      text = readFileSync(out, 'utf8')
    } catch {
      const how = timedOut ? `was stopped after ${Math.round(timeout / 1000)} s` : child.error ? `could not start (${child.error.message})` : child.signal ? `was ended by ${child.signal}` : `exited with code ${child.status}`
      return { ok: false, problem: `${command.runner} started again on its test ${how} without recording results${said ? `; it printed: …${said}` : ''}` }
    }
    return { ok: true, tests: parseRecords(text) as TestRecord[], ...(said && { printed: said }) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Ends the processes a fresh runner stopped for its time limit left behind (its workers, busy in
 * a test that hangs, re-parented once the runner died): those whose environment holds `marker`,
 * the record path only that runner's process tree was given. Linux (`/proc`); elsewhere, and for
 * processes of other users, nothing is found. Returns how many were ended.
 */
export function endLeftovers(marker: string): number {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
  } catch {
    return 0
  }
  let ended = 0
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker)) continue
      process.kill(Number(pid), 'SIGKILL')
      ended += 1
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return ended
}

/** Writes a fresh process's test records where its parent reads them (see `runFresh`). */
export function writeFreshRecords(path: string, tests: readonly TestRecord[]): void {
  writeFileSync(path, stringifyRecords(tests))
}

/**
 * The command-line script of `runner` as the project at `root` installs it, else the script this
 * process was started with (a runner installed elsewhere).
 */
export function runnerBin(runner: 'vitest' | 'jest', root: string): string {
  try {
    const found = findRunnerBin(runner, root)
    if (found.ok) return found.script
  } catch {
    // An unreadable manifest: as if not installed there.
  }
  return process.argv[1] ?? runner
}

/**
 * The run to decide after the baselines it writes were measured in further processes (see
 * `measureBaselinesAgain`; with `pass`) and its suspects measured again in fresh processes (see
 * `recheckInFreshProcesses`; with `run`): with those measurements, or, when a signal stopped a
 * fresh process (Ctrl-C reaches the whole process group), as a run stopped by it, saying so.
 */
export function afterFreshProcesses(input: SessionInput, run: FreshRun | undefined, pass?: BaselinePass): SessionInput {
  const measured = pass ? measureBaselinesAgain(input, pass, testFileStamp(input.root)) : { tests: input.tests }
  if (measured.stopped) return stoppedBy(input, measured.stopped)
  const next = { ...input, tests: measured.tests }
  if (!run) return next
  const rechecked = recheckInFreshProcesses(next, run)
  return rechecked.stopped ? stoppedBy(next, rechecked.stopped) : { ...next, tests: rechecked.tests }
}

/** The run, stopped by `signal` while a fresh process ran (Ctrl-C reaches the whole process group), saying so. */
function stoppedBy(input: SessionInput, signal: NodeJS.Signals): SessionInput {
  return { ...input, interrupted: true, problems: [...(input.problems ?? []), interruptedText(signal)] }
}
