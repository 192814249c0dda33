import { compareEntries, compareExitCode, compareOutcome } from '../compare/compare-entries.js'
import type { Gate } from '../model/gate.js'
import { GATE_METRICS } from '../model/metrics.js'
import { AMOUNT } from '../units/amount.js'
import { percentOf } from '../units/percent.js'
import { formatPercent } from '../units/format.js'
import { compareTable, currentRunProblemsText, baselineRunProblemsText } from '../report/compare-table.js'
import { compareAnnotations } from '../report/github.js'
import { inertLines } from '../report/inert-lines.js'
import { parseTestbed, resolveGate } from '../run/options.js'
import { mergeCurrentFiles, readResultsFile } from '../run/results-file.js'
import { parseCommandArgs } from './args.js'
import { CommandError, UsageError, type CommandIO } from './io.js'

export const COMPARE_HELP = `Usage: perfspec compare <baseline.json> <current.json>... [--threshold 20%] [--metric p95]

Compares benchmark results with a baseline and exits non-zero when any benchmark regressed.

Files: perfspec baseline files (baselines/*.json), perfspec run reports (BENCHMARK_RESULTS.json),
or plain files of other tools: a JSON array (or { "benchmarks": [...] }) of
{ bench_id, metric: "latency", unit, p50, p95, n, timestamp, notes? }. Several current files (shards) merge.
Each file is checked against its schema first: times positive and finite, one entry per bench_id.

Options:
  --threshold <pct>  how much slower fails: 20% or the fraction 0.2, not negative (default 20%)
  --warn <pct>       how much slower warns, in the same forms, at most the threshold
                     (default 10%, or half the threshold when that is lower)
  --metric <name>    ${GATE_METRICS.join(', ')} (default p95)
                     Without any of these three, current run reports are compared by the gate
                     their run had (their metric, threshold and warn), said under the table;
                     reports of runs gated differently are refused: give the gate then.
  --testbed <name>   of baseline files that keep entries per testbed, the one to compare
                     (default: PERFSPEC_TESTBED, else the testbed the current run report was
                     run under, else its unnamed entries; reports of runs under different
                     testbeds are refused, and so are reports of another testbed than
                     PERFSPEC_TESTBED names, unless --testbed names it); a benchmark that
                     testbed lacks is compared with another testbed's entry, not gated, as
                     the reporter does; a file that names no testbed and is no run report,
                     against baselines kept under testbeds only, needs --testbed
  --cross-machine    gate baselines from another machine (CPU, cores, OS, Node major, or a
                     speed reference over 25 % off) as if from this one, as the plugin's
                     crossMachine option does; without it they are compared, not gated
  -h, --help         this help

Exit: 0 no regression; 1 a benchmark regressed, or failed in a current run report (its bench
threw: no result); 2 bad arguments, an unusable file, or nothing compared (no benchmark in both
files with the metric). A benchmark only in the baseline is listed as missing (removed, renamed,
or in a shard not given) and does not change the exit code.
A current run report's own decisions are followed, as the reporter followed them: a benchmark
that opted out (baseline: false, benchTogether results), whose test is expected to fail, or that
failed in a test that caught it is listed as not gated; one with its own metric or threshold
(baseline: { metric, threshold }) is judged by them; one the run gated against a baseline from
another machine (crossMachine: true) is gated here too.
Entries with a latency histogram (perfspec's own files) get the noise-aware check; plain entries
the threshold alone. Under GITHUB_ACTIONS=true, a regression or a failed benchmark prints an
::error line, a warning or an unchecked benchmark a ::warning line.`

