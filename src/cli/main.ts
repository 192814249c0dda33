/**
 * The `perfspec` command: `perfspec compare …`, `perfspec report …`, `perfspec export …` and
 * `perfspec ab …`.
 * Thin: it parses arguments and prints; comparing, rendering and converting live in
 * `src/compare` and `src/report`.
 */
import packageJson from '../../package.json' with { type: 'json' }
import { AbError } from '../ab/ab-error.js'
import { printable } from '../model/names.js'
import { ResultsFileError } from '../run/results-file.js'
import { AB_HELP, abCommand } from './ab-command.js'
import { COMPARE_HELP, compareCommand } from './compare-command.js'
import { EXPORT_HELP, exportCommand } from './export-command.js'
import { CommandError, UsageError, type CommandIO } from './io.js'
import { REPORT_HELP, reportCommand } from './report-command.js'

const HELP = `Usage: perfspec <command> [options]

Commands:
  compare <baseline.json> <current.json>...  compare results with a baseline; exit 1 on a regression
  report <results.json>                      render BENCHMARK_RESULTS.md again from a run's JSON
  export --format bmf|github-action-benchmark <results.json>
                                             convert a run's JSON for Bencher or github-action-benchmark
  ab [--base <ref>] [-- <runner args>]       measure the base revision and the working tree in the
                                             same job, taking turns; exit 1 when a benchmark is slower

Exit: 0 ok; 1 a benchmark regressed (compare) or is slower on the working tree (ab); 2 bad
arguments, an unusable file, or nothing to compare, export or decide.
Run perfspec <command> --help for a command's options; perfspec --version prints the version.`

const COMMANDS: Record<string, { run: (args: string[], io: CommandIO) => number | Promise<number>; help: string }> = {
  compare: { run: compareCommand, help: COMPARE_HELP },
  report: { run: reportCommand, help: REPORT_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  ab: { run: abCommand, help: AB_HELP },
}

/**
 * The one place a message gets the command's name: `perfspec compare: …`. Messages thrown from
 * below may carry the library's own `perfspec: ` (argument errors do), which is dropped rather
 * than doubled.
 */
function said(name: string, message: string): string {
  // Printable: a message quotes the paths and values it was given, and a line break in one must
  // not start a line of its own (under GitHub Actions, a workflow command).
  return `perfspec ${name}: ${printable(message.replace(/^perfspec(?: \w+)?: /, ''))}`
}

/**
 * Runs the command line `args` (without `node` and the script); returns the exit code, at once
 * for the commands that only read files, as a promise for `perfspec ab`, which runs processes.
 */
export function main(args: string[], io: CommandIO): number | Promise<number> {
  const [name, ...rest] = args
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${HELP}\n`)
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    io.out(`${packageJson.version}\n`)
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.err(`perfspec: unknown command "${printable(name)}"\n\n${HELP}\n`)
    return 2
  }
  try {
    const code = command.run(rest, io)
    return typeof code === 'number' ? code : code.catch((error: unknown) => failed(name, error, io))
  } catch (error) {
    return failed(name, error, io)
  }
}

/** The exit code and message of a command that threw. */
function failed(name: string, error: unknown, io: CommandIO): number {
  if (error instanceof UsageError) {
    io.err(`${said(name, error.message)}\nRun perfspec ${name} --help for usage.\n`)
    return 2
  }
  if (error instanceof ResultsFileError || error instanceof CommandError || error instanceof AbError) {
    io.err(`${said(name, error.message)}\n`)
    return 2
  }
  // Exit 1 means "a benchmark regressed": a fault of perfspec itself must not read as one.
  // The stack as it is, lines and all: it is for a bug report.
  io.err(`perfspec ${name}: unexpected error, a bug in perfspec (please report it with this output): ${(error as Error)?.stack ?? String(error)}\n`)
  return 2
}
