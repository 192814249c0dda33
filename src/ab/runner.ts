import { existsSync, readFileSync } from 'node:fs'
import { join } from 'pathe'
import { AbError } from './ab-error.js'
import { findRunnerBin } from '../run/runner-bin.js'

/** The test runners `perfspec ab` drives. */
export const AB_RUNNERS = ['vitest', 'jest'] as const
/** A test runner `perfspec ab` drives. */
export type AbRunner = (typeof AB_RUNNERS)[number]

const CONFIGS: Record<AbRunner, readonly string[]> = {
  vitest: ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.cts', 'vitest.config.js', 'vitest.config.mjs', 'vitest.config.cjs', 'vitest.workspace.ts', 'vitest.workspace.js'],
  jest: ['jest.config.ts', 'jest.config.mts', 'jest.config.cts', 'jest.config.js', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.json'],
}

/**
 * The runner of the project in `dir`: the one its config files name (`vitest.config.*`,
 * `jest.config.*` or a `jest` key in `package.json`), else the one it depends on.
 *
 * @throws AbError when both or neither are found, asking for `--runner`
 */
export function detectRunner(dir: string): AbRunner {
  const pkg = readPackage(dir)
  const byConfig = AB_RUNNERS.filter((r) => CONFIGS[r].some((f) => existsSync(join(dir, f))) || (r === 'jest' && pkg?.jest !== undefined))
  if (byConfig.length === 1) return byConfig[0]!
  const deps = { ...pkg?.dependencies, ...pkg?.devDependencies }
  const byDependency = AB_RUNNERS.filter((r) => r in deps)
  if (byConfig.length === 0 && byDependency.length === 1) return byDependency[0]!
  const found = byConfig.length > 1 ? 'both a Vitest and a Jest config' : byDependency.length > 1 ? 'both vitest and jest among its dependencies' : 'neither vitest nor jest (no config file, no dependency)'
  throw new AbError(`cannot tell which test runner ${dir} uses: it has ${found}; say it with --runner vitest or --runner jest`)
}

/**
 * The runner's command-line script, from the side's own dependencies (the base's install runs
 * the base's runner), as `node <script>` runs it on every platform.
 *
 * @throws AbError when the side has no such runner installed
 */
export function runnerScript(runner: AbRunner, dir: string, side: string): string {
  const found = findRunnerBin(runner, dir)
  if (found.ok) return found.script
  if (found.reason === 'not-installed') throw new AbError(`the ${side} side (${dir}) has no ${runner} installed: perfspec ab runs each side's tests with its own ${runner}; install the dependencies${side === 'head' ? ' (e.g. npm ci)' : ''}, or give --runner`)
  throw new AbError(`${found.manifest} names no ${runner} command (no "bin"): cannot start ${runner}`)
}

/**
 * The arguments that list a side's test files, as JSON on standard output: `vitest list
 * --filesOnly --json` or `jest --listTests --json`, with the user's runner arguments (a file
 * filter, `--project`).
 */
export function listArguments(runner: AbRunner, runnerArgs: readonly string[]): string[] {
  // Vitest's --json takes an optional file name, so it comes last, or a filter would be taken for one.
  return runner === 'vitest' ? ['list', ...runnerArgs, '--filesOnly', '--json'] : ['--listTests', '--json', ...runnerArgs]
}

/**
 * The runner options with one seed for the order of the tests, the same on both sides, unless the
 * options give one: a side that shuffles its tests (Vitest's `sequence.shuffle`, in the config or
 * on the command line; Jest's `--randomize`) with a seed of its own would reach its benchmarks in
 * another order than the other side, and the two would not meet on them. Vitest gets it always
 * (its seed orders nothing unless it shuffles); Jest only with `--randomize` (older Jest 29 has no
 * `--seed`). `seed`: a positive integer, one per A/B run.
 */
export function withSharedSeed(runner: AbRunner, runnerOptions: readonly string[], seed: number): string[] {
  const given = (flag: string) => runnerOptions.some((o) => o === flag || o.startsWith(`${flag}=`))
  if (runner === 'vitest') return given('--sequence.seed') ? [...runnerOptions] : [...runnerOptions, `--sequence.seed=${seed}`]
  return given('--randomize') && !given('--seed') ? [...runnerOptions, `--seed=${seed}`] : [...runnerOptions]
}

/**
 * The arguments that run one test file: `vitest run <file> --no-file-parallelism` or `jest
 * --runInBand --forceExit --runTestsByPath <file>`, with the user's options. Vitest takes the file as a
 * filter, a part of a path relative to its root: `others`, absolute paths of the side's other
 * test files that such a filter may also match (see {@link filesAlsoMatched}), are excluded by
 * name, so that the file runs alone.
 */
export function runArguments(runner: AbRunner, file: string, runnerOptions: readonly string[], others: readonly string[] = []): string[] {
  // --forceExit: a test file that leaves a handle open (a server, a timer) would keep the side's
  // Jest waiting for ever once its results are in, as perfspec's own fresh-process runs know.
  if (runner === 'jest') return ['--runInBand', '--forceExit', '--runTestsByPath', file, ...runnerOptions]
  return ['run', file, '--no-file-parallelism', ...others.flatMap((f) => ['--exclude', escapeGlob(f)]), ...runnerOptions]
}

/**
 * The files of `listed` that Vitest's filter for `file` may also run (all relative to the
 * project folder). Vitest matches the filter's path relative to its root (which may be a folder
 * below the project's: `root`, a project of `projects`) as a part of each file's path, ignoring
 * case; that path ends with the file's name, so every file whose path contains the name is left
 * out: more than Vitest would match at times, which only names files that would not run anyway.
 * Jest runs exact paths.
 */
export function filesAlsoMatched(runner: AbRunner, file: string, listed: readonly string[]): string[] {
  if (runner === 'jest') return []
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase()
  return listed.filter((f) => f !== file && f.toLowerCase().includes(name))
}

/** A path as a glob that matches it alone. */
function escapeGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@]/g, '\\$&')
}

