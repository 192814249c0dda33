import { ID_SEPARATOR, idPart, printable } from '../model/names.js'
import type { BaselineCheck, BaselineFileError, CompareRow } from '../model/baseline-check.js'
import type { EnvironmentChange, MachineDifference } from '../model/environment.js'
import type { BenchRow, ObsoleteBaselines, TestOutline } from '../model/run-report.js'
import type { Comparison } from '../model/verdict.js'
import { EXTRA_TIME_SHARE } from '../compare/attempt-budget.js'
import { hostAllowance } from '../compare/host-speed-rule.js'
import { formatChange, formatDuration, formatPercent, formatTimes } from '../units/format.js'
import { isMissingProblem, restoreProblem } from './missing-baseline-text.js'

/**
 * Every sentence perfspec says about a verdict on a baseline: the reporter's console, Markdown
 * and annotations and the CLI all take their words from here, from the verdict's data.
 */

const FIELD_LABEL: Record<EnvironmentChange['field'], string> = { cpu: 'CPU', cores: 'cores', os: 'OS', arch: 'arch', node: 'Node' }

/**
 * How a baseline's machine differs from this one, in words: `cores 4 → 2; its machine ran the
 * speed reference 2.1x faster`; `undefined` when nothing differs that is worth saying.
 */
export function machineText(m: MachineDifference | undefined): string | undefined {
  if (!m) return undefined
  const parts = m.changes.map((c) => `${FIELD_LABEL[c.field]} ${String(c.before)} → ${String(c.now)}`)
  if (m.other && m.speedRatio !== undefined && Math.abs(Math.log(m.speedRatio)) > 0.01) {
    parts.push(m.speedRatio > 1 ? `its machine ran the speed reference ${formatTimes(m.speedRatio)} faster` : `its machine ran the speed reference ${formatTimes(1 / m.speedRatio)} slower`)
  }
  return parts.length ? parts.join('; ') : undefined
}

/** ` (baseline from another machine: …)`, or nothing when the machines match. */
export function machineSuffix(m: MachineDifference | undefined): string {
  const text = machineText(m)
  return text ? ` (baseline from another machine: ${text})` : ''
}

/** The advice for a baseline from another machine. */
export const OTHER_MACHINE_ADVICE = 'compared, not gated; write baselines on this machine class with -u, or name a testbed (PERFSPEC_TESTBED)'

/** `baseline of testbed "ci-linux-2core"`, or `baseline written without a testbed name` (`null`). */
function borrowedText(name: string | null | undefined, plural = false): string {
  const what = plural ? 'baselines' : 'baseline'
  return name == null ? `${what} written without a testbed name` : `${what} of testbed "${name}"`
}

/** The advice for a baseline of another testbed: how to gate the benchmark on this machine. */
function otherTestbedAdvice(names: ReadonlyArray<string | null>): string {
  const named = names.filter((n): n is string => n !== null)
  const join = named.length === 0 ? '' : named.length === 1 ? `, or run as testbed "${named[0]}" (PERFSPEC_TESTBED=${named[0]}) on its machine class` : `, or run as one of those testbeds (PERFSPEC_TESTBED) on its machine class`
  return `compared, not gated; to gate here, write this run's own baselines with -u${join}`
}

/** The threshold a benchmark whose baseline spread by `spread` could be gated at: the spread, rounded up to 5 %. */
export function gateableThreshold(spread: number): number {
  return Math.ceil((spread * 100 + 1e-9) / 5) * 0.05
}

/** `a fresh process`, or `2 fresh processes`. */
function freshText(processes: number | undefined): string {
  return processes !== undefined && processes > 1 ? `${processes} fresh processes` : 'a fresh process'
}

/**
 * What each measurement of a confirmation read: its change, the CPU it ran on when perfspec moved
 * the thread between them, and which were taken in a fresh process.
 */
