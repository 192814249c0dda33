import { relative } from 'pathe'
import { withoutStack } from '../units/argument-error.js'
import { atRoot, clashingReportOption, foldersOverlap, type ReportPaths } from '../run/root-paths.js'

/**
 * What Vitest itself writes that could land on perfspec's files: its reporters' output files and
 * its coverage folder. Vitest's json reporter writes before perfspec reads the baselines, its
 * coverage empties its folder before any test runs (probe 58 #1, #2): a run must be refused
 * before either happens.
 */

/** Vitest's own reporters that write a file named by `outputFile`, by the name a config gives them and by their class (an instance in `reporters`). */
const FILE_REPORTERS = new Map([
  ['json', 'JsonReporter'],
  ['junit', 'JUnitReporter'],
  ['html', 'HTMLReporter'],
  ['blob', 'BlobReporter'],
])

/** The options of a reporter entry that name a file it writes. */
interface ReporterOptions {
  outputFile?: unknown
  jobSummary?: { outputPath?: unknown }
}

/**
 * A reporter entry of the config (a name or path, `[name, options]`, or an instance): its name as
 * given, the file-writing reporter of Vitest's own it is (by name, or by its class or a class
 * extending it: probe 59 #1), and its options.
 */
function reporterEntry(entry: unknown): { name?: string; writer?: string; options: ReporterOptions } {
  const [first, second] = Array.isArray(entry) ? entry : [entry, undefined]
  if (typeof first === 'string') return { name: first, ...(FILE_REPORTERS.has(first) && { writer: first }), options: (second ?? {}) as ReporterOptions }
  const options = ((entry as { options?: unknown } | null)?.options ?? {}) as ReporterOptions
  for (let proto = entry !== null && typeof entry === 'object' ? Object.getPrototypeOf(entry) : null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const className = (proto as { constructor?: { name?: unknown } }).constructor?.name
    for (const [writer, cls] of FILE_REPORTERS) if (className === cls) return { writer, options }
  }
  return { options }
}

/** The part of Vitest's resolved config read here. */
export interface VitestOutputConfig {
  root: string
  reporters?: readonly unknown[]
  outputFile?: string | Record<string, string | undefined>
  coverage?: { enabled?: boolean; reportsDirectory?: string }
}

/** A file one of Vitest's reporters writes. */
export interface RunnerOutputFile {
  /** The reporter, e.g. `json`. */
  reporter: string
  /** Its option that names the file, e.g. `outputFile`. */
  option: string
  /** As the config or command line gave it. */
  given: string
  /** Resolved against the root, as Vitest does. */
  file: string
}

/**
 * The files Vitest's own reporters of this run write (named, or given as instances): a
 * reporter's `outputFile` option, else the config's `outputFile` (a string for every reporter, or
 * one per reporter name); any other reporter given by name or path with an `outputFile` option;
 * the github-actions reporter's `jobSummary.outputPath`. A reporter with none set writes its
 * default place (a blob to `.vitest-reports/`), not looked at here.
 */
export function vitestOutputFiles(config: VitestOutputConfig): RunnerOutputFile[] {
  const files: RunnerOutputFile[] = []
  const add = (reporter: string, given: unknown, option = 'outputFile') => {
    if (typeof given === 'string' && given !== '') files.push({ reporter, option, given, file: atRoot(config.root, given) })
  }
  for (const entry of config.reporters ?? []) {
    const { name, writer, options } = reporterEntry(entry)
    const own = typeof options.outputFile === 'string' ? options.outputFile : undefined
    if (writer) add(writer, own ?? (typeof config.outputFile === 'string' ? config.outputFile : config.outputFile?.[writer]))
    // A reporter of its own (a module path) given an outputFile writes there, by Vitest's convention (probe 60 #1).
    else if (name !== undefined) add(name, own)
    // The github-actions reporter appends its job summary to this file, on any machine (probe 60 #5).
    if (name === 'github-actions') add(name, options.jobSummary?.outputPath, 'jobSummary.outputPath')
  }
  return files
}

/** The folder coverage empties and writes its reports to in this run, absolute; `undefined` with coverage off. */
export function coverageFolder(config: VitestOutputConfig): string | undefined {
  const coverage = config.coverage
  return coverage?.enabled ? atRoot(config.root, coverage.reportsDirectory || './coverage') : undefined
}

/**
 * Refuses a run in which Vitest would write over perfspec's files: a reporter's output file in the
 * baseline folder, or on a report file (`reports`, given in a run that writes them), or a coverage
 * folder that holds the baseline folder or lies in it.
 *
 * @param baselineDir - the project's baseline folder, absolute
 * @throws TypeError naming Vitest's option and perfspec's, and how to part them
 */
export function refuseClashingOutputs(config: VitestOutputConfig, baselineDir: string, reports?: ReportPaths): void {
  const shown = relative(config.root, baselineDir) || baselineDir
  for (const { reporter, option, given, file } of vitestOutputFiles(config)) {
    const clash = clashingReportOption(reports ?? { json: undefined, output: undefined, exports: [] }, file, baselineDir)
    const what = `Vitest's ${reporter} reporter writes its output to ${given} (option "${option}")`
    if (clash === 'baselineDir') throw withoutStack(new TypeError(`perfspec: ${what}, in perfspec's baseline folder ${shown} (option "baselineDir"): it would write over a baseline. Give ${option} a file outside ${shown}`))
    if (clash) throw withoutStack(new TypeError(`perfspec: ${what}, the file perfspec's option "${clash}" writes its report to: one would write over the other. Give ${option} another file, or the perf reporter's option "${clash}" another path`))
  }
  const coverage = coverageFolder(config)
  if (coverage !== undefined && foldersOverlap(coverage, baselineDir)) {
    throw withoutStack(new TypeError(`perfspec: Vitest's coverage folder ${relative(config.root, coverage) || coverage} (option "coverage.reportsDirectory") and perfspec's baseline folder ${shown} (option "baselineDir") overlap: coverage empties its folder before the tests run, which would delete the baselines. Give coverage.reportsDirectory a folder of its own (Vitest's default is ./coverage)`))
  }
}
