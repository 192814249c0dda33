import { failsAbRun, type AbComparison, type AbProgress, type AbReason } from '../model/ab.js'
import type { AbRunReport, AbSideFailure } from '../model/ab-run.js'
import type { AbCounts } from '../compare/ab-outcome.js'
import { slowerFrom } from '../compare/paired-verdict.js'
import { formatChange, formatConfidence, formatCount, formatDuration, formatPercent } from '../units/format.js'
import { printable, printableLines } from '../model/names.js'
import { entryName, nameInTest } from './row-name.js'

/**
 * Every word `perfspec ab` says about a comparison, a failure and a run: the console table, the
 * Markdown section, the annotations and the progress line take them from here.
 */

/**
 * The side whose runner of this benchmark's file failed while the benchmark ran alone on the
 * other, its partner never reached: it is neither new nor removed, its tests failed first.
 */
function failedPartner(c: AbComparison, failures: readonly AbSideFailure[]): AbSideFailure | undefined {
  if (c.status !== 'alone' || c.reason !== 'partner-ended' || !c.side) return undefined
  const other = c.side === 'head' ? 'base' : 'head'
  return failures.find((f) => f.side === other && f.file === c.file)
}

/**
 * The status as a table shows it: upper case for what fails the run.
 *
 * @param failures - the run's runners that failed, to tell a benchmark whose partner's tests failed from a new or removed one
 */
export function abStatusLabel(c: AbComparison, failures: readonly AbSideFailure[] = []): string {
  const failed = failedPartner(c, failures)
  if (failed) return `${failed.side} failed`
  if (c.status === 'alone') return c.reason === 'partner-ended' ? (c.side === 'head' ? 'new' : 'removed') : `alone (${c.side ?? '?'})`
  return c.status === 'slower' ? slowerLabel(c) : c.status
}

/** Slower as a status shows it: upper case when it fails the run, which one not gated does not. */
function slowerLabel(c: { gated?: false }): string {
  return c.gated === false ? 'slower (not gated)' : 'SLOWER'
}

/** A typical call in ns, as a duration; `—` when not measured. */
export function typicalText(ns: number): string {
  return Number.isFinite(ns) && ns > 0 ? formatDuration(ns / 1e6) : '—'
}

/** `[−3.1%, +4.0%]`, or `—` before the pairs are enough for an interval. */
export function intervalText(interval: readonly [number, number]): string {
  return Number.isFinite(interval[0]) && Number.isFinite(interval[1]) ? `[${formatChange(interval[0])}, ${formatChange(interval[1])}]` : '—'
}

const REASON: Record<AbReason, string> = {
  'partner-ended': 'the other side ran this file without it',
  'partner-timeout': 'the other side did not reach it within the partner wait',
  'partner-elsewhere': 'both sides have it, but they did not meet on it: one side was waiting on another benchmark when the other reached it (a benchmark added, removed or renamed before it on one side, or the two sides run their benchmarks in a different order)',
  'partner-failed': "the other side's benchmark ended mid-comparison (it threw, or its process ended)",
  busy: 'its process was already measuring another benchmark (tests running concurrently)',
  'time-cap': 'the time cap came first',
  'look-cap': 'the last planned look came first',
  'not-confirmed': 'it read slower, and fresh processes measuring it again did not agree',
  retried: 'its test was retried on one side after an attempt that measured it, and the attempt that counts has no partner on the other side',
}

/** Why a comparison was alone or ended early, in words. */
export function reasonText(reason: AbReason): string {
  return REASON[reason]
}

/** The figures of a comparison: `+10.2% [+7.9%, +12.5%] at 99.5% confidence, 24 pairs, 1.20ms → 1.32ms`. */
function figures(c: AbComparison): string {
  return `${formatChange(c.change)} ${intervalText(c.interval)} at ${formatConfidence(c.confidence)} confidence, ${formatCount(c.pairs)} ${c.pairs === 1 ? 'pair' : 'pairs'}, ${c.metric === 'typical' ? 'typical call' : c.metric} ${typicalText(c.base.typicalNs)} → ${typicalText(c.head.typicalNs)}`
}

/** What each pair of processes read: `+5.3% [+4.4%, +6.2%], then +0.4% [−0.8%, +1.6%]`. */
function roundsText(c: AbComparison): string {
  return (c.rounds ?? []).map((r) => `${formatChange(r.change)} ${intervalText(r.interval)}`).join(', then ')
}