function readingsText(c: NonNullable<Comparison['confirmation']>): string {
  const one = (x: number, i: number) => `${formatChange(x)}${c.cpus?.[i] !== undefined ? ` on CPU ${c.cpus[i]}` : ''}${c.throughout?.includes(i) ? ' (slower throughout)' : ''}`
  const inRun = c.changes.slice(0, c.fresh).map(one).join(', ')
  if (c.fresh === undefined) return inRun
  return `${inRun}, then in ${freshText(c.freshProcesses)} ${c.changes.slice(c.fresh).map((x, i) => one(x, c.fresh! + i)).join(', ')}`
}

/**
 * One sentence on a comparison with a baseline, naming the benchmark, the metric, baseline and
 * current values, the change and the threshold, and, when it is not failed although above the
 * threshold, why not.
 */
export function comparisonText(id: string, gate: { metric: string; threshold: number }, v: Omit<Comparison, 'status'> & Pick<BaselineCheck, 'timeLimited'>): string {
  const figures = `${gate.metric} ${formatDuration(v.baseline)} → ${formatDuration(v.current)} (${formatChange(v.change)}, threshold ${formatPercent(gate.threshold)})`
  const noise = v.interval[0] !== v.interval[1] ? `99% interval of the change ${formatChange(v.interval[0])} to ${formatChange(v.interval[1])}` : ''
  const typicalNoise = v.typicalInterval ? ` (99% interval ${formatChange(v.typicalInterval[0])} to ${formatChange(v.typicalInterval[1])}, beyond the threshold)` : ''
  const typical = v.typicalChange !== undefined ? `typical call ${formatChange(v.typicalChange)}${typicalNoise}` : ''
  const evidence = [noise, typical].filter(Boolean).join(', ')
  // Each measurement's change, and the CPU it ran on when perfspec moved the thread between them.
  const readings = v.confirmation ? readingsText(v.confirmation) : ''
  switch (v.reason) {
    case 'beyond-threshold': {
      const notFresh = v.confirmation?.freshProblem ? `; not measured again in a fresh process: ${v.confirmation.freshProblem}` : ''
      // Measurements that counted by their typical and fastest calls, their gated metric within its noise or the threshold.
      const throughout = !v.confirmation?.reread && v.confirmation?.throughout?.length ? ` ("slower throughout": ${gate.metric} within its noise or the threshold, typical and fastest calls slower beyond it)` : ''
      const confirmed = v.confirmation ? `; confirmed by ${v.confirmation.regressed} of ${v.confirmation.changes.length} ${v.confirmation.changes.length === 1 ? 'measurement' : 'measurements'}${rereadNote(v.confirmation, gate.metric)}: ${readings}${throughout}${timeLimitedNote(v.timeLimited)}${notFresh}` : ''
      const load = v.otherCores !== undefined ? `; measured while other processes kept ${v.otherCores.toFixed(1)} cores busy, which explains ${formatChange(v.loadAllowance ?? 0)} at most` : ''
      const slowHost = v.hostSlowdown !== undefined ? `; measured while the host ran ${formatTimes(v.hostSlowdown)} slower than when the baseline was measured, which explains ${formatChange(hostAllowance(v.hostSlowdown))} at most` : ''
      return `regression in "${id}": ${figures}${evidence ? `; ${evidence}` : ''}${confirmed}${load}${slowHost}`
    }
    case 'machine-busy':
      return `"${id}": ${figures}${evidence ? `; ${evidence}` : ''}, measured while other processes kept ${(v.otherCores ?? 0).toFixed(1)} cores of this machine busy, which can explain up to ${formatChange(v.loadAllowance ?? 1)}: compared, not gated; measure on an otherwise idle machine (fileParallelism: false, no other jobs on the runner)`
    case 'not-confirmed':
      return `"${id}" read as a regression, then not when measured again: not confirmed (${v.confirmation?.regressed ?? 1} of ${v.confirmation?.changes.length ?? 1} measurements beyond the threshold${v.confirmation ? rereadNote(v.confirmation, gate.metric) : ''}: ${readings}); the result kept is ${v.confirmation?.reread ? "the run's" : 'the last'}: ${figures}. Not failed`
    case 'slow-host':
      return `"${id}" read as a regression in every measurement (${readings}), but the host ran slow after each (a fixed probe at least ${formatTimes(v.hostSlowdown ?? 1)} slower than while its baseline was measured): ${figures}${evidence ? `; ${evidence}` : ''}. Not failed: a slow stretch of the host, not confirmed slower code; re-run on a quieter machine`
    case 'other-machine':
      return `"${id}": ${figures}: baseline from another machine (${machineText(v.machine) ?? 'its fingerprint differs'}): ${OTHER_MACHINE_ADVICE}`
    case 'other-testbed':
      return `"${id}": ${figures}: ${borrowedText(v.otherTestbed)}, as this run's testbed has none: ${otherTestbedAdvice([v.otherTestbed ?? null])}`
    case 'too-noisy':
      return `"${id}" is too noisy to gate at ${formatPercent(gate.threshold)} on this machine: its baseline's own measurements show unchanged code moving by up to ${formatPercent(v.spread ?? 0)} here, so it could be gated at ${formatPercent(gateableThreshold(v.spread ?? 0))}: ${figures}. Not failed`
    case 'machine-slower':
      return `"${id}": ${figures}${evidence ? `; ${evidence}` : ''}. Not failed: the typical call of most benchmarks in this run is ${formatChange(v.drift ?? 0)} slower than their baselines, so the machine is slower or busier than when the baselines were taken`
    case 'within-noise':
      return `"${id}" is above the threshold but within its run-to-run noise: ${figures}; ${evidence}. Not failed; re-run to confirm, or raise "time" for a tighter estimate`
    case 'tail-only':
      return `"${id}" is above the threshold in the tail only: ${figures}, but the ${typical || 'typical call is within it'}. Other work on the machine looks like this; not failed`
    case 'partly-slow-host':
      return `"${id}" is above the threshold, but its fastest calls are not (10th percentile ${formatChange(v.fastChange ?? 0)}): ${figures}${evidence ? `; ${evidence}` : ''}. The host was slow for part of the measurement, which slows every call it covers; slower code slows the fastest calls too. Not failed`
    case 'sampling-differs':
      return `"${id}" is above the threshold, but the baseline and this run were sampled differently (single calls vs batches), so their percentiles differ in kind: ${figures}. Not failed; rewrite the baseline (-u) on a quiet machine`
    case 'typical-slower':
      return `"${id}" is within the threshold at ${gate.metric}, but its typical call is slower beyond it: ${figures}; ${typical}. Not failed: the gated statistic did not move with it; re-run to see which holds, or gate on p50 (metric option)`
    case 'warn-band':
      return `"${id}" is slower, within the threshold: ${figures}`
    case 'faster':
      return `"${id}" improved: ${figures}`
    default:
      return `"${id}" unchanged: ${figures}`
  }
}

