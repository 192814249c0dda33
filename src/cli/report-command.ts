import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { basename } from 'pathe'
import { readRunReport } from '../run/results-file.js'
import { renderMarkdown } from '../report/markdown.js'
import { decideRun } from '../run/decide.js'
import { UsageError, type CommandIO } from './io.js'

export const REPORT_HELP = `Usage: perfspec report <results.json> [--output BENCHMARK_RESULTS.md]

Renders BENCHMARK_RESULTS.md again from a run's JSON (BENCHMARK_RESULTS.json), e.g. one
downloaded from a CI artifact. Prints the Markdown, or writes it to --output.

Options:
  -o, --output <file>  write the Markdown to this file instead of printing it
  -h, --help           this help

Exit: 0 rendered; 2 bad arguments or an unusable file.`

/** `perfspec report`: reads a run report and renders its Markdown; returns the exit code. */
export function reportCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    io.out(`${REPORT_HELP}\n`)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError('perfspec report takes one run report, e.g. perfspec report BENCHMARK_RESULTS.json')
  const path = positionals[0]!
  const markdown = renderMarkdown(decideRun(readRunReport(path)), basename(path))
  if (values.output) writeFileSync(values.output, markdown)
  else io.out(markdown)
  return 0
}