/**
 * The test files in a runner's listing (`listArguments`), absolute.
 *
 * @throws AbError quoting the output when it is not such a listing
 */
export function parseListing(runner: AbRunner, stdout: string, side: string): string[] {
  // The JSON is the last thing printed; a config may log before it, `[setup] …` included: the
  // first line starting with `[` from which the rest parses.
  let parsed: unknown = stdout.trim() === '' ? [] : undefined
  for (const line of stdout.matchAll(/^\[/gm)) {
    try {
      parsed = JSON.parse(stdout.slice(line.index))
      break
    } catch {
      // Not the listing: a log line.
    }
  }
  if (!Array.isArray(parsed)) throw new AbError(`could not read the ${side} side's list of test files from ${runner} (expected a JSON array), it printed: ${stdout.trim().slice(0, 500) || '(nothing)'}`)
  const files = parsed.map((e: unknown) => (typeof e === 'string' ? e : (e as { file?: unknown })?.file)).filter((f): f is string => typeof f === 'string')
  return [...new Set(files)]
}

/** What `-- <runner args>` hold: file filters and options for listing, options for each run, and a shard perfspec applies itself. */
export interface RunnerArguments {
  /** Everything but the shard: given to the listing of each side. */
  list: string[]
  /** Options alone: given to each file's run (a file filter there would add files). */
  run: string[]
  /** `--shard=i/n`, taken out: perfspec splits the files of both sides alike. */
  shard?: { index: number; count: number }
}

/**
 * Splits the runner arguments. A word that does not start with `-` is a file filter, unless it
 * follows an option written without `=` that is not known to be a flag (write option values
 * with `=`, e.g. `--project=web`, to be sure).
 *
 * @throws AbError for a shard not of the form `i/n` with 1 ≤ i ≤ n, an option that keeps the
 *   runner from ending (`--watch`, `-w`, `--watchAll`, `--ui`, `--standalone`, `--inspect-brk`),
 *   an update flag, or `--outputFile`
 */
export function splitRunnerArguments(args: readonly string[]): RunnerArguments {
  const list: string[] = []
  const run: string[] = []
  let shard: RunnerArguments['shard']
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--shard' || arg.startsWith('--shard=')) {
      const value = arg === '--shard' ? args[++i] : arg.slice('--shard='.length)
      const m = /^(\d+)\/(\d+)$/.exec(value ?? '')
      const index = Number(m?.[1])
      const count = Number(m?.[2])
      if (!m || index < 1 || index > count) throw new AbError(`--shard ${value ?? ''}: expected i/n with 1 ≤ i ≤ n, e.g. --shard=1/3`)
      shard = { index, count }
      continue
    }
    const option = optionOf(arg)
    const waits = option && option.names.find((name) => WAITING.has(name))
    if (waits && !/^(false|0)$/.test(option.value ?? '')) throw new AbError(`${arg}: perfspec ab runs each test file once on each side and waits for the runner to end, which ${waits.length === 1 ? `-${waits}` : arg.split('=')[0]} would keep waiting for ever; leave it out`)
    // No baseline is read or written under perfspec ab; and Vitest would take a filter after -u for its value.
    if (option && option.names.some((name) => UPDATING.has(name)) && !/^(false|0|none)$/.test(option.value ?? '')) throw new AbError(`${arg}: perfspec ab compares the two revisions and reads or writes no baseline (nor snapshot), so an update flag does nothing there${args[i + 1] !== undefined && !args[i + 1]!.startsWith('-') && !arg.includes('=') ? `, and Vitest would take the filter after it ("${args[i + 1]}") for its value` : ''}; leave it out`)
    // Probe 54 #3, probe 55 #2, #3: Jest writes its file list there; each side's run of each file would write over it, the base in a worktree that may lack its folder.
    if (option?.names.some((name) => name === 'outputFile' || name.startsWith('outputFile.'))) throw new AbError(`${arg}: perfspec ab runs each test file alone on each side, the base in a checkout of its own, so a runner's output file would hold one file's results of one side (and the base fails where its checkout lacks the file's folder), and Jest would write its list of test files there; leave it out: perfspec ab writes its results to .perfspec/ab/results.json and BENCHMARK_RESULTS.md`)
    list.push(arg)
    const previous = args[i - 1]
    // `-t parser` as well as `--testNamePattern parser`: the word after an option that is not a flag is its value.
    const isValue = previous !== undefined && /^-{1,2}[^-=][^=]*$/.test(previous) && !previous.startsWith('--no-') && !FLAGS.has(previous) && !previous.startsWith('--shard')
    if (arg.startsWith('-') || isValue) run.push(arg)
  }
  return { list, run, ...(shard && { shard }) }
}