/** Said of a confirmation read again under another gate than the run's (`perfspec compare --metric/--threshold`). */
function rereadNote(confirmation: NonNullable<Comparison['confirmation']>, metric: string): string {
  return confirmation.reread ? ` (read again from each one's recorded ${metric}, at this gate and against this baseline: the run read them at its own)` : ''
}

/**
 * ` (measured 1 of 3 times asked: …)`: what the test's timeout cut short of the measurements
 * perfspec adds, or nothing when it cut nothing.
 */
function timeLimitedNote(limited: BaselineCheck['timeLimited']): string {
  if (!limited) return ''
  const apart = limited.pause !== undefined ? `${limited.taken < limited.asked ? ', ' : ' '}only ${formatDuration(limited.pause)} apart` : ''
  const what = limited.taken < limited.asked ? `measured ${limited.taken} of ${limited.asked} times asked${apart}` : `measured${apart}`
  return ` (${what}: the test's timeout left no more time for them; give the test a longer timeout)`
}

/**
 * ` (measured in 1 of 3 processes asked: …)`: fewer processes measured a new baseline than the
 * `baselineProcesses` option asks for, and why; nothing when all did.
 */
function processesShortNote(short: BaselineCheck['processesShort']): string {
  if (!short) return ''
  return ` (measured in ${short.taken} of ${short.asked} processes asked: ${short.problem}; its spread may not show how far apart processes read it)`
}

/**
 * One sentence for a run in which tests' timeouts cut short the measurements perfspec adds, or
 * `undefined`: how many benchmarks were measured fewer times than asked, which, and what to do.
 */
