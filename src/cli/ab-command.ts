import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'pathe'
import { AbError } from '../ab/ab-error.js'
import { baseHasHeadsPerfspec } from '../ab/base-perfspec.js'
import { startCoordinator as realStartCoordinator, type AbCoordinator, type AbCoordinatorOptions } from '../ab/coordinator.js'
import { installBase } from '../ab/install.js'
import { chooseCpuPin, pinProcess, releaseProcess, type CpuPin } from '../ab/cpu-pin.js'
import { confirmInFreshProcesses, firstRoundFile } from '../ab/confirm-rounds.js'
import { expectedBenchmarks } from '../ab/expected-benchmarks.js'
import { acquireAbLock } from '../ab/lock.js'
import { AB_ENV, AB_PROTOCOL_VERSION, abSocketPath, encodeAbEnvironment } from '../ab/protocol.js'
import { abCacheDir, cleanWorktree, findRepository, prepareWorktree, readHead, resolveBase, worktreePath } from '../ab/revision.js'
import { pairFiles, runFiles, stopEarly, type EarlyStart } from '../ab/run-files.js'
import { markWorktreeUsed, pruneWorktrees } from '../ab/worktree-prune.js'
import { AB_RUNNERS, detectRunner, runnerScript, shardFiles, splitRunnerArguments, type AbRunner, withSharedSeed } from '../ab/runner.js'
import { listSideFiles, startSide, type SideSetup } from '../ab/sides.js'
import { DEFAULT_AB_CONFIRM } from '../compare/ab-confirmation.js'
import { abExitCode } from '../compare/ab-outcome.js'
import { SCREEN_CONFIDENCE } from '../compare/paired-verdict.js'
import { DEFAULT_AB_GATE, type AbGate, type AbMetric, type AbProgress, type AbSide } from '../model/ab.js'
import type { AbRunReport, AbSideFailure } from '../model/ab-run.js'
import { GATE_METRICS, isGateMetric } from '../model/metrics.js'
import { abAnnotations } from '../report/ab-github.js'
import { renderAbJson } from '../report/ab-json.js'
import { isAbMarkdown, renderAbMarkdown, withAbSection } from '../report/ab-markdown.js'
import { abTable } from '../report/ab-table.js'
import { abBenchName, abFileText, progressText } from '../report/ab-text.js'
import { stepSummaryNotWrittenText } from '../report/github.js'
import { AbResultsError, mergeAbReports, readAbReport } from '../run/ab-results.js'
import { atomicWriteProblem, atomicWriteTargetProblem, writeFileAtomic } from '../run/atomic-write.js'
import { notOurs, type OutputKind } from '../run/own-output.js'
import { readRegularFile } from '../run/regular-file.js'
import { folderInWorkspace } from '../run/workspace-folder.js'
import { parseDuration } from '../units/duration.js'
import { parseFraction, parseThreshold } from '../units/percent.js'
import { parseCommandArgs } from './args.js'
import { isSameFile } from './same-file.js'
import { CommandError, UsageError, type CommandIO } from './io.js'
import { WORKER_GATE_ENV } from '../run/worker-config.js'
import { inertLines } from '../report/inert-lines.js'
import { printable } from '../model/names.js'
import { sideProblemIn } from '../model/ab-side-problem.js'