/** What a benchmark that is not gated (see `AbComparison.gated`) reads as. */
const NOT_GATED = "not gated (its bench sets baseline: false, or its test is expected to fail), so it does not fail the run and was not measured again"

/** The figure compared, when not the typical call (`--metric`, or a bench's own `baseline: { metric }`). */
function ownGate(c: AbComparison): string {
  return c.metric === 'typical' ? '' : `${c.metric}, `
}

/** Why a suspect has one reading only (stays slower; a file written before said it as inconclusive). */
const UNMEASURED = 'fresh processes could not measure it again (its file failed or was stopped there, its test did not run there, or the sides did not meet), so one pair of processes is all that saw it'

/**
 * `; base measured it alone too, typical call 27.3µs (head +99%), not in turns, so not compared`:
 * the other side's figure of a benchmark both sides measured alone, for the reader to weigh.
 */
function bothAloneText(c: AbComparison, comparisons: readonly AbComparison[]): string {
  if (!c.side) return ''
  const otherSide = c.side === 'head' ? 'base' : 'head'
  const theirs = comparisons.find((o) => o !== c && o.status === 'alone' && o.side === otherSide && o.id === c.id && o.file === c.file)
  const base = (c.side === 'base' ? c : theirs)?.base.typicalNs
  const head = (c.side === 'head' ? c : theirs)?.head.typicalNs
  if (!theirs || base === undefined || head === undefined) return ''
  const change = Number.isFinite(base) && Number.isFinite(head) && base > 0 ? ` (head ${formatChange(head / base - 1)})` : ''
  return `; ${otherSide} measured it alone too, typical call ${typicalText(theirs[otherSide].typicalNs)}${change}, not in turns, so not compared`
}

/** A benchmark as `perfspec ab`'s sentences name it, after its test's title path: `"a › b › x"`. */
export function abBenchName(c: Pick<AbComparison, 'id' | 'test' | 'name'>): string {
  return `"${nameInTest(c.test, entryName(c))}"`
}

/** A test file's path as `perfspec ab` prints it: printable (a line break in it shows as `\\n`). */
export function abFileText(file: string): string {
  return printable(file)
}

/**
 * One sentence on a comparison's verdict, naming the benchmark.
 *
 * @param failures - the run's runners that failed (see {@link abStatusLabel})
 * @param comparisons - the run's comparisons: a benchmark both sides measured alone is said with the other side's figure
 */
