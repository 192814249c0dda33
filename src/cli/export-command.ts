import { EXPORT_FORMATS, isExportFormat } from '../model/export-formats.js'
import { exportSelection, leftOutText, partialRunText, renderExport } from '../report/export.js'
import { readRunReport } from '../run/results-file.js'
import { parseCommandArgs } from './args.js'
import { refuseOutputOverInput } from './same-file.js'
import { writeOutput } from './write-output.js'
import { CommandError, UsageError, type CommandIO } from './io.js'

export const EXPORT_HELP = `Usage: perfspec export --format bmf|github-action-benchmark <results.json> [--output file [--force]]

Converts a run's JSON (BENCHMARK_RESULTS.json) for the benchmark trackers teams already run.
Prints the JSON, or writes it to --output. The run's JSON is checked against its schema first.

Formats:
  bmf                      Bencher Metric Format, for bencher run --adapter json --file <file>:
                           { "<bench id>": { "latency": { value, lower_value, upper_value },
                           "throughput": { ... } } }; latency in ns, the mean with mean - sd and
                           mean + sd; throughput in calls/s, bounded by the mean's margin of error
                           (a load run's rate alone)
  github-action-benchmark  the JSON array of its customSmallerIsBetter tool (output-file-path):
                           [{ name: "<bench id>", unit: "ns/iter", value: <mean>, range: "±1.1%",
                           extra: "p50 …, p95 …, p99 …" }]

Benchmarks that failed have no result and are left out, said on stderr with their count.

Options:
  -f, --format <name>  ${EXPORT_FORMATS.join(' or ')}
  -o, --output <file>  write the export to this file instead of printing it; an existing file
                       is replaced only when it is an export perfspec wrote
  --force              replace an existing --output file all the same
  -h, --help           this help

Exit: 0 exported; 1 exported from a run report that says its run went wrong (stopped before
it ended, no test file ran: said on stderr, as compare says it); 2 bad arguments, an unusable file, an output that cannot be written, is the
run report itself or is a file perfspec did not write, or no benchmark with a result to export.`

const OPTIONS = {
  format: { type: 'string', short: 'f', example: 'bmf' },
  output: { type: 'string', short: 'o', example: 'bench.bmf.json' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/** `perfspec export`: reads a run report and prints or writes one export of it; returns the exit code. */
export function exportCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs(args, OPTIONS)
  if (values.help) {
    io.out(`${EXPORT_HELP}\n`)
    return 0
  }
  const format = values.format as string | undefined
  if (format === undefined) throw new UsageError(`give the format with --format ${EXPORT_FORMATS.join(' or --format ')}, e.g. perfspec export --format bmf BENCHMARK_RESULTS.json`)
  if (!isExportFormat(format)) {
    // `--format BENCHMARK_RESULTS.json`: the format was left out and the file taken for it.
    const tookTheFile = positionals.length === 0 ? `; the format comes before the file: perfspec export --format bmf ${format}` : ''
    throw new UsageError(`--format ${format} is not a format perfspec exports; use ${EXPORT_FORMATS.join(' or ')}${tookTheFile}`)
  }
  if (positionals.length !== 1) throw new UsageError(`give one run report${positionals.length ? ` (got ${positionals.length}: ${positionals.join(' ')})` : ''}, e.g. perfspec export --format ${format} BENCHMARK_RESULTS.json`)
  const path = positionals[0]!
  const output = values.output as string | undefined
  if (output) refuseOutputOverInput(output, path, format === 'bmf' ? 'bench.bmf.json' : 'gab.json')
  const report = readRunReport(path)
  const selection = exportSelection(report)
  for (const line of leftOutText(selection)) io.err(`perfspec export: ${line}\n`)
  // As compare does: exported, said, and not a success, so that a CI step does not take it for a whole run.
  const partial = report.problems?.length ? partialRunText(path, report.problems) : []
  for (const line of partial) io.err(`perfspec export: ${line}\n`)
  const code = partial.length ? 1 : 0
  if (!selection.results.length) throw new CommandError(`${path} holds no benchmark with a result: nothing to export`)
  const text = renderExport(format, selection.results)
  if (!output) {
    io.out(text)
    return code
  }
  writeOutput(output, text, format, format === 'bmf' ? 'bench.bmf.json' : 'gab.json', values.force === true)
  return code
}