export function timeLimitedText(checks: readonly BaselineCheck[]): string | undefined {
  const short = checks.filter((c) => c.timeLimited && c.timeLimited.taken < c.timeLimited.asked)
  if (!short.length) return undefined
  const named = short.map((c) => `"${c.benchId}" ${c.timeLimited!.taken} of ${c.timeLimited!.asked}`)
  const one = short.length === 1
  return `${short.length} ${one ? 'benchmark was' : 'benchmarks were'} measured fewer times than asked (${listed(named)}): the measurements perfspec adds to write a baseline or confirm a regression take at most ${formatPercent(EXTRA_TIME_SHARE)} of a test's timeout, and ${one ? "its test's" : "their tests'"} left no more; give ${one ? 'that test' : 'those tests'} a longer timeout`
}

/**
 * One sentence for a run that wrote baselines measured in fewer processes than the
 * `baselineProcesses` option asks for, or `undefined`: which, how many, and why.
 */
export function processesShortText(checks: readonly BaselineCheck[]): string | undefined {
  const short = checks.filter((c) => c.processesShort)
  if (!short.length) return undefined
  const named = short.map((c) => `"${c.benchId}" in ${c.processesShort!.taken} of ${c.processesShort!.asked}: ${c.processesShort!.problem}`)
  const one = short.length === 1
  return `${short.length} ${one ? 'baseline was' : 'baselines were'} measured in fewer processes than asked (${listed(named)}); ${one ? 'its spread' : 'their spreads'} may not show how far apart processes read ${one ? 'it' : 'them'}`
}

/** The comparison a check or row carries, when it was compared. */
function comparedPart(c: Partial<Omit<Comparison, 'status'>> & Pick<BaselineCheck, 'timeLimited'>): (Omit<Comparison, 'status'> & Pick<BaselineCheck, 'timeLimited'>) | undefined {
  if (c.reason === undefined || c.baseline === undefined || c.current === undefined || c.change === undefined) return undefined
  return { ...c, reason: c.reason, baseline: c.baseline, current: c.current, change: c.change, interval: c.interval ?? [c.change, c.change] }
}

/**
 * A benchmark's baseline check in a few words, for one line of a terminal: the figures, and for a
 * WARN why it did not fail; `undefined` when there is nothing to say (ok, improved, written…).
 * The whole sentence is {@link checkText}.
 */
export function briefCheckText(check: BaselineCheck): string | undefined {
  if (check.status === 'unchecked') {
    // A file that could not be read (a folder in its place, no permission) is not said to be invalid.
    if (check.cause === 'file-invalid') return `not checked: ${check.baselineFile} ${check.detail?.startsWith('cannot be read') ? 'cannot be read' : isMissingProblem(check.detail) ? 'is missing' : restoreProblem(check.detail) ?? 'is invalid'}`
    if (check.cause === 'other-project') return `not checked: ${check.baselineFile} is another project's`
    if (check.cause === 'metric-missing') return `not checked: its baseline has no ${check.metric}`
    if (check.cause === 'duplicate-id') return 'not checked: another benchmark has the same id; rename one'
    if (check.cause === 'not-written') return `baseline not written: ${check.baselineFile} ${check.detail ?? 'could not be written'}`
    return 'not checked'
  }
  if (check.status !== 'regressed' && check.status !== 'warn') return undefined
  const v = comparedPart(check)
  if (!v) return check.status
  const brief = briefComparisonText(check, v)
  return lacksBaselineDistribution(check) ? `${brief}; judged on its statistics alone (its baseline has no latency distribution)` : brief
}