/** Options of Vitest and Jest that keep the runner running (or waiting for a debugger) after its tests: refused. */
const WAITING = new Set(['watch', 'watchAll', 'w', 'ui', 'standalone', 'inspectBrk', 'inspectWait'])

/** Options of Vitest and Jest that update baselines or snapshots: refused. */
const UPDATING = new Set(['u', 'update', 'updateSnapshot'])

/**
 * The option names an argument sets, as both runners' parsers read it: a long option in camel
 * case (`--update-snapshot` is `updateSnapshot`), or each letter of short flags written together
 * (`-iu` is `-i -u`); `value` after `=`. `undefined` for a word that is not an option.
 */
function optionOf(arg: string): { names: string[]; value?: string } | undefined {
  const long = /^--([^=]+)(?:=(.*))?$/.exec(arg)
  if (long) return { names: [long[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())], ...(long[2] !== undefined && { value: long[2] }) }
  const short = /^-([A-Za-z]+)(?:=(.*))?$/.exec(arg)
  if (short) return { names: [...short[1]!], ...(short[2] !== undefined && { value: short[2] }) }
  return undefined
}

/** Options of Vitest and Jest that take no value, so that the word after one is a file filter. */
const FLAGS = new Set(['--passWithNoTests', '--silent', '--ci', '--verbose', '--coverage', '--typecheck', '--globals', '--allowOnly', '--runInBand', '--bail', '--onlyChanged', '--expand', '-i', '-b', '-o', '-e'])

/** The files of shard `index` of `count`: a contiguous run of the sorted list, the same on both sides. */
export function shardFiles<T>(files: readonly T[], shard?: { index: number; count: number }): T[] {
  if (!shard) return [...files]
  const at = (k: number) => Math.floor((k * files.length) / shard.count)
  return files.slice(at(shard.index - 1), at(shard.index))
}

function readPackage(dir: string): { jest?: unknown; dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  } catch {
    return undefined
  }
}
