import { basename } from 'pathe'
import { readRunReport } from '../run/results-file.js'
import { renderMarkdown } from '../report/markdown.js'
import { decideStoredRun, summaryBeyondData } from '../run/decide.js'
import { summaryBeyondDataText } from '../report/status-text.js'
import { parseCommandArgs } from './args.js'
import { refuseOutputOverInput } from './same-file.js'
import { writeOutput } from './write-output.js'
import { UsageError, type CommandIO } from './io.js'

export const REPORT_HELP = `Usage: perfspec report <results.json> [--output BENCHMARK_RESULTS.md [--force]]

Renders BENCHMARK_RESULTS.md again from a run's JSON (BENCHMARK_RESULTS.json), e.g. one
downloaded from a CI artifact. Prints the Markdown, or writes it to --output. The JSON is
checked against its schema (schema/run-report.schema.json) first.

Options:
  -o, --output <file>  write the Markdown to this file instead of printing it; an existing file
                       is replaced only when it is a report perfspec wrote
  --force              replace an existing --output file all the same
  -h, --help           this help

Exit: 0 rendered; 2 bad arguments, an unusable file, or an output that cannot be written, is
the run report itself or is a file perfspec did not write.`

const OPTIONS = { output: { type: 'string', short: 'o', example: 'BENCHMARK_RESULTS.md' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const

/** `perfspec report`: reads a run report and renders its Markdown; returns the exit code. */
export function reportCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs(args, OPTIONS)
  if (values.help) {
    io.out(`${REPORT_HELP}\n`)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError(`give one run report${positionals.length ? ` (got ${positionals.length})` : ''}, e.g. perfspec report BENCHMARK_RESULTS.json`)
  const path = positionals[0]!
  const output = values.output as string | undefined
  if (output) refuseOutputOverInput(output, path, 'BENCHMARK_RESULTS.md')
  const stored = readRunReport(path)
  const beyond = summaryBeyondData(stored)
  const said = beyond && summaryBeyondDataText(beyond.said, beyond.found)
  if (said) io.err(`perfspec report: ${path}: ${said}\n`)
  const markdown = renderMarkdown(decideStoredRun(said ? { ...stored, problems: [...(stored.problems ?? []), said] } : stored), basename(path))
  if (!output) {
    io.out(markdown)
    return 0
  }
  writeOutput(output, markdown, 'markdown', 'BENCHMARK_RESULTS.md', values.force === true)
  return 0
}
