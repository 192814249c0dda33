/**
 * The `perfspec` command: `perfspec compare …` and `perfspec report …`. Thin: it parses
 * arguments and prints; comparing and rendering live in `src/compare` and `src/report`.
 */
import { ResultsFileError } from '../run/results-file.js'
import { COMPARE_HELP, compareCommand } from './compare-command.js'
import { UsageError, type CommandIO } from './io.js'
import { REPORT_HELP, reportCommand } from './report-command.js'

const HELP = `Usage: perfspec <command> [options]

Commands:
  compare <baseline.json> <current.json>...  compare results with a baseline; non-zero exit on a regression
  report <results.json>                      render BENCHMARK_RESULTS.md again from a run's JSON

Run perfspec <command> --help for a command's options.`

const COMMANDS: Record<string, { run: (args: string[], io: CommandIO) => number; help: string }> = {
  compare: { run: compareCommand, help: COMPARE_HELP },
  report: { run: reportCommand, help: REPORT_HELP },
}

/** Runs the command line `args` (without `node` and the script); returns the exit code. */
export function main(args: string[], io: CommandIO): number {
  const [name, ...rest] = args
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${HELP}\n`)
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.err(`perfspec: unknown command "${name}"\n\n${HELP}\n`)
    return 2
  }
  try {
    return command.run(rest, io)
  } catch (error) {
    if (error instanceof ResultsFileError) {
      io.err(`perfspec ${name}: ${error.message}\n`)
      return 2
    }
    // node:util parseArgs reports unknown flags and missing values with these codes.
    const code = (error as { code?: string }).code
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`perfspec ${name}: ${(error as Error).message}\nRun perfspec ${name} --help for usage.\n`)
      return 2
    }
    throw error
  }
}
