import { isAbsolute, join, normalize } from 'pathe'
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../model/export-formats.js'
import { DEFAULT_GATE, type Gate, type UpdateMode } from '../model/gate.js'
import { gateMetricList, isGateMetric, type BaselineMetric } from '../model/metrics.js'
import { argumentError, describe } from '../units/argument-error.js'
import { formatPercent } from '../units/format.js'
import { parseThreshold, type Threshold } from '../units/percent.js'
import { parseWholeNumber } from '../units/whole-number.js'
import { baselineDirError, baselineDirProblem } from './baseline-folder.js'
import { climbsOut } from './root-paths.js'
import { optionsObject } from '../units/options-object.js'

/** Options of the perfspec plugin (Vitest) and reporter (Jest). All optional. */
export interface PerfOptions {
  /**
   * Markdown report, a file path relative to the project root (or absolute, inside it); `false`
   * for none. A path ending in a separator (`'docs/'`) names a folder and is refused. Default
   * `'BENCHMARK_RESULTS.md'`.
   */
  output?: string | false
  /** JSON of the whole run, a file path as for `output`; `false` for none. Default `'BENCHMARK_RESULTS.json'`. */
  json?: string | false
  /**
   * Folder of the committed baselines, relative to the project root (or absolute). Default
   * `'baselines'`. A folder outside the project may be shared by several projects (a monorepo's
   * `'../baselines'`): each keeps its baselines under its own path there. It may not be the
   * project root, contain it (`'.'`, `'..'`, `'/'`) or lie in `node_modules` or `.git`.
   */
  baselineDir?: string
  /** Statistic the regression gate compares. Default `'p95'`. */
  metric?: BaselineMetric
  /** How much slower than the baseline fails: `'20%'`, or a fraction below 1 such as `0.2`. Default `'20%'`. */
  threshold?: Threshold
  /** How much slower than the baseline warns, in the same forms; at most `threshold`. Default `'10%'` (half the threshold when that is lower). */
  warnThreshold?: Threshold
  /**
   * Baseline writing: `true` or `'all'` rewrites the baselines of the benchmarks that ran (as
   * `-u` does); `'new'` writes missing ones even in CI; `'none'` writes nothing. Default: `'new'`
   * locally, `'none'` when `CI` is set; `-u` or `PERFSPEC_UPDATE=all` make it `'all'`.
   */
  update?: boolean | UpdateMode
  /**
   * Test timeout (ms) when the Vitest config sets none, or the Jest config leaves Jest's 5 s default:
   * above 0 and at most 2147483647 (Node's longest timer). Default `60000`.
   */
  testTimeout?: number
  /**
   * How many more times a benchmark that reads as a regression is measured, after a pause, before
   * it is failed; it fails only if every measurement reads as one. `0` turns confirmation off.
   * A whole number from 0 to 10. Default `2`. A bench's own `confirm` option wins.
   */
  confirm?: number
  /**
   * Measure what the run would fail as a regression once more, at the end of the run, in a fresh
   * process (the runner started again on that test alone), and fail it only if that process reads
   * a regression too: a process can run its code slower than another for its whole life, which
   * more measurements in it repeat. Costs a runner's start per test file with a suspect, nothing
   * when none is. Off with `confirm: 0`, in watch mode and when merging shards' reports.
   * Default `true`.
   */
  freshProcess?: boolean
  /**
   * Measurements, spread in time, taken when a baseline is written (a new one locally, or `-u`):
   * the fastest by typical call is stored, with the spread between them. 1 to 10. Default `3`.
   */
  baselineAttempts?: number
  /**
   * Processes a baseline is measured in when it is written (a new one locally, or `-u`): the
   * run's own, then the runner started again on the tests whose baselines it writes, once per
   * further process, each measuring them up to `baselineAttempts` times, back to back (the
   * processes lie tens of seconds apart; the run's own process too then), and no more once one
   * reads within a quarter of the threshold of the lowest reading so far. The fastest measurement of all
   * is stored, and the spread covers the gap between processes too: the host's slow stretches
   * last up to minutes and a whole process can run its code slower, which measurements within one
   * process cannot show. 1 (the run's own process only) to 5. Default `3`. Not in watch mode.
   * `PERFSPEC_BASELINE_PROCESSES` overrides it.
   */
  baselineProcesses?: number
  /**
   * The name of this machine class, whose baselines are kept apart from other machines' in the
   * same files (e.g. `'ci-linux-2core'`): letters, digits, `.`, `_`, `-`. `PERFSPEC_TESTBED`
   * overrides it. Default: none, and the baselines' machine fingerprint decides what is gated.
   * A run gates only against its own testbed's baselines; for a benchmark it has none of, another
   * testbed's in the same file (the unnamed ones first) is compared and reported, never gated.
   */
  testbed?: string
  /**
   * Gate against baselines taken on another machine (another CPU, core count, OS, arch or Node
   * major, or a speed reference off by more than 25 %). Default `false`: they are compared and
   * reported, not failed.
   */
  crossMachine?: boolean
  /**
   * Exports of the run's benchmarks for other tools, written at the end of each run next to the
   * report: a path inside the project root (relative to it, or absolute) by format, e.g.
   * `{ bmf: 'bench.bmf.json', 'github-action-benchmark': 'gab.json' }`. `bmf` is the Bencher
   * Metric Format (`bencher run --adapter json --file …`): latency in ns (mean ∓ sd) and
   * throughput in calls/s; `github-action-benchmark` is the JSON of its `customSmallerIsBetter`
   * tool: mean latency in `ns/iter`. Benchmarks that failed are left out. Default: none.
   */
  exports?: Partial<Record<ExportFormat, string | false>>
}

