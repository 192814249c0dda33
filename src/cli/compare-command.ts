import { parseArgs } from 'node:util'
import { compareEntries, compareExitCode } from '../compare/compare-entries.js'
import { DEFAULT_GATE, type Gate } from '../compare/gate.js'
import { readResultsFile } from '../compare/result-files.js'
import type { BaselineMetric } from '../measure/options.js'
import { compareAnnotations, compareTable } from '../report/compare-table.js'
import { parseFraction } from '../units/percent.js'
import { UsageError, type CommandIO } from './io.js'

export const COMPARE_HELP = `Usage: perfspec compare <baseline.json> <current.json>... [--threshold 20%] [--metric p95]

Compares benchmark results with a baseline and exits non-zero when any benchmark regressed.

Files: perfspec baseline files (baselines/*.json), perfspec run reports (BENCHMARK_RESULTS.json),
or plain files of other tools: a JSON array (or { "benchmarks": [...] }) of
{ bench_id, metric, unit, p50, p95, n, timestamp, notes? }. Several current files (shards) merge.

Options:
  --threshold <pct>  how much slower fails: 20%, 0.2 or 20 (default 20%)
  --warn <pct>       how much slower warns (default 10%, at most half the threshold)
  --metric <name>    p50, mean, p75, p90, p95, p99 or max (default p95)
  -h, --help         this help

Exit: 0 no regression; 1 a benchmark regressed; 2 bad arguments or an unusable file.
Entries with a latency histogram (perfspec's own files) get the noise-aware check; plain entries
the threshold alone. Under GITHUB_ACTIONS=true, regressions and warnings print ::warning:: lines.`

const METRICS: readonly BaselineMetric[] = ['p50', 'mean', 'p75', 'p90', 'p95', 'p99', 'max']

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
  const metric = (values.metric ?? DEFAULT_GATE.metric) as BaselineMetric
  if (!METRICS.includes(metric)) throw new UsageError(`--metric "${values.metric}" is not one of ${METRICS.join(', ')}`)
  const threshold = values.threshold === undefined ? DEFAULT_GATE.threshold : fraction(values.threshold, '--threshold')
  const warn = values.warn === undefined ? Math.min(DEFAULT_GATE.warn, threshold / 2) : fraction(values.warn, '--warn')
  const gate: Gate = { metric, threshold, warn }

  const [baselinePath, ...currentPaths] = positionals as [string, ...string[]]
  const baseline = readResultsFile(baselinePath)
  const current = currentPaths.flatMap((p) => readResultsFile(p).entries)
  const rows = compareEntries(baseline.entries, current, gate)
  io.out(compareTable(rows, gate))
  if (io.env.GITHUB_ACTIONS === 'true') for (const line of compareAnnotations(rows)) io.out(`${line}\n`)
  return compareExitCode(rows)
}

/** `20%`, `0.2`, or a bare `20` (read as percent, since no one means a 2000 % threshold). */
function fraction(text: string, flag: string): number {
  if (/^\s*(\d+\.?\d*|\.\d+)\s*$/.test(text)) {
    const n = Number(text)
    return n > 1 ? n / 100 : n
  }
  try {
    return parseFraction(text, flag)
  } catch {
    throw new UsageError(`${flag} "${text}" is not a percentage; write it as 20% or 0.2`)
  }
}