/** {@link briefCheckText} of a compared check: the figures and, for a WARN, why it did not fail. */
function briefComparisonText(check: BaselineCheck, v: Omit<Comparison, 'status'>): string {
  const figures = `${check.metric} ${formatDuration(v.baseline)} → ${formatDuration(v.current)} (${formatChange(v.change)}, threshold ${formatPercent(check.threshold)})`
  const readings = v.confirmation ? `${v.confirmation.regressed} of ${v.confirmation.changes.length}${v.confirmation.fresh !== undefined ? ` (${v.confirmation.changes.length - v.confirmation.fresh} in ${freshText(v.confirmation.freshProcesses)})` : ''}` : ''
  switch (v.reason) {
    case 'beyond-threshold':
      return `regression: ${figures}${readings ? `, confirmed by ${readings} measurements${check.timeLimited && check.timeLimited.taken < check.timeLimited.asked ? ` (${check.timeLimited.asked} asked: the test's timeout left no time for more)` : ''}` : ''}${v.confirmation?.freshProblem ? '; not measured again in a fresh process (the report says why)' : ''}`
    case 'machine-busy':
      return `${figures}; not gated: other processes kept ${(v.otherCores ?? 0).toFixed(1)} cores busy`
    case 'not-confirmed':
      return `${figures}; not confirmed (${readings} measurements beyond the threshold)`
    case 'slow-host':
      return `${figures}; the host ran slow in every measurement (${formatTimes(v.hostSlowdown ?? 1)}): not confirmed`
    case 'other-machine':
      return `${figures}; not gated: baseline from another machine`
    case 'other-testbed':
      return `${figures}; not gated: ${borrowedText(v.otherTestbed)}`
    case 'too-noisy':
      return `${figures}; too noisy to gate at ${formatPercent(check.threshold)} here (could at ${formatPercent(gateableThreshold(v.spread ?? 0))})`
    case 'machine-slower':
      return `${figures}; not failed: the whole run is ${formatChange(v.drift ?? 0)} slower`
    case 'within-noise':
      return `${figures}; within its run-to-run noise`
    case 'tail-only':
      return `${figures}; the tail only${v.typicalChange !== undefined ? ` (typical call ${formatChange(v.typicalChange)})` : ''}`
    case 'partly-slow-host':
      return `${figures}; its fastest calls are not (${formatChange(v.fastChange ?? 0)}): a slow stretch of the host`
    case 'sampling-differs':
      return `${figures}; sampled differently from its baseline: rewrite it with -u`
    case 'typical-slower':
      return `${figures}; typical call ${formatChange(v.typicalChange ?? 0)}, beyond the threshold`
    default:
      return `slower, within the threshold: ${figures}`
  }
}

/**
 * One sentence on a benchmark's baseline check, whatever its status.
 *
 * @param name - how the sentence names the benchmark; default its full id (annotations, the CLI).
 *   A report that already says where it is passes its short name.
 */
export function checkText(check: BaselineCheck, name: string = check.benchId): string {
  const path = check.baselineFile
  switch (check.status) {
    case 'skipped':
      if (check.cause === 'opted-out') return 'opted out of baselines (baseline: false)'
      if (check.cause === 'bench-failed') return `not checked: the bench failed (${check.detail ?? 'no result'})`
      if (check.cause === 'test-failed') return 'baseline not written: its test failed, and a failing test is no reference; fix the test and run again'
      if (check.cause === 'expected-to-fail') return 'no baseline checked or written: its test is expected to fail (test.fails, test.failing), so it passes when its body fails and its measurement is no reference'
      if (check.cause === 'test-skipped') return 'no baseline checked or written: its test skipped itself after measuring (ctx.skip()), which disowns the measurement'
      break
    case 'written':
      return `new benchmark: baseline written to ${path}${timeLimitedNote(check.timeLimited)}${processesShortNote(check.processesShort)}`
    case 'updated':
      return `baseline rewritten in ${path}${timeLimitedNote(check.timeLimited)}${processesShortNote(check.processesShort)}`
    case 'new':
      if (check.cause === 'run-incomplete') return `new benchmark: no baseline in ${path}, and none written: this run did not end whole (see the problem it reports), so nothing is written from it`
      return `new benchmark: no baseline in ${path} (not written in CI or under update mode none; run locally or with PERFSPEC_UPDATE=new to write it)`
    case 'unchecked':
      if (check.cause === 'file-invalid' && (isMissingProblem(check.detail) || restoreProblem(check.detail) !== undefined)) return `not checked: ${path} ${check.detail}`
      if (check.cause === 'file-invalid') return `not checked: ${path} ${check.detail ?? 'is invalid'}. Fix the file, or delete it and run again to write a new one (or run with -u to rewrite it)`
      if (check.cause === 'other-project') return `not checked and not written: ${path} ${check.detail ?? "is another project's"}`
      if (check.cause === 'metric-missing') return `not checked: the baseline in ${path} has no "${check.metric}"; rewrite it with -u`
      if (check.cause === 'duplicate-id') return `not checked and not written: the id "${check.benchId}" belongs to several benchmarks of this run (tests ${check.detail ?? 'of the same name'}), and a baseline file keeps one entry per id; rename a test or a benchmark`
      if (check.cause === 'not-written') return `baseline not written: ${path} ${check.detail ?? 'could not be written'}; the run fails because the update was asked for and did not happen`
      if (check.cause === 'not-storable') return `not checked: no baseline written to ${path}, as this run's result cannot be one (${check.detail ?? 'a field is out of range'})`
      break
    default: {
      const compared = comparedPart(check)
      if (compared) return comparisonText(name, check, compared)
    }
  }
  // A check read back from a results file of an older version may carry only its sentence.
  return check.message ?? `"${name}": ${check.status}`
}