const KEYS = ['output', 'json', 'baselineDir', 'metric', 'threshold', 'warnThreshold', 'update', 'testTimeout', 'confirm', 'freshProcess', 'baselineAttempts', 'baselineProcesses', 'testbed', 'crossMachine', 'exports'] as const

/**
 * The longest test timeout, ms: 2^31 - 1. Node's timers (which Vitest and Jest time tests with)
 * take a longer delay as 1 ms, with a warning, so every test would time out at once.
 */
export const MAX_TIMEOUT = 2 ** 31 - 1
/** Default further measurements that confirm a regression. */
export const DEFAULT_CONFIRM = 2
/** Default measurements when a baseline is written. */
export const DEFAULT_BASELINE_ATTEMPTS = 3
/** Default processes a baseline is measured in when it is written. */
export const DEFAULT_BASELINE_PROCESSES = 3
/** The environment variable that sets the processes a baseline is measured in, over the `baselineProcesses` option. */
export const BASELINE_PROCESSES_ENV = 'PERFSPEC_BASELINE_PROCESSES'
/** The environment variable that names the testbed, over the `testbed` option. */
export const TESTBED_ENV = 'PERFSPEC_TESTBED'

// Names Windows keeps for devices, alone or before an extension (`NUL`, `com1.linux`).
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$/i

/**
 * Checks a testbed name: it becomes a key in baseline files and a word in messages, and a CI job
 * names its files and artifacts after it, so it is kept to letters, digits, `.`, `_` and `-` (no
 * path separators, spaces or control characters), and is no name Windows keeps for a device.
 */
export function parseTestbed(value: unknown, argument: string): string {
  const example = "a name of letters, digits, '.', '_' and '-' (up to 100, starting with a letter or digit), such as 'ci-linux-2core'"
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value)) throw argumentError(argument, value, example)
  if (WINDOWS_DEVICE.test(value)) throw argumentError(argument, value, example, 'CON, PRN, AUX, NUL, COM0 to COM9 and LPT0 to LPT9 (in any case, with or without an extension) name devices on Windows, where no file or folder can be named so')
  return value
}

/** The options, checked, with defaults applied. */
export interface ResolvedPerfOptions {
  output: string | false
  json: string | false
  baselineDir: string
  /** How errors name these options, e.g. `plugin` (as in `perfspec: plugin option "baselineDir"`). */
  source: string
  gate: Gate
  update?: UpdateMode
  testTimeout: number
  confirm: number
  /** Whether a suspect is measured again in a fresh process (only with `confirm` above 0). */
  freshProcess: boolean
  baselineAttempts: number
  /** Processes a baseline is measured in when written (1: the run's own only). */
  baselineProcesses: number
  testbed?: string
  crossMachine: boolean
  /** Export paths by format, as given (relative to the project root); only the formats asked for. */
  exports: Partial<Record<ExportFormat, string>>
}

/**
 * Checks plugin/reporter options; a `TypeError` naming the option otherwise.
 *
 * @param where what takes the options, as messages name it after their `perfspec: ` prefix:
 *   `plugin` (`perfspec: plugin option "threshold" …`), `perf reporter`, `Jest reporter`
 */
