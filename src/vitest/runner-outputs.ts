import { relative } from 'pathe'
import { withoutStack } from '../units/argument-error.js'
import { atRoot, clashingReportOption, foldersOverlap, type ReportPaths } from '../run/root-paths.js'

/**
 * What Vitest itself writes that could land on perfspec's files: its reporters' output files and
 * its coverage folder. Vitest's json reporter writes before perfspec reads the baselines, its
 * coverage empties its folder before any test runs (probe 58 #1, #2): a run must be refused
 * before either happens.
 */

/** Vitest's own reporters that write a file named by `outputFile`. */
const FILE_REPORTERS = new Set(['json', 'junit', 'html', 'blob'])

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
  /** As the config or command line gave it. */
  given: string
  /** Resolved against the root, as Vitest does. */
  file: string
}

/**
 * The files Vitest's own reporters of this run write: a reporter's `outputFile` option, else
 * the config's `outputFile` (a string for every reporter, or one per reporter name). A reporter
 * with none set writes its default place (a blob to `.vitest-reports/`), not looked at here.
 */
export function vitestOutputFiles(config: VitestOutputConfig): RunnerOutputFile[] {
  const files: RunnerOutputFile[] = []
  for (const entry of config.reporters ?? []) {
    const [name, options] = Array.isArray(entry) ? entry : [entry, undefined]
    if (typeof name !== 'string' || !FILE_REPORTERS.has(name)) continue
    const own = (options as { outputFile?: unknown } | undefined)?.outputFile
    const given = typeof own === 'string' ? own : typeof config.outputFile === 'string' ? config.outputFile : config.outputFile?.[name]
    if (typeof given === 'string' && given !== '') files.push({ reporter: name, given, file: atRoot(config.root, given) })
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
  for (const { reporter, given, file } of vitestOutputFiles(config)) {
    const clash = clashingReportOption(reports ?? { json: undefined, output: undefined, exports: [] }, file, baselineDir)
    const what = `Vitest's ${reporter} reporter writes its output to ${given} (option "outputFile")`
    if (clash === 'baselineDir') throw withoutStack(new TypeError(`perfspec: ${what}, in perfspec's baseline folder ${shown} (option "baselineDir"): it would write over a baseline. Give outputFile a file outside ${shown}`))
    if (clash) throw withoutStack(new TypeError(`perfspec: ${what}, the file perfspec's option "${clash}" writes its report to: one would write over the other. Give outputFile another file, or the perf reporter's option "${clash}" another path`))
  }
  const coverage = coverageFolder(config)
  if (coverage !== undefined && foldersOverlap(coverage, baselineDir)) {
    throw withoutStack(new TypeError(`perfspec: Vitest's coverage folder ${relative(config.root, coverage) || coverage} (option "coverage.reportsDirectory") and perfspec's baseline folder ${shown} (option "baselineDir") overlap: coverage empties its folder before the tests run, which would delete the baselines. Give coverage.reportsDirectory a folder of its own (Vitest's default is ./coverage)`))
  }
}