export const AB_HELP = `Usage: perfspec ab [--base <ref>] [--metric typical] [--threshold 10%] [--time-cap 60s] [-- <runner args>]
       perfspec ab --merge <results.json>...

Measures the base revision and the working tree in the same job: both run their own tests at
the same time, one test file at a time in the same order, and benchmarks with the same id take
turns in short blocks, so that the machine's noise falls on both. Exits 1 when a benchmark is
slower on the working tree.

The base is checked out in a git worktree in the user's cache folder ($XDG_CACHE_HOME or
~/.cache, perfspec/ab/<repository>/<commit>), reused while the commit is the same; its
dependencies are the working tree's when the lockfiles match, else installed there (npm ci, or
the lockfile's own tool).

Options:
  --base <ref>         the revision to compare with (default: git merge-base HEAD <default
                       branch>, the default branch being origin/HEAD, else main, else master)
  --metric <name>      the figure of each block compared: typical (the median call, default),
                       ${GATE_METRICS.join(', ')}
  --threshold <pct>    the change that matters: 10% or the fraction 0.1 (default 10%)
  --confidence <pct>   family-wise confidence over all benchmarks (default 95%)
  --time-cap <time>    longest a benchmark's comparison may take, e.g. 60s or 90000 (ms) (default 60s)
  --runner <name>      ${AB_RUNNERS.join(' or ')} (default: from the project's config and dependencies)
  --json <file>        where the results JSON goes (default .perfspec/ab/results.json)
  -o, --output <file>  where the Markdown report goes (default BENCHMARK_RESULTS.md)
  --confirm <n>        how many times a benchmark read slower is measured again, its file run by
                       both sides in fresh processes; slower only if they agree (default ${DEFAULT_AB_CONFIRM}, 0: off)
  --no-pin             let the two sides run on any CPU (default on Linux: both on one CPU, with
                       taskset, so that a core that runs slow for a while slows both alike)
  --merge              merge the results JSON of shards (-- --shard=i/n in separate jobs) into
                       one report and verdict
  -h, --help           this help

Runner arguments after --: file filters choose the files (listed on both sides), options go to
every runner process (write their values with =, e.g. --project=web); --shard=i/n splits the
files of both sides alike.

Exit: 0 no benchmark slower; 1 a benchmark slower on the working tree; 2 bad arguments, or
nothing could be decided (not a git repository, an unknown base, a failed install, a base
without perfspec ab support, another perfspec ab running, interrupted).`