export function resolvePerfOptions(options: unknown, where = 'plugin'): ResolvedPerfOptions {
  const o = optionsObject(options ?? undefined, KEYS, where, "{ threshold: '20%' }")
  const path = (key: string, fallback: string): string | false => {
    const v = o[key]
    if (v === undefined) return fallback
    if (v === false || (typeof v === 'string' && v.trim() !== '')) return v as string | false
    throw argumentError(`${where} option "${key}"`, v, `a path such as '${fallback}', or false`)
  }
  // The baselines may live elsewhere (a monorepo's shared folder); what a run reports may not.
  const report = (key: 'output' | 'json', fallback: string): string | false => {
    const v = path(key, fallback)
    return v === false ? v : inProject(v, `${where} option "${key}"`, fallback)
  }
  const gate = resolveGate({ metric: o.metric, threshold: o.threshold, warnThreshold: o.warnThreshold }, (key) => `${where} option "${key}"`)
  let update: UpdateMode | undefined
  if (o.update === true) update = 'all'
  else if (o.update === false) update = 'none'
  else if (o.update === 'all' || o.update === 'new' || o.update === 'none') update = o.update
  else if (o.update !== undefined) throw argumentError(`${where} option "update"`, o.update, "true, false, 'all', 'new' or 'none'")
  const testTimeout = o.testTimeout ?? 60_000
  if (typeof testTimeout !== 'number' || !(testTimeout > 0 && testTimeout <= MAX_TIMEOUT)) {
    throw argumentError(`${where} option "testTimeout"`, o.testTimeout, `a number of milliseconds above 0 and at most ${MAX_TIMEOUT} (about 24.8 days, the longest timer Node runs), such as 60000`)
  }
  const confirm = o.confirm === undefined ? DEFAULT_CONFIRM : parseWholeNumber(o.confirm, `${where} option "confirm"`, 0, 10, '2 (0 turns confirmation off)')
  const baselineAttempts = o.baselineAttempts === undefined ? DEFAULT_BASELINE_ATTEMPTS : parseWholeNumber(o.baselineAttempts, `${where} option "baselineAttempts"`, 1, 10, '3')
  const processesEnv = process.env[BASELINE_PROCESSES_ENV]
  const processesHint = "3 (1: the run's own process only)"
  const baselineProcesses =
    processesEnv !== undefined && processesEnv !== ''
      ? parseWholeNumber(/^\d+$/.test(processesEnv.trim()) ? Number(processesEnv) : processesEnv, `the environment variable ${BASELINE_PROCESSES_ENV}`, 1, 5, processesHint)
      : o.baselineProcesses === undefined
        ? DEFAULT_BASELINE_PROCESSES
        : parseWholeNumber(o.baselineProcesses, `${where} option "baselineProcesses"`, 1, 5, processesHint)
  const fromEnv = process.env[TESTBED_ENV]
  const testbed = fromEnv !== undefined && fromEnv !== '' ? parseTestbed(fromEnv, `the environment variable ${TESTBED_ENV}`) : o.testbed === undefined ? undefined : parseTestbed(o.testbed, `${where} option "testbed"`)
  if (o.freshProcess !== undefined && typeof o.freshProcess !== 'boolean') throw argumentError(`${where} option "freshProcess"`, o.freshProcess, 'true or false')
  if (o.crossMachine !== undefined && typeof o.crossMachine !== 'boolean') throw argumentError(`${where} option "crossMachine"`, o.crossMachine, 'true or false')
  const baselineDir = path('baselineDir', 'baselines')
  if (baselineDir === false) throw argumentError(`${where} option "baselineDir"`, false, "a folder such as 'baselines'")
  const folderProblem = baselineDirProblem(baselineDir)
  if (folderProblem) throw baselineDirError(`${where} option "baselineDir"`, baselineDir, folderProblem)
  const output = report('output', 'BENCHMARK_RESULTS.md')
  const json = report('json', 'BENCHMARK_RESULTS.json')
  const exports = parseExports(o.exports, where)
  rejectSharedPaths({ output, json, ...Object.fromEntries(Object.entries(exports).map(([format, p]) => [`exports.${format}`, p])) }, where)
  return {
    output,
    json,
    baselineDir,
    source: where,
    gate,
    ...(update && { update }),
    testTimeout,
    confirm,
    freshProcess: confirm > 0 && o.freshProcess !== false,
    baselineAttempts,
    baselineProcesses,
    ...(testbed !== undefined && { testbed }),
    crossMachine: o.crossMachine === true,
    exports,
  }
}

/** Checks the `exports` option: an object of export paths by format; a format set to `false` is left out. */
function parseExports(value: unknown, where: string): Partial<Record<ExportFormat, string>> {
  if (value === undefined) return {}
  const example = "{ bmf: 'bench.bmf.json', 'github-action-benchmark': 'gab.json' }"
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw argumentError(`${where} option "exports"`, value, `an object of file paths by format, such as ${example}`)
  const exports: Partial<Record<ExportFormat, string>> = {}
  for (const [format, path] of Object.entries(value)) {
    if (!isExportFormat(format)) throw new TypeError(`perfspec: ${where} option "exports" has an unknown format "${format}"; formats: ${EXPORT_FORMATS.join(', ')}, e.g. ${example}`)
    if (path === false || path === undefined) continue
    const file = format === 'bmf' ? 'bench.bmf.json' : 'gab.json'
    if (typeof path !== 'string' || path.trim() === '') throw argumentError(`${where} option "exports.${format}"`, path, `a file path such as '${file}', or false`)
    exports[format] = inProject(path, `${where} option "exports.${format}"`, file)
  }
  return exports
}