const OPTIONS = {
  threshold: { type: 'string', example: '20%' },
  warn: { type: 'string', example: '10%' },
  metric: { type: 'string', example: 'p95' },
  testbed: { type: 'string', example: 'ci-linux-2core' },
  'cross-machine': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/** `perfspec compare`: parses arguments, reads files, prints the table; returns the exit code. */
export function compareCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs(args, OPTIONS)
  if (values.help) {
    io.out(`${COMPARE_HELP}\n`)
    return 0
  }
  if (positionals.length < 2) throw new UsageError('give a baseline file and at least one current file, e.g. perfspec compare baselines/a.test.ts.json BENCHMARK_RESULTS.json')
  const [baselinePath, ...currentPaths] = positionals as [string, ...string[]]
  const named = (values.testbed as string | undefined) ?? (io.env.PERFSPEC_TESTBED || undefined)
  let testbed: string | undefined
  try {
    testbed = named === undefined ? undefined : parseTestbed(named, values.testbed !== undefined ? '--testbed' : 'PERFSPEC_TESTBED')
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const currentFiles = currentPaths.map((path) => readResultsFile(path, testbed, true))
  // No testbed named: the one the current run reports were run under, when they agree on one.
  const runTestbed = named === undefined ? testbedOfRuns(currentFiles) : undefined
  // Run reports of another testbed than the one named: each was confirmed against its own.
  // A report without one was run under none (or by a perfspec that did not record it): another too (probe 24 #1).
  const otherRuns = testbed === undefined ? [] : currentFiles.filter((f) => f.report !== undefined && f.report.testbed !== testbed)
  const runsAs = otherRuns.map((f) => `${f.path} was run ${f.report!.testbed === undefined ? 'without a testbed name' : `as testbed "${f.report!.testbed}"`}`).join(', ')
  // Inherited from the environment (a variable set for the reporter, say), it is refused; asked for on the command line, said.
  if (otherRuns.length > 0 && values.testbed === undefined) {
    throw new CommandError(`PERFSPEC_TESTBED names testbed "${testbed}", but ${runsAs}, and a run is judged against its own testbed's baselines: unset PERFSPEC_TESTBED to compare each report with the testbed it names, or give --testbed ${testbed} to judge against "${testbed}" all the same`)
  }
  const baseline = readResultsFile(baselinePath, testbed ?? runTestbed, false, testbed !== undefined)
  const current = mergeCurrentFiles(currentFiles)
  const flags = values as { metric?: string; threshold?: string; warn?: string }
  // No gate asked for: the one the current run reports were gated by, when they name one and agree.
  const runGate = flags.metric === undefined && flags.threshold === undefined && flags.warn === undefined ? gateOfRuns(currentFiles) : undefined
  const gate = runGate ?? gateOf(flags)
  // A run report that says its run went wrong (stopped mid-way, no test file ran) holds part of a run.
  const runProblems = currentFiles.flatMap((f) => (f.report?.problems ?? []).map((problem) => ({ path: f.path, problem })))
  if (!baseline.entries.length && !current.entries.length && !current.failed.length) {
    // Baseline files that keep their entries under testbeds hold none without a name (probe 23 #7).
    const kept = [...new Set([baseline, ...currentFiles].flatMap((f) => f.testbeds ?? []))]
    const testbeds = kept.length > 0 ? ` ${testbed === undefined ? 'without a testbed name' : `of testbed "${testbed}"`}; they keep baselines of ${kept.map((t) => `testbed "${t}"`).join(', ')}: name the one to compare with --testbed <name>` : ''
    throw new CommandError(`${positionals.join(' and ')} ${positionals.length > 2 ? 'all' : 'both'} hold no benchmarks${testbeds}: nothing to compare`)
  }
  // A plain file (or a baseline file) names no testbed, and a baseline file holding testbeds only
  // has no entry for "none": which testbed to read is the user's to say, not the file order's (probe 24 #2).
  const baselineTestbeds = baseline.testbeds ?? []
  if (testbed === undefined && runTestbed === undefined && baseline.entries.length === 0 && baselineTestbeds.length > 0 && current.entries.length > 0 && currentFiles.every((f) => f.report === undefined)) {
    throw new CommandError(`${baselinePath} keeps baselines of ${baselineTestbeds.map((t) => `testbed "${t}"`).join(', ')} only, and ${currentPaths.join(' and ')} ${currentPaths.length > 1 ? 'name' : 'names'} no testbed: name the one to compare with --testbed <name>`)
  }
  const rows = compareEntries(baseline.entries, current.entries, gate, current.failed, current.gates, values['cross-machine'] === true, baseline.otherTestbeds)
  const compared = compareOutcome(rows)
  // A report of a run that went wrong fails the command: its verdict line says so too, not PASS.
  const outcome = runProblems.length > 0 && (compared === 'passed' || compared === 'warned') ? 'failed' : compared
  io.out(inertLines(compareTable(rows, gate, outcome, runGate !== undefined)))
  // Only a baseline file that keeps that testbed was read by it: a plain file has no testbeds (probe 22 #4).
  if (runTestbed !== undefined && baseline.testbeds?.includes(runTestbed)) io.out(inertLines(`i baselines of testbed "${runTestbed}", the run's own, from its report; --testbed to choose another\n`))
  if (otherRuns.length > 0) io.out(inertLines(`i ${runsAs}; judged against testbed "${testbed}", as --testbed asked\n`))
  io.out(inertLines(currentRunProblemsText(runProblems)))
  io.out(inertLines(baselineRunProblemsText(baselinePath, baseline.report?.problems ?? [])))
  if (io.env.GITHUB_ACTIONS === 'true') for (const line of compareAnnotations(rows, gate)) io.out(`${line}\n`)
  return runProblems.length > 0 ? Math.max(1, compareExitCode(compared)) : compareExitCode(compared)
}

const PLAIN_NUMBER = new RegExp(`^${AMOUNT}$`)

/**
 * The testbed the current run reports say their runs had, when they name one. Reports of runs
 * under different testbeds (or some under none) are refused: each run's benchmarks were confirmed
 * against its own testbed's baselines, and no one testbed judges them all.
 */
function testbedOfRuns(files: ReadonlyArray<{ path: string; report?: { testbed?: string } }>): string | undefined {
  const runs = files.filter((f) => f.report)
  const named = runs.map((f) => f.report?.testbed)
  if (runs.length > 1 && !named.every((t) => t === named[0])) {
    throw new CommandError(`the current run reports were run under different testbeds (${runs.map((f) => `${f.path}: ${f.report?.testbed === undefined ? 'none' : `"${f.report.testbed}"`}`).join(', ')}), and each run's benchmarks are judged against its own testbed's baselines: compare each report on its own, or choose one testbed for all with --testbed <name>`)
  }
  if (named[0] === undefined) return undefined
  try {
    return parseTestbed(named[0], 'the run report\'s "testbed"')
  } catch (error) {
    throw new CommandError((error as Error).message)
  }
}

/** The gate every current run report says its run had, when each names one (reports of older versions do not) and they agree. */
function gateOfRuns(files: ReadonlyArray<{ path: string; report?: { gate?: Gate } }>): Gate | undefined {
  const runs = files.filter((f) => f.report)
  const gates = runs.map((f) => f.report?.gate)
  const first = gates[0]
  // Equal up to binary noise: an older perfspec read '1.1%' as 0.011000000000000001, 0.011 is 0.011.
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12
  const same = (g: Gate | undefined) => (g === undefined ? first === undefined : first !== undefined && g.metric === first.metric && close(g.threshold, first.threshold) && close(g.warn, first.warn))
  // Runs gated differently: judging all by one gate would pass what one run failed, or fail what it passed.
  if (!gates.every(same)) {
    const shown = (g: Gate | undefined) => (g === undefined ? 'not recorded' : `${g.metric} ${formatPercent(g.threshold)} (warn ${formatPercent(g.warn)})`)
    throw new CommandError(`the current run reports were gated differently (${runs.map((f) => `${f.path}: ${shown(f.report?.gate)}`).join(', ')}): give the gate to compare them all by with --threshold, --warn and --metric, or compare each report on its own`)
  }
  if (!first) return undefined
  // A hand-edited gate is checked as the flags are, and named as what it is.
  const path = files[0]?.path ?? 'the run report'
  const field = { metric: 'metric', threshold: 'threshold', warnThreshold: 'warn' } as const
  // A fraction of 1 or more (a threshold of 100 % or more) is stored as it is, which the flags'
  // grammar refuses as ambiguous (probe 78 #1): written back as the percentage it is.
  const text = (fraction: number) => (Number.isFinite(fraction) && fraction >= 1 ? percentOf(fraction) : String(fraction))
  return gateOf({ metric: first.metric, threshold: text(first.threshold), warn: text(first.warn) }, (key) => `${path}'s "gate.${field[key]}"`)
}

const FLAG = { metric: '--metric', threshold: '--threshold', warnThreshold: '--warn' } as const

/** The gate of the command line (or of a run report, named by `name`): the plugin's rule for thresholds, bad input as a usage error. */
function gateOf(values: { metric?: string; threshold?: string; warn?: string }, name: (key: 'metric' | 'threshold' | 'warnThreshold') => string = (key) => FLAG[key]) {
  // A flag's value is text: one written as a plain decimal (the one grammar of amounts) is a number, a fraction.
  const number = (text: string | undefined) => (text !== undefined && PLAIN_NUMBER.test(text) ? Number(text) : text)
  try {
    return resolveGate({ metric: values.metric, threshold: number(values.threshold), warnThreshold: number(values.warn) }, name)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