const OPTIONS = {
  base: { type: 'string', example: 'main' },
  metric: { type: 'string', example: 'typical' },
  threshold: { type: 'string', example: '10%' },
  confidence: { type: 'string', example: '95%' },
  'time-cap': { type: 'string', example: '60s' },
  runner: { type: 'string', example: 'vitest' },
  json: { type: 'string', example: '.perfspec/ab/results.json' },
  output: { type: 'string', short: 'o', example: 'BENCHMARK_RESULTS.md' },
  merge: { type: 'boolean' },
  'no-pin': { type: 'boolean' },
  confirm: { type: 'string', example: '2' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Most rounds of confirmation `--confirm` accepts: each runs the suspects' files again. */
export const MAX_AB_CONFIRM = 10
/** Default time cap per pair of benchmarks, ms. */
export const DEFAULT_TIME_CAP_MS = 60_000
/** Default place of the results JSON, relative to the project folder. */
export const DEFAULT_AB_JSON = '.perfspec/ab/results.json'

/** What the command uses that tests replace: the coordinator, the clock, the process's signals. */
export interface AbCommandDeps {
  startCoordinator: (options: AbCoordinatorOptions) => Promise<AbCoordinator>
  now: () => number
  /** The CPU both sides share (see `chooseCpuPin`). */
  chooseCpuPin: () => CpuPin
  /** Moves a side's measuring process to the shared CPU; returns what went wrong (see `pinProcess`). */
  pinProcess: (pid: number, cpu: number) => string | undefined
  /** Lets a side's process run on every CPU again after its turns (see `releaseProcess`). */
  releaseProcess: (pid: number, cpus: readonly number[]) => string | undefined
  /** Registers Ctrl-C / SIGTERM handlers (and a closed output pipe, as `SIGPIPE`); returns their removal. */
  onSignal: (handler: (signal: NodeJS.Signals) => void) => () => void
  /** Where progress goes, and whether it is a terminal (one line rewritten in place). */
  progress: { write(text: string): void; isTTY: boolean }
}

const defaultDeps = (): AbCommandDeps => ({
  startCoordinator: realStartCoordinator,
  now: Date.now,
  chooseCpuPin: () => chooseCpuPin(),
  pinProcess: (pid, cpu) => pinProcess(pid, cpu),
  releaseProcess: (pid, cpus) => releaseProcess(pid, cpus),
  onSignal(handler) {
    let count = 0
    // The first stops both sides and resets the worktree; a second one, impatient, ends at once.
    const on = (signal: NodeJS.Signals) => (++count > 1 ? process.exit(130) : handler(signal))
    // The reader of the output went away (`perfspec ab | head`): stopped as by a signal, once;
    // Node would otherwise end at once with exit 1, "a benchmark is slower", the sides running.
    const onPipe = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' && count === 0) on('SIGPIPE')
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
    process.stdout.on('error', onPipe)
    process.stderr.on('error', onPipe)
    return () => {
      process.off('SIGINT', on)
      process.off('SIGTERM', on)
      process.stdout.off('error', onPipe)
      process.stderr.off('error', onPipe)
    }
  },
  progress: { write: (text) => process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
})

/** The A/B settings from the command line. */
interface AbSettings {
  gate: Required<AbGate>
  timeCapMs: number
  runner?: AbRunner
  base?: string
  json: string
  output: string
  /** Pin both sides to one CPU where the system allows (default); `--no-pin` turns it off. */
  pin: boolean
  /** Pairs of fresh processes that measure a benchmark read slower again (see `confirmInFreshProcesses`). */
  confirm: number
}

/** `perfspec ab`: prepares the base, runs both sides file by file, reports; returns the exit code. */
export async function abCommand(args: string[], io: CommandIO, deps: Partial<AbCommandDeps> = {}): Promise<number> {
  const d = { ...defaultDeps(), ...deps }
  const dash = args.indexOf('--')
  const own = dash === -1 ? args : args.slice(0, dash)
  const runnerArgs = dash === -1 ? [] : args.slice(dash + 1)
  const { values, positionals } = parseCommandArgs(own, OPTIONS)
  if (values.help) {
    io.out(`${AB_HELP}\n`)
    return 0
  }
  const cwd = io.cwd ?? process.cwd()
  if (values.merge) return mergeCommand(positionals, values, cwd, io)
  if (positionals.length) throw new UsageError(`perfspec ab takes no file (got ${positionals.join(' ')}); give runner arguments after --, e.g. perfspec ab -- examples/json`)
  const settings = settingsOf(values)
  let split: ReturnType<typeof splitRunnerArguments>
  try {
    split = splitRunnerArguments(runnerArgs)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  return runAb(settings, split, cwd, io, d)
}

/** Checks the options; bad input is a usage error naming the option. */
function settingsOf(values: Record<string, string | boolean | undefined>): AbSettings {
  const text = (key: string) => values[key] as string | undefined
  const metric = (text('metric') ?? DEFAULT_AB_GATE.metric) as AbMetric
  if (metric !== 'typical' && !isGateMetric(metric)) throw new UsageError(`--metric ${metric} is not a figure perfspec ab compares; use typical (the median call, default) or one of ${GATE_METRICS.join(', ')}`)
  const runner = text('runner')
  if (runner !== undefined && !(AB_RUNNERS as readonly string[]).includes(runner)) throw new UsageError(`--runner ${runner}: perfspec ab drives ${AB_RUNNERS.join(' and ')}; e.g. --runner vitest`)
  for (const [key, example] of [['json', 'ab.json'], ['output', 'ab.md'], ['base', 'main']] as const) {
    if (text(key)?.trim() === '') throw new UsageError(`--${key} is empty: give ${key === 'base' ? 'a branch, tag or commit' : 'a file path'}, e.g. --${key} ${example}`)
  }
  const plainNumber = (v: string | undefined) => (v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v)
  try {
    const threshold = text('threshold') === undefined ? DEFAULT_AB_GATE.threshold : parseThreshold(plainNumber(text('threshold')), '--threshold', { what: 'the base revision', example: '10%' })
    // The verdict reads slower code from the paired log ratios against ±T, which needs 0 < T < 1.
    if (!(threshold > 0 && threshold < 1)) throw new TypeError(`perfspec: --threshold must lie between 0% and 100%, both excluded (received ${text('threshold')}): the change that matters between base and head, e.g. --threshold 10%`)
    const confidence = text('confidence') === undefined ? DEFAULT_AB_GATE.confidence : parseFraction(plainNumber(text('confidence')), '--confidence', { example: '95%' })
    if (!(confidence > 0 && confidence < 1)) throw new TypeError(`perfspec: --confidence must lie between 0% and 100%, both excluded (received ${text('confidence')}), e.g. --confidence 95%`)
    const timeCapMs = text('time-cap') === undefined ? DEFAULT_TIME_CAP_MS : parseDuration(plainNumber(text('time-cap')), '--time-cap')
    if (!(timeCapMs > 0)) throw new TypeError(`perfspec: --time-cap must be above 0 (received ${text('time-cap')}), e.g. --time-cap 60s`)
    const confirm = text('confirm') === undefined ? DEFAULT_AB_CONFIRM : Number(text('confirm'))
    if (!(Number.isInteger(confirm) && confirm >= 0 && confirm <= MAX_AB_CONFIRM)) throw new TypeError(`perfspec: --confirm must be a whole number from 0 to ${MAX_AB_CONFIRM} (received ${text('confirm')}): the pairs of fresh processes that measure a benchmark read slower again, e.g. --confirm 2, or 0 to take the first reading`)
    return {
      confirm,
      gate: { metric, threshold, confidence },
      timeCapMs,
      ...(runner !== undefined && { runner: runner as AbRunner }),
      ...(text('base') !== undefined && { base: text('base') }),
      json: text('json') ?? DEFAULT_AB_JSON,
      output: text('output') ?? 'BENCHMARK_RESULTS.md',
      pin: values['no-pin'] !== true,
    }
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** The run itself, from the repository to the reports. */
async function runAb(settings: AbSettings, split: ReturnType<typeof splitRunnerArguments>, cwd: string, io: CommandIO, d: AbCommandDeps): Promise<number> {
  const started = d.now()
  const say = progressPrinter(d.progress)
  const repo = findRepository(cwd)
  const base = resolveBase(repo.top, settings.base)
  const headDir = join(repo.top, repo.project)
  const head = readHead(repo.top, [settings.json, settings.output].map((p) => relative(repo.top, resolve(headDir, p))).filter((p) => p !== '' && !p.startsWith('..')))
  // The report paths are checked before anything is measured: a refusal at the end threw away
  // every measurement of the run.
  const [jsonTarget, mdTarget] = [resolve(headDir, settings.json), resolve(headDir, settings.output)]
  if (jsonTarget === mdTarget || isSameFile(jsonTarget, mdTarget)) throw new CommandError(`--json ${settings.json} and --output ${settings.output} name the same file: the Markdown would replace the JSON; give two paths, e.g. --json ab.json --output ab.md; nothing was measured`)
  for (const [kind, path, flag] of [['ab-json', settings.json, '--json'], ['markdown', settings.output, '--output']] as const) {
    const target = resolve(headDir, path)
    const refused = notOurs(kind, target) ?? atomicWriteTargetProblem(target)
    if (refused) throw new CommandError(`${flag} ${path}: ${refused}; nothing was measured`)
  }
  const runner = settings.runner ?? detectRunner(headDir)
  const cacheDir = abCacheDir(repo.top, io.env)
  const inCache = relative(repo.top, cacheDir)
  if (!inCache.startsWith('..') && !isAbsolute(inCache)) throw new AbError(`the cache folder of perfspec ab, ${cacheDir}, lies inside the repository: the working tree's runner would find the base revision's test files there as its own; set XDG_CACHE_HOME to a folder outside ${repo.top}`)
  const lock = acquireAbLock(cacheDir)
  const abort = new AbortController()
  let interrupted: NodeJS.Signals | undefined
  const removeSignals = d.onSignal((signal) => {
    if (interrupted) return
    interrupted = signal
    say.line(`perfspec ab: ${signal}: stopping both sides…`)
    abort.abort()
  })
  let worktree: string | undefined
  let coordinator: AbCoordinator | undefined
  try {
    say.line(`perfspec ab: base ${base.ref} ${base.commit.slice(0, 12)}${base.how === 'merge-base' ? ' (merge-base with HEAD)' : ''} vs head, the working tree${head.dirty.length ? ` with ${head.dirty.length} uncommitted ${head.dirty.length === 1 ? 'change' : 'changes'}` : ''}`)
    if (base.commit === head.commit && head.dirty.length === 0) say.line('perfspec ab: the base is HEAD and the working tree is clean: both sides run the same code (an A/A run)')
    worktree = worktreePath(repo.top, base.commit, io.env)
    prepareWorktree(repo.top, worktree, base.commit)
    // A project added after the base (a new package, or the merge-base of the branch that adds it).
    if (repo.project !== '' && !existsSync(join(worktree, repo.project))) throw new AbError(`the base revision (${base.ref} ${base.commit.slice(0, 12)}) has no folder ${repo.project}/, the project perfspec ab runs in: there is nothing to compare with; give a --base that has it`)
    // Its real path: the runner lists real paths, and a cache folder reached through a link
    // (`~/.cache` on another disk) would name every base file as outside the project.
    const baseDir = realpathSync(join(worktree, repo.project))
    say.line(`perfspec ab: base checked out in ${worktree}`)
    // Ctrl-C aborts the install, which then reads as failed: the stop is what happened.
    const install = await installBase(repo.top, worktree, repo.project, undefined, abort.signal).catch((error: unknown) => {
      if (interrupted) return undefined
      throw error
    })
    if (interrupted || !install) return interruptedExit(io, interrupted ?? 'SIGINT')
    if (install.plan.kind === 'install') say.line(`perfspec ab: installed the base's dependencies (${install.plan.command.join(' ')}, ${install.plan.why === 'lockfile' ? 'its lockfile differs' : 'a workspace'}) in ${Math.round(install.took / 1000)}s`)

    const pin: CpuPin = settings.pin ? d.chooseCpuPin() : { why: '--no-pin' }
    say.line(pin.cpu !== undefined ? `perfspec ab: both sides measure on CPU ${pin.cpu}, so that a core that runs slow slows both alike (--no-pin to let them move)` : `perfspec ab: the sides are not pinned to one CPU: ${pin.why}`)
    const run = randomBytes(6).toString('hex')
    const socketPath = abSocketPath(tmpdir(), run)
    const abEnv = (side: AbSide, hold?: string) => encodeAbEnvironment({ v: AB_PROTOCOL_VERSION, socket: socketPath, side, run, ...(hold !== undefined && { hold }) })
    const setup = (side: AbSide, dir: string): SideSetup => {
      const env: NodeJS.ProcessEnv = { ...io.env, [AB_ENV]: abEnv(side), FORCE_COLOR: '0' }
      // The A/B run judges from its pairs: no baseline is read, confirmed against or written.
      delete env[WORKER_GATE_ENV]
      return { side, dir, runner, script: runnerScript(runner, dir, side), env }
    }
    const sides = { base: setup('base', baseDir), head: setup('head', headDir) }
    const [baseFiles, headFiles] = await Promise.all([listSideFiles(sides.base, split.list), listSideFiles(sides.head, split.list)])
    // Vitest runs a file by a filter that other files' paths may contain, also outside the user's
    // file filters: each side's whole list, to leave those out by name.
    const filtered = split.list.length !== split.run.length && runner === 'vitest'
    ;[sides.base.listed, sides.head.listed] = filtered ? await Promise.all([listSideFiles(sides.base, split.run), listSideFiles(sides.head, split.run)]) : [baseFiles, headFiles]
    const plan = shardFiles(pairFiles(baseFiles, headFiles), split.shard)
    if (plan.length === 0) throw new AbError(`no test file to run on either side${split.list.length ? ` with the runner arguments ${split.list.join(' ')}` : ''}${split.shard ? ` in shard ${split.shard.index}/${split.shard.count}` : ''}`)

    // Sides whose workers wait for their turn when started early (they said so): their next
    // file's runner starts while a file measures (see runFiles).
    const holds: Record<AbSide, boolean> = { base: false, head: false }
    const earlyListeners = new Set<() => void>()
    const onEarly = (listener: () => void) => (earlyListeners.add(listener), () => earlyListeners.delete(listener))
    const mayStartEarly = () => [...earlyListeners].forEach((listener) => listener())
    const runOptions = withSharedSeed(runner, split.run, 1 + Math.floor(Math.random() * 2 ** 31))
    // With `turn`, started before it: its worker waits for that turn (see runFiles).
    const start = (side: AbSide, file: string, turn?: string, options: readonly string[] = runOptions) =>
      startSide(turn ? { ...sides[side], env: { ...sides[side].env, [AB_ENV]: abEnv(side, turn) } } : sides[side], file, options)
    let baseHello = false
    let pinFailed: string | undefined
    let badHello: string | undefined
    coordinator = await d.startCoordinator({
      socketPath,
      gate: settings.gate,
      ...(settings.confirm > 0 && { screen: SCREEN_CONFIDENCE }),
      benchmarks: expectedBenchmarks(resolve(headDir, settings.json)),
      timeCapMs: settings.timeCapMs,
      onProgress: (p: AbProgress) => {
        say.status(`${abFileText(p.file)} › ${progressText(p)}`, p.status !== 'measuring')
        // A verdict may make a suspect, whose first fresh round can then start early.
        if (p.status !== 'measuring') mayStartEarly()
      },
      onHello: (hello) => {
        if (hello.side === 'base') baseHello = true
        if (hello.holds && !holds[hello.side]) {
          holds[hello.side] = true
          mayStartEarly()
        }
        if (hello.v !== AB_PROTOCOL_VERSION && !badHello) {
          badHello = `the ${hello.side} side's perfspec ${hello.perfspec} speaks A/B protocol version ${hello.v}, this one ${AB_PROTOCOL_VERSION}: compare revisions whose perfspec versions both support perfspec ab alike (upgrade the older one)`
          abort.abort()
        }
      },
      onPairing: (pid, pairing) => {
        if (pin.cpu === undefined || pinFailed) return
        if (!pairing) {
          // A process that has just ended cannot be moved, nor needs to be.
          d.releaseProcess(pid, pin.cpus)
          return
        }
        pinFailed = d.pinProcess(pid, pin.cpu)
        if (pinFailed) say.line(`perfspec ab: ${pinFailed}; the sides measure wherever the system runs them`)
      },
      onProtocolError: (error) => say.line(`perfspec ab: a test process sent what the protocol does not allow (${error.message}); ignored`),
    })
    const early = (side: AbSide) => holds[side]
    const running = coordinator
    const outcome = await runFiles({
      plan,
      coordinator,
      start,
      early,
      onEarly,
      // The first fresh round's runners start during the last file, once a suspect is known.
      then: () => firstRoundFile(running.results(), plan, settings.confirm),
      onFile: (i, total, f) => say.line(`perfspec ab: [${i}/${total}] ${abFileText(f.file)}${f.sides.length === 1 ? ` (${f.sides[0]} only)` : ''}`),
      signal: abort.signal,
    })
    const failures: AbSideFailure[] = [...outcome.failures]
    let round = 0
    let nextRound: EarlyStart | undefined = outcome.next
    const comparisons = outcome.killed || interrupted
      ? running.results()
      : await confirmInFreshProcesses({
          comparisons: running.results(),
          plan,
          confirm: settings.confirm,
          signal: abort.signal,
          onRound: (n, suspects, files) => {
            round = n
            say.line(`perfspec ab: ${suspects.map(abBenchName).join(', ')} read slower: measuring again in fresh processes (${n} of ${settings.confirm}${n > settings.confirm ? ', in place of a round that did not measure it' : ''}), ${files.map((f) => abFileText(f.file)).join(', ')}`)
          },
          runAgain: async (files, suspects) => {
            const before = running.results().length
            // The suspects' files whole: a test that uses what the tests before it built (rows
            // loaded, a registry filled) measures the same work as in the run only after them.
            // Only the suspects take turns; the files' other benchmarks measure alone at once.
            running.pairOnly(new Set(suspects.map((s) => s.id)))
            // The next round, should there be one, begins with this round's first file: its
            // runners start as this round's last file does, and wait (stopped if no round comes).
            const again = await runFiles({ plan: files, coordinator: running, start, early, onEarly, begun: nextRound, then: () => files[0], signal: abort.signal })
            nextRound = again.next
            // A file that failed before fails again in a fresh process for the same reason: said once.
            const said = (f: AbSideFailure) => failures.some((g) => g.side === f.side && g.file === f.file)
            failures.push(...[...again.failures, ...(again.killed ? [again.killed] : [])].filter((f) => !said(f)).map((f) => ({ ...f, round })))
            return running.results().slice(before)
          },
        })
    stopEarly(nextRound)
    await coordinator.close()
    coordinator = undefined
    const paired = plan.filter((f) => f.sides.length === 2).length
    const headOnly = comparisons.filter((c) => c.status === 'alone' && c.side === 'head').length
    // A base that runs the head's own perfspec and connected nothing has no benchmark yet (the
    // change adds the first ones): they are new, not a fault of the base.
    const silentBase = !baseHello && paired > 0 && comparisons.length > 0 && headOnly === comparisons.length && !outcome.killed && !interrupted && !baseHasHeadsPerfspec(baseDir, headDir)
    // Said after the reports are rewritten, saying the run decided nothing: the last run's PASS must not stay.
    const undecided = badHello ? { reason: 'base-protocol' as const, error: badHello } : silentBase ? { reason: 'base-not-connected' as const, error: `no benchmark of the base revision (${base.commit.slice(0, 12)}) connected, while ${headOnly} of the working tree's did: its perfspec is missing, not set up for ${runner}, or older than perfspec ab (A/B protocol version ${AB_PROTOCOL_VERSION}); give a --base whose perfspec supports perfspec ab` } : undefined
    const report: AbRunReport = {
      perfspecAb: 1,
      createdAt: new Date(d.now()).toISOString(),
      duration: d.now() - started,
      base,
      head: { commit: head.commit, dirty: head.dirty.length },
      runner: { name: runner },
      gate: settings.gate,
      timeCapMs: settings.timeCapMs,
      ...(split.shard && { shards: [split.shard] }),
      install: install.plan.kind,
      ...(pin.cpu !== undefined && !pinFailed && { cpu: pin.cpu }),
      files: plan.length,
      comparisons,
      failures: [...failures, ...(outcome.killed ? [outcome.killed] : [])].map((f) => {
        const problem = sideProblemIn(f.output)
        return { ...f, output: f.output.slice(-4000), ...problem }
      }),
      ...(outcome.killed && { stopped: 'killed' as const }),
      // Stopped mid-way: the reports are still rewritten, saying so, so that the last run's PASS does not stay.
      ...(interrupted ? { stopped: 'interrupted' as const } : {}),
      ...(undecided && { undecided: undecided.reason }),
    }
    say.done()
    const written = writeReports(report, settings, headDir, io)
    if (undecided) throw new AbError(undecided.error)
    return interrupted ? interruptedExit(io, interrupted, 'written') : written
  } finally {
    removeSignals()
    await coordinator?.close().catch(() => undefined)
    if (worktree) {
      try {
        cleanWorktree(worktree, base.commit)
      } catch {
        // The next run resets it before use.
      }
      markWorktreeUsed(worktree)
      // Under the lock: no other run of this repository uses a worktree meanwhile.
      pruneWorktrees(repo.top, cacheDir, base.commit)
    }
    lock.release()
  }
}

function interruptedExit(io: CommandIO, signal: NodeJS.Signals, reports: 'written' | 'before-any-file' = 'before-any-file'): number {
  const said = reports === 'written' ? 'the reports say what was measured before it' : "no file had run, so the last run's reports were left as they were"
  io.err(`perfspec ab: interrupted (${signal}); both sides stopped, the base worktree was reset. Nothing was decided; ${said}.\n`)
  return 2
}

/** Prints the table and writes the JSON, the Markdown and (under GitHub Actions) the annotations and step summary; returns the exit code. */
function writeReports(report: AbRunReport, settings: Pick<AbSettings, 'json' | 'output'>, dir: string, io: CommandIO): number {
  const exitCode = abExitCode(report)
  const github = io.env.GITHUB_ACTIONS === 'true'
  const problems: string[] = []
  const written: string[] = []
  const write = (kind: OutputKind, path: string, text: string) => {
    const target = resolve(dir, path)
    const refused = notOurs(kind, target)
    if (refused) return problems.push(`${path} not written: ${refused}`)
    try {
      writeFileAtomic(target, text)
      written.push(path)
    } catch (error) {
      problems.push(`${path} not written: ${atomicWriteProblem(error)}`)
    }
  }
  write('ab-json', settings.json, renderAbJson(report))
  const markdown = renderAbMarkdown(report, exitCode, settings.json)
  // The reporter's report there (a baseline run earlier in the job) keeps its content: the A/B
  // run becomes its last section.
  const existing = readRegularFile(resolve(dir, settings.output))
  write('markdown', settings.output, existing.ok && !isAbMarkdown(existing.text) ? withAbSection(existing.text, markdown) : markdown)
  const summary = github ? io.env.GITHUB_STEP_SUMMARY : undefined
  if (summary) {
    try {
      appendFileSync(summary, `${markdown}\n`)
    } catch (error) {
      problems.push(stepSummaryNotWrittenText(summary, atomicWriteProblem(error)))
    }
  }
  io.out(inertLines(abTable(report, exitCode, Number(io.env.COLUMNS) || 100)))
  if (written.length) io.out(`Reports: ${written.join(', ')}\n`)
  for (const p of problems) io.err(`perfspec ab: ${printable(p)}\n`)
  if (github) for (const line of abAnnotations(report.comparisons, report.failures, folderInWorkspace(dir, io.env))) io.out(`${line}\n`)
  return problems.length && exitCode === 0 ? 2 : exitCode
}

/** `perfspec ab --merge a.json b.json`: one report and verdict from shards. */
function mergeCommand(paths: string[], values: Record<string, string | boolean | undefined>, cwd: string, io: CommandIO): number {
  if (paths.length === 0) throw new UsageError('give the results of each shard, e.g. perfspec ab --merge shard-1/results.json shard-2/results.json')
  try {
    const merged = mergeAbReports(paths.map((path) => ({ path, report: readAbReport(resolve(cwd, path)) })))
    return writeReports(merged, { json: (values.json as string | undefined) ?? DEFAULT_AB_JSON, output: (values.output as string | undefined) ?? 'BENCHMARK_RESULTS.md' }, cwd, io)
  } catch (error) {
    if (error instanceof AbResultsError) throw new CommandError(error.message)
    throw error
  }
}

/**
 * Progress on stderr: on a terminal, one status line rewritten in place (which benchmark, pairs
 * so far, the current interval); elsewhere (a CI log) a line per verdict only, not per pair.
 */
function progressPrinter(stream: AbCommandDeps['progress']) {
  let open = false
  const clear = () => {
    if (open) stream.write('\r\x1b[K')
    open = false
  }
  return {
    line(text: string) {
      clear()
      stream.write(`${inertLines(text)}\n`)
    },
    status(line: string, final: boolean) {
      const text = inertLines(line)
      if (stream.isTTY) {
        clear()
        stream.write(final ? `  ${text}\n` : `  ${text}`)
        open = !final
      } else if (final) stream.write(`  ${text}\n`)
    },
    done: clear,
  }
}