export function abSentence(c: AbComparison, failures: readonly AbSideFailure[] = [], comparisons: readonly AbComparison[] = []): string {
  const name = abBenchName(c)
  const failed = failedPartner(c, failures)
  if (failed) return `${name} ran only on ${c.side}, not compared: ${failed.side}'s ${abFileText(failed.file)} ${failed.signal ? `was ended by ${failed.signal}` : 'failed'} (see below), so its test there may not have reached it; measured alone, typical call ${typicalText(c[c.side!].typicalNs)}`
  const threshold = formatPercent(c.threshold)
  switch (c.status) {
    case 'slower': {
      const rounds = c.rounds && c.rounds.length > 1 ? `; confirmed by ${c.rounds.length} pairs of processes: ${roundsText(c)}` : c.rounds?.length === 1 ? `; not confirmed: ${UNMEASURED}` : ''
      if (!failsAbRun(c)) return `${name} is slower on head: ${figures(c)} (${ownGate(c)}threshold ${threshold}); ${NOT_GATED}`
      return `${name} is slower on head: ${figures(c)} (${ownGate(c)}threshold ${threshold})${rounds}`
    }
    case 'faster':
      return `${name} is faster on head: ${figures(c)}`
    case 'unchanged':
      return `${name} is unchanged within ±${threshold}: ${figures(c)}`
    case 'inconclusive': {
      if (c.reason === 'retried') {
        const gated = c.gated === false ? ` (${NOT_GATED})` : ''
        if (!c.side) return `${name} is not decided: its test was retried on both sides after an attempt that measured it, and perfspec ab does not pair the retries (each measured alone); what the earlier attempts read is no verdict. Fix the flaky test, or run without retries, for a verdict${gated}`
        return `${name} is not decided: its test was retried on ${c.side} after an attempt that measured it, and the attempt that counts (the last) has no partner on ${c.side === 'head' ? 'base' : 'head'}, since perfspec ab pairs the attempts both sides make together; what the earlier attempt read is no verdict. Fix the flaky test, or run without retries, for a verdict${gated}`
      }
      if (c.reason === 'not-confirmed' && (c.rounds?.length ?? 0) <= 1) return `${name} is inconclusive: it read slower, ${figures(c)} (${ownGate(c)}threshold ${threshold}), but ${UNMEASURED}`
      if (c.reason === 'not-confirmed') return `${name} is inconclusive: it read slower, ${figures(c)} (${ownGate(c)}threshold ${threshold}), and fresh processes measuring it again did not agree: ${roundsText(c)} (a difference between two processes, not between the revisions, or a change near the threshold)`
      const why = c.reason ? ` (${reasonText(c.reason)})` : ''
      const straddles = Number.isFinite(c.interval[0]) && Number.isFinite(c.interval[1]) ? `, the interval straddles the ${threshold} threshold` : ''
      // More time helps when time ran out; after the last planned look only a quieter machine does;
      // a pair broken off by its partner needs the partner, not time.
      const remedy = c.reason === undefined || c.reason === 'time-cap' ? 'raise --time-cap, or run it on a quieter machine' : c.reason === 'look-cap' ? 'run it on a quieter machine' : undefined
      const needs = c.needs && remedy ? `; a verdict would need about ${formatCount(c.needs.pairs)} pairs, ${formatDuration(c.needs.ms)} at this pace: ${remedy}` : ''
      return `${name} is inconclusive${why}: ${figures(c)}${straddles}${needs}`
    }
    case 'alone': {
      const side = c.side ?? 'one side'
      const own = c.side ? typicalText(c[c.side].typicalNs) : '—'
      if (c.reason === 'partner-ended') return `${name} is only on ${side}${c.side === 'head' ? ' (new, or skipped on base)' : ' (removed, renamed, or skipped on head)'}: measured alone, typical call ${own}`
      return `${name} was measured alone on ${side}, typical call ${own}: ${c.reason ? reasonText(c.reason) : 'no partner'}${bothAloneText(c, comparisons)}`
    }
  }
}

/** The first lines worth reading of a runner's output when it failed: its failures, else its end. */
export function failureExcerpt(output: string, lines = 12): string {
  const all = printableLines(output).split('\n').map((l) => l.trimEnd())
  const first = all.findIndex((l) => /\b(FAIL|Error|×|✕|●)\b|^\s*(FAIL|×|✕|●)/.test(l))
  const from = first === -1 ? Math.max(0, all.length - lines) : first
  return all.slice(from, from + lines).join('\n').trim()
}

/** One sentence on a side's runner that failed. */
export function failureSentence(f: AbSideFailure): string {
  const how = f.signal ? `was ended by ${f.signal}` : `exited with code ${f.code}`
  const when = f.round !== undefined ? ` when measured again in fresh processes (round ${f.round})` : ''
  if (f.problem && !f.signal && f.changed) return `${f.side}'s ${abFileText(f.file)} ${how}${when}: another tool of its run changed perfspec's files in the working tree, as a plain run would fail on, so the run cannot pass (it is not decided, unless a benchmark read slower fails it): ${f.problem}`
  if (f.problem && !f.signal) return `${f.side}'s ${abFileText(f.file)} ${how}${when}: perfspec could not take what the file measured there, if it measured anything, so the run cannot pass (it is not decided, unless a benchmark read slower fails it): ${f.problem}`
  return `${f.side}'s ${abFileText(f.file)} ${how}${when}${f.signal ? '' : ': tests failed there; its benchmarks that ran still count'}`
}

/** What the benchmarks measured alone were, as the table labels them (`new`, `removed`, `head failed`), when any is one of those: ` (1 new, 1 head failed)`. */
function aloneKinds(report: AbRunReport): string {
  const kinds = new Map<string, number>()
  for (const c of report.comparisons) {
    if (c.status !== 'alone') continue
    const label = abStatusLabel(c, report.failures)
    const kind = label.startsWith('alone') ? 'did not meet' : label
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  }
  if (![...kinds.keys()].some((k) => k !== 'did not meet')) return ''
  return ` (${[...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ')})`
}