/**
 * {@link checkText}, and when the baseline came from another machine and the sentence does not say
 * so, which; and when a slower benchmark's baseline has no latency distribution, that it was
 * judged on its statistics alone, and how to store one.
 */
export function checkSentence(check: BaselineCheck, name: string = check.benchId): string {
  const slower = check.status === 'regressed' || check.status === 'warn'
  const statistics = slower && lacksBaselineDistribution(check) ? `. ${STATISTICS_ALONE}: its baseline has no latency distribution; rewrite it with -u to store one` : ''
  return `${checkText(check, name)}${check.reason === 'other-machine' || check.reason === 'other-testbed' ? '' : machineSuffix(check.machine)}${statistics}`
}

// What a latency distribution adds to a comparison, said the same way wherever one is missing.
const WHAT_IT_ADDS = 'the checks of the typical and the fastest calls that tell slower code from a busy machine'
const STATISTICS_ALONE = `Judged on its statistics alone, without ${WHAT_IT_ADDS}`

/** Whether a gated comparison lacked the baseline's latency distribution. */
function lacksBaselineDistribution(c: Pick<Partial<Comparison>, 'gated' | 'withoutDistribution'>): boolean {
  return c.gated !== false && (c.withoutDistribution === 'baseline' || c.withoutDistribution === 'both')
}

/**
 * One sentence for the benchmarks of a run whose baselines have no latency distribution (a
 * histogram removed by hand, or an entry of an older or another tool), or `undefined`: they were
 * gated on their statistics alone, and `<runner> -u` stores one.
 *
 * @param runner - the test runner's command (`vitest`, `jest`), for the advice
 */
export function statisticsAloneText(rows: readonly BenchRow[], runner: string): string | undefined {
  const compared = rows.filter((r) => r.baseline?.reason !== undefined)
  const lacking = compared.filter((r) => lacksBaselineDistribution(r.baseline!))
  if (!lacking.length) return undefined
  const one = lacking.length === 1
  const names = listed(lacking.map((r) => `"${r.bench.name}"`))
  return `${lacking.length} of ${compared.length} ${compared.length === 1 ? 'benchmark' : 'benchmarks'} ${one ? 'was' : 'were'} gated on ${one ? 'its' : 'their'} statistics alone, as ${one ? 'its baseline has' : 'their baselines have'} no latency distribution (${names}), so without ${WHAT_IT_ADDS}; rewrite ${one ? 'it' : 'them'} with ${runner} -u to store one`
}

/**
 * One sentence for the rows of `perfspec compare` judged without a latency distribution on one
 * side or both, or `undefined`: plain files of other tools carry none, perfspec's own do.
 */