/**
 * A report path relative to the project root that stays in it. Reporter outputs are written in
 * the project (see {@link reportPaths}); `../../etc/x.json` is refused here, an absolute path
 * once the root is known.
 */
function inProject(path: string, argument: string, example: string): string {
  if (namesFolder(path)) throw argumentError(argument, path, `a file path such as '${join(path, example)}'`, "a path ending in a separator, '.' or '..' names a folder")
  if (!isAbsolute(path) && climbsOut(path)) throw argumentError(argument, path, `a path inside the project root, such as '${example}': reports and exports are written in the project`)
  return path
}

/** `'out/'`, `'out\\'`, `'.'`, `'out/..'`: a path that names a folder, never a file to write. */
function namesFolder(path: string): boolean {
  return /[/\\]$/.test(path) || /(^|[/\\])\.{1,2}$/.test(path)
}

/** Two reports at one path would overwrite each other, the second written winning unseen: refused. */
function rejectSharedPaths(paths: Record<string, string | false>, where: string): void {
  const owner = new Map<string, string>()
  for (const [option, path] of Object.entries(paths)) {
    if (path === false) continue
    const key = normalize(path)
    const other = owner.get(key)
    if (other) throw new TypeError(`perfspec: ${where} options "${other}" and "${option}" both write ${path}; give each its own file`)
    owner.set(key, option)
  }
}

/** The values PERFSPEC_UPDATE takes (`1` and `true` mean `all`). */
const UPDATE_VALUES = ['all', 'new', 'none', '1', 'true']

/**
 * The baseline update mode of a run, from the most specific request to the least: the mode the
 * runner was asked for on its command line (`vitest -u`, `--update=new`, `jest -u`), then
 * `PERFSPEC_UPDATE`, then the `update` option; otherwise `'none'` in CI and `'new'` locally.
 *
 * @param runnerUpdate - the runner's update flag read as a mode; `undefined` when none was given
 *   (or it was given as false)
 */
export function updateMode(option: UpdateMode | undefined, runnerUpdate: UpdateMode | undefined, ci: boolean): UpdateMode {
  const env = process.env.PERFSPEC_UPDATE?.toLowerCase()
  if (env !== undefined && env !== '' && !UPDATE_VALUES.includes(env)) {
    throw new TypeError(`perfspec: PERFSPEC_UPDATE=${process.env.PERFSPEC_UPDATE} is not a mode; use all (rewrite the baselines of the benchmarks that ran), new (write missing ones) or none (write nothing)`)
  }
  if (runnerUpdate) return runnerUpdate
  if (env === 'all' || env === '1' || env === 'true') return 'all'
  if (env === 'new' || env === 'none') return env
  if (option) return option
  return ci ? 'none' : 'new'
}

/**
 * The run's gate from user input (plugin and reporter options, CLI flags): the metric checked
 * against the one list, thresholds by the one rule ({@link parseThreshold}), the WARN band
 * defaulting to 10 % or half the threshold when that is lower; one given may be up to the
 * threshold, and one above it is refused.
 *
 * @param name - how errors name each input, e.g. `plugin option "threshold"` or `--threshold`
 * @throws TypeError naming the input and showing the accepted forms
 */
export function resolveGate(input: { metric?: unknown; threshold?: unknown; warnThreshold?: unknown }, name: (key: 'metric' | 'threshold' | 'warnThreshold') => string): Gate {
  const metric = input.metric ?? DEFAULT_GATE.metric
  if (!isGateMetric(metric)) throw argumentError(name('metric'), metric, `one of ${gateMetricList()}`)
  const threshold = input.threshold === undefined ? DEFAULT_GATE.threshold : parseThreshold(input.threshold, name('threshold'))
  const warn = input.warnThreshold === undefined ? Math.min(DEFAULT_GATE.warn, threshold / 2) : parseThreshold(input.warnThreshold, name('warnThreshold'))
  if (warn > threshold) {
    const failing = input.threshold === undefined ? `the default ${name('threshold')} of ${formatPercent(threshold)}` : `${name('threshold')} ${describe(input.threshold)}`
    throw new TypeError(`perfspec: ${name('warnThreshold')} ${describe(input.warnThreshold)} is above ${failing}: a change past the threshold fails, so a warning band above it would never warn; give a warnThreshold at most the threshold, such as ${formatPercent(threshold / 2)}`)
  }
  return { metric: metric satisfies BaselineMetric, threshold, warn }
}