/** The run in one line: `FAIL: 12 benchmarks, 1 slower, 0 faster, 10 unchanged, 1 inconclusive, 0 alone (gate: typical call, threshold 10%: slower when surely above 0 and by +3.2% or more, 95% family-wise)`. */
export function abOutcomeLine(report: AbRunReport, counts: AbCounts, exitCode: number): string {
  const verdict = exitCode === 1 ? 'FAIL' : exitCode === 2 ? 'NOT DECIDED' : 'PASS'
  const n = report.comparisons.length
  // Slower is read from a third of the threshold up (in logs), not from the threshold itself.
  // The family-wise confidence bounds what the intervals decided; a suspect measured again was
  // decided by its fresh rounds, which the line says.
  const confirmed = report.comparisons.some((c) => c.rounds !== undefined) ? '; what read slower was measured again in fresh processes' : ''
  const gate = `${report.gate.metric === 'typical' ? 'typical call' : report.gate.metric}, threshold ${formatPercent(report.gate.threshold)}: slower when surely above 0 and by ${formatChange(slowerFrom(report.gate.threshold))} or more, ${formatConfidence(report.gate.confidence)} family-wise${confirmed}`
  const failed = report.failures.length ? `; ${report.failures.length} runner ${report.failures.length === 1 ? 'process' : 'processes'} failed` : ''
  const notTaken = report.failures.filter((f) => f.problem !== undefined && !f.changed).length
  const changed = report.failures.filter((f) => f.changed).length
  const reasons = [...(notTaken ? [`${notTaken} of them because perfspec could not take what a file measured`] : []), ...(changed ? [`${changed} of them because another tool changed perfspec's files in the working tree`] : [])]
  const missing = reasons.length ? ` (${reasons.join(', ')})` : ''
  const stopped = report.stopped === 'interrupted' ? '; interrupted before the last file' : report.stopped === 'killed' ? '; stopped: a runner process was killed' : ''
  const undecided = report.undecided === 'base-protocol' ? "; the base revision's perfspec speaks another A/B protocol" : report.undecided === 'base-not-connected' ? "; no benchmark of the base revision connected (its perfspec missing, not set up, or older than perfspec ab)" : ''
  const ungated = report.comparisons.filter((c) => c.status === 'slower' && !failsAbRun(c)).length
  const notGated = ungated ? ` (${ungated === counts.slower ? (ungated === 1 ? 'not gated' : 'none gated') : `${ungated} not gated`})` : ''
  return `${verdict}: ${n} ${n === 1 ? 'benchmark' : 'benchmarks'}, ${counts.slower} slower${notGated}, ${counts.faster} faster, ${counts.unchanged} unchanged, ${counts.inconclusive} inconclusive, ${counts.alone} alone${aloneKinds(report)} (gate: ${gate})${failed}${missing}${stopped}${undecided}`
}

/** The revisions in one line: `base main@1a2b3c4d5e6f (merge-base) vs head 9f8e…, working tree with 2 uncommitted changes`. */
export function revisionsLine(report: Pick<AbRunReport, 'base' | 'head'>): string {
  const base = `base ${report.base.ref} ${report.base.commit.slice(0, 12)}${report.base.how === 'merge-base' ? ' (merge-base with HEAD)' : ''}`
  const dirty = report.head.dirty ? `, working tree with ${report.head.dirty} uncommitted ${report.head.dirty === 1 ? 'change' : 'changes'}` : ''
  return `${base} vs head ${report.head.commit.slice(0, 12)}${dirty}`
}

/** The progress line of a comparison: `parse › JSON.parse 30KB: 24 pairs, +1.2% [−3.1%, +4.0%], measuring`. */
export function progressText(p: AbProgress): string {
  const estimate = Number.isFinite(p.change) ? `, ${formatChange(p.change)} ${intervalText(p.interval)}` : ''
  // Probe 47 #4: a line said of an earlier attempt's pairs is taken back.
  const retried = p.retried ? ': its test was retried, so what an earlier attempt read is no verdict' : ''
  return `${nameInTest(p.test, entryName(p))}: ${formatCount(p.pairs)} ${p.pairs === 1 ? 'pair' : 'pairs'}${estimate}, ${p.status === 'slower' ? slowerLabel(p) : p.status}${retried}`
}