export function compareStatisticsAloneText(rows: readonly CompareRow[]): string | undefined {
  const compared = rows.filter((r) => r.reason !== undefined)
  const lacking = compared.filter((r) => r.withoutDistribution !== undefined)
  if (!lacking.length) return undefined
  const sides = new Set(lacking.map((r) => r.withoutDistribution))
  const where = sides.size === 1 && sides.has('baseline') ? 'the baseline has' : sides.size === 1 && sides.has('current') ? 'the current results have' : 'the files have'
  const one = lacking.length === 1
  return `${lacking.length} of ${compared.length} compared ${compared.length === 1 ? 'benchmark' : 'benchmarks'} ${one ? 'was' : 'were'} judged on ${one ? 'its' : 'their'} statistics alone, as ${where} no latency distribution for ${one ? 'it' : 'them'} (${listed(lacking.map((r) => `"${r.benchId}"`))}), so without ${WHAT_IT_ADDS}; perfspec's own files carry one`
}

/** What the not-gated sentences read of a benchmark: a run's check, or a row of `perfspec compare`. */
type NotGatedSubject = Pick<Partial<Comparison>, 'gated' | 'otherTestbed' | 'machine'>

/**
 * One sentence for a run whose baselines came from another machine, or `undefined`: how many
 * were compared but not gated, how that machine differs (from the first of them), what to do.
 */
function otherMachineText(checks: readonly NotGatedSubject[]): string | undefined {
  const ungated = checks.filter((c) => c.gated === false && c.otherTestbed === undefined)
  if (!ungated.length) return undefined
  const how = machineText(ungated[0]!.machine) ?? 'its fingerprint differs'
  return `${ungated.length} of ${checks.length} ${checks.length === 1 ? 'benchmark has' : 'benchmarks have'} baselines from another machine (${how}): ${OTHER_MACHINE_ADVICE}`
}

/**
 * One sentence for a run whose testbed had no baselines for some benchmarks that another testbed
 * of their files had, or `undefined`: how many were compared with which, not gated, what to do.
 */
function otherTestbedText(checks: readonly NotGatedSubject[]): string | undefined {
  const borrowed = checks.filter((c) => c.otherTestbed !== undefined)
  if (!borrowed.length) return undefined
  const names = [...new Set(borrowed.map((c) => c.otherTestbed ?? null))]
  const named = names.filter((n): n is string => n !== null).map((n) => `"${n}"`)
  const which = [...(named.length ? [`of testbed${named.length > 1 ? 's' : ''} ${listed(named)}`] : []), ...(names.includes(null) ? ['written without a testbed name'] : [])].join(' or ')
  return `${borrowed.length} of ${checks.length} ${checks.length === 1 ? 'benchmark has' : 'benchmarks have'} no baseline of this run's testbed, only baselines ${which}: ${otherTestbedAdvice(names)}`
}

/**
 * The sentences for a run's benchmarks that were compared with a baseline but not gated, because
 * it came from another machine or another testbed: one per kind, none when there were none.
 */
export function notGatedTexts(checks: readonly NotGatedSubject[]): string[] {
  return [otherTestbedText(checks), otherMachineText(checks)].filter((t): t is string => t !== undefined)
}

/** A baseline file's problem in one sentence: `baselines/a.test.ts.json is not valid JSON: …`. */
export function fileErrorText(error: BaselineFileError): string {
  return error.problem ? `${error.file} ${error.problem}` : (error.message ?? error.file)
}

/** What to say of baselines whose benchmark or test file is gone; `undefined` when there are none. */
export function obsoleteText(obsolete: ObsoleteBaselines | undefined): string | undefined {
  if (!obsolete) return undefined
  const parts = [
    ...(obsolete.entries.length ? [`${obsolete.entries.length} baseline ${obsolete.entries.length === 1 ? 'entry' : 'entries'} whose benchmark is gone (${listed(obsolete.entries.map((e) => `"${e.benchId}"`))})`] : []),
    ...(obsolete.files.length ? [`${obsolete.files.length} baseline ${obsolete.files.length === 1 ? 'file' : 'files'} whose test file is gone (${listed(obsolete.files)})`] : []),
  ]
  const kept = keptText(obsolete.kept ?? [])
  if (parts.length === 0) return kept
  const gone = obsolete.pruned ? `removed ${parts.join(' and ')}` : `obsolete: ${parts.join(' and ')}; a renamed benchmark starts without a baseline. Run with -u to remove them`
  return kept ? `${gone}; ${kept}` : gone
}

