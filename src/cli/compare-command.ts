import { parseArgs } from 'node:util'
import { compareEntries, compareExitCode } from '../compare/compare-entries.js'
import { GATE_METRICS } from '../model/metrics.js'
import { compareTable } from '../report/compare-table.js'
import { compareAnnotations } from '../report/github.js'
import { resolveGate } from '../run/options.js'
import { readResultsFile } from '../run/results-file.js'
import { UsageError, type CommandIO } from './io.js'

export const COMPARE_HELP = `Usage: perfspec compare <baseline.json> <current.json>... [--threshold 20%] [--metric p95]

Compares benchmark results with a baseline and exits non-zero when any benchmark regressed.

Files: perfspec baseline files (baselines/*.json), perfspec run reports (BENCHMARK_RESULTS.json),
or plain files of other tools: a JSON array (or { "benchmarks": [...] }) of
{ bench_id, metric, unit, p50, p95, n, timestamp, notes? }. Several current files (shards) merge.

Options:
  --threshold <pct>  how much slower fails: 20% or the fraction 0.2 (default 20%)
  --warn <pct>       how much slower warns, in the same forms (default 10%, at most half the threshold)
  --metric <name>    ${GATE_METRICS.join(', ')} (default p95)
  -h, --help         this help

Exit: 0 no regression; 1 a benchmark regressed; 2 bad arguments or an unusable file.
Entries with a latency histogram (perfspec's own files) get the noise-aware check; plain entries
the threshold alone. Under GITHUB_ACTIONS=true, regressions and warnings print ::warning:: lines.`

/** `perfspec compare`: parses arguments, reads files, prints the table; returns the exit code. */
export function compareCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { threshold: { type: 'string' }, warn: { type: 'string' }, metric: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    io.out(`${COMPARE_HELP}\n`)
    return 0
  }
  if (positionals.length < 2) throw new UsageError('perfspec compare needs a baseline file and at least one current file, e.g. perfspec compare baselines/a.test.ts.json BENCHMARK_RESULTS.json')
  const gate = gateOf(values)
  const [baselinePath, ...currentPaths] = positionals as [string, ...string[]]
  const baseline = readResultsFile(baselinePath)
  const current = currentPaths.flatMap((p) => readResultsFile(p).entries)
  const rows = compareEntries(baseline.entries, current, gate)
  io.out(compareTable(rows, gate))
  if (io.env.GITHUB_ACTIONS === 'true') for (const line of compareAnnotations(rows, gate)) io.out(`${line}\n`)
  return compareExitCode(rows)
}

/** The gate of the command line: the plugin's rule for thresholds, bad input as a usage error. */
function gateOf(values: { metric?: string; threshold?: string; warn?: string }) {
  const number = (text: string | undefined) => (text !== undefined && /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(text) ? Number(text) : text)
  const flag = { metric: '--metric', threshold: '--threshold', warnThreshold: '--warn' } as const
  try {
    return resolveGate({ metric: values.metric, threshold: number(values.threshold), warnThreshold: number(values.warn) }, (key) => flag[key])
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^perfspec: /, ''))
  }
}