function keptText(kept: NonNullable<ObsoleteBaselines['kept']>): string | undefined {
  if (kept.length === 0) return undefined
  const where = listed(kept.map((k) => (k.testFileAt ? `${k.file}: ${k.testFileAt}` : `${k.file}: the project is too large to search whole`)))
  return `kept ${kept.length} baseline ${kept.length === 1 ? 'file' : 'files'} whose test file is under none of this run's roots, since a file at that path is elsewhere in the project (${where}): perhaps the test file of another configuration sharing the baseline folder; if it is a stale copy (a build output), delete the baseline file by hand`
}

/**
 * What to say of tests that failed before recording anything, and of files or describe blocks
 * that failed as a whole (their loading, or a hook: what their tests recorded before an `afterAll`
 * failed is kept, probe 54 #2); `undefined` when there are none.
 */
export function unfinishedText(tests: readonly TestOutline[] | undefined): string | undefined {
  if (!tests?.length) return undefined
  // As ids name them: printable parts, a separator inside a part escaped (titles come raw from the runner).
  // A file or describe block that failed as a whole says the runner's error, when it gave one.
  const whole = (t: TestOutline) => t.error !== undefined || t.titlePath.length === 0
  const name = (t: TestOutline) => (t.titlePath.length ? `"${[printable(t.file), ...t.titlePath.map(idPart)].join(ID_SEPARATOR)}"${t.error === undefined ? '' : ` (${printable(t.error)})`}` : `"${printable(t.file)}" (${t.error === undefined ? 'the file failed to load, or a hook of the file failed: beforeAll, afterAll' : `the file failed: ${printable(t.error)}`})`)
  const single = tests.filter((t) => !whole(t))
  const blocks = tests.filter(whole)
  const parts: string[] = []
  if (single.length) parts.push(`${single.length} ${single.length === 1 ? 'test' : 'tests'} failed before recording a result, so what ${single.length === 1 ? 'it' : 'they'} measured is not in this report: ${listed(single.map(name))}`)
  if (blocks.length) parts.push(`${blocks.length} ${blocks.length === 1 ? 'test file or block' : 'test files or blocks'} failed as a whole (loading, or a hook), so what ${blocks.length === 1 ? 'its' : 'their'} tests did not record is not in this report, and what they recorded before is: ${listed(blocks.map(name))}`)
  return parts.join('; ')
}

/** Up to five items, then how many more. */
export function listed(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(', ')
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown
}

/** One sentence on a row of `perfspec compare`, under the command's gate or the benchmark's own. */
export function compareRowText(row: CompareRow, commandGate: { metric: string; threshold: number }): string {
  const id = row.benchId
  const gate = row.gate ?? commandGate
  switch (row.status) {
    case 'skipped':
      if (row.cause === 'opted-out') return `"${id}" not gated: it opts out of baselines (baseline: false), as its run report says`
      if (row.cause === 'test-skipped') return `"${id}" not gated: its test skipped itself after measuring, as its run report says`
      if (row.cause === 'expected-to-fail') return `"${id}" not gated: its test is expected to fail (test.fails, test.failing)${row.error ? `, and it failed as expected: ${row.error}` : ''}`
      return `"${id}" not gated: it failed in a test that caught the failure${row.error ? `: ${row.error}` : ''}`
    case 'new':
      return `"${id}" is new: no baseline entry`
    case 'missing':
      return `"${id}" is in the baseline but not in the current results`
    case 'failed':
      return `"${id}" failed in the current run, so it has no result to compare${row.error ? `: ${row.error}` : ''}`
    case 'unchecked':
      return `"${id}" not compared: the ${row.lacking ?? 'baseline'} entry has no "${gate.metric}"`
    default: {
      const compared = comparedPart(row)
      return compared ? `${comparisonText(id, gate, compared)}${row.reason === 'other-machine' || row.reason === 'other-testbed' ? '' : machineSuffix(row.machine)}` : `"${id}": ${row.status}`
    }
  }
}
