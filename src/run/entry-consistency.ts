import { decodeHistogram, meanOf, quantile, type Distribution } from '../analyse/distribution.js'
import { MAX_SPREAD, TIME_UNIT_TO_MS } from '../model/baseline.js'
import { GATE_METRICS, QUANTILE_OF } from '../model/metrics.js'
import { formatDuration } from '../units/format.js'
import { isRecord } from './json-value.js'
import { fieldPath } from './schema-problems.js'

/**
 * What a hand edit can break inside one baseline entry that the schema cannot see: figures that no
 * measurement gives together. perfspec's own entries always pass; each rule says why.
 */

/** The statistics of an entry in the order they must stand, lowest first. */
const ORDERED = ['min', 'p50', 'p75', 'p90', 'p95', 'p99', 'max'] as const

/** A figure the schema accepted: positive and finite (zero, negative and non-finite ones are the schema's to report). */
function figure(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : undefined
}

/**
 * Statistics out of order (a p50 above the p95, a min above the max: no distribution reads so), a
 * spread beyond any measurement (above 100, that is 10,000 %), and a spread without the
 * measurements it comes from, or more processes than measurements. perfspec keeps each statistic
 * at the lowest of its measurements, which keeps their order, and writes `attempts` (2 or more)
 * and `spread` together or neither, and `processes` only beside them.
 */
export function consistencyProblems(entry: Record<string, unknown>, at: string): string[] {
  const problems: string[] = []
  let below: { key: string; value: number } | undefined
  for (const key of ORDERED) {
    const value = figure(entry[key])
    if (value === undefined) continue
    if (below && value < below.value * (1 - 1e-9)) problems.push(`${fieldPath(`/${key}`, at)} ${value} is below ${below.key} ${below.value}; statistics must stand in order (min ≤ p50 ≤ … ≤ max): rewrite the entry with -u`)
    below = { key, value }
  }
  if (isRecord(entry.spread)) {
    for (const [key, value] of Object.entries(entry.spread)) {
      if (typeof value === 'number' && value > MAX_SPREAD) problems.push(`${fieldPath(`/spread/${key}`, at)} ${value} is beyond any measurement's spread (at most ${MAX_SPREAD}, i.e. 10,000 %); rewrite the entry with -u`)
    }
  }
  const attempts = entry.attempts
  if (entry.spread !== undefined && !(typeof attempts === 'number' && attempts >= 2)) {
    problems.push(`${fieldPath('/spread', at)} needs ${fieldPath('/attempts', at)} of 2 or more (found ${attempts === undefined ? 'none' : JSON.stringify(attempts)}): a spread is the gap between several measurements; rewrite the entry with -u`)
  } else if (typeof attempts === 'number' && attempts >= 2 && entry.spread === undefined) {
    problems.push(`${fieldPath('/spread', at)} is missing: an entry measured ${attempts} times (attempts) carries the gap between its measurements; rewrite the entry with -u`)
  }
  const processes = entry.processes
  if (typeof processes === 'number' && !(typeof attempts === 'number' && processes <= attempts)) {
    problems.push(`${fieldPath('/processes', at)} ${processes} needs ${fieldPath('/attempts', at)} of at least as many (found ${attempts === undefined ? 'none' : JSON.stringify(attempts)}): each process took one measurement or more; rewrite the entry with -u`)
  }
  return problems
}

/** The problem with the `histogram` field of `entry` (at `at` in its file), when it has one that does not decode. */
export function histogramProblems(entry: Record<string, unknown>, at: string): string[] {
  if (typeof entry.histogram !== 'string') return []
  try {
    decodeHistogram(entry.histogram)
    return []
  } catch (error) {
    return [`${fieldPath('/histogram', at)} cannot be decoded: ${(error as Error).message}`]
  }
}

/**
 * How far a statistic may stand from its histogram's: the histogram keeps 3 significant digits
 * (a bucket is at most 0.1 % wide) and whole picoseconds, and perfspec clamps its percentiles
 * into the exact [min, max]; 1 % and 2 ps cover both with room.
 */
const RELATIVE_SLACK = 0.01
const ABSOLUTE_SLACK_MS = 2e-9

/**
 * A histogram that does not belong to its entry's figures: another entry's (swapped, copied), or
 * figures edited after it (a p95 raised, a unit changed). The gate reads the figures for the
 * threshold and the histogram for the noise, so the two must describe one measurement. What
 * perfspec writes: `n` is the histogram's count; the p50 is the histogram's (the measurement kept
 * is the one of the lowest p50); every other statistic is at most the histogram's, since it keeps
 * each at the lowest that any of its measurements read.
 */
export function histogramAgreementProblems(entry: Record<string, unknown>, at: string): string[] {
  const d = decodedHistogram(entry)
  if (!d) return []
  const problems: string[] = []
  const histogram = fieldPath('/histogram', at)
  if (typeof entry.n === 'number' && Number.isInteger(entry.n) && entry.n !== d.n) {
    problems.push(`${fieldPath('/n', at)} ${entry.n} is not the number of samples in ${histogram} (${d.n}); a histogram belongs to the measurement of its own entry: rewrite the entry with -u`)
  }
  const toMs = TIME_UNIT_TO_MS[entry.unit as keyof typeof TIME_UNIT_TO_MS]
  if (toMs === undefined) return problems
  return [...problems, ...figureProblems(entry, toMs, d, at, histogram, 'rewrite the entry with -u')]
}

/**
 * {@link histogramAgreementProblems} for a result of a run report (`BENCHMARK_RESULTS.json`): its
 * `latency` figures (ms) edited after the histogram (a p95 raised by hand) would have `compare`
 * read the threshold from one measurement and the noise from another, and call a thousandfold
 * change noise. perfspec's results read their percentiles from their own histogram.
 */
export function resultAgreementProblems(result: Record<string, unknown>, at: string): string[] {
  const d = decodedHistogram(result)
  if (!d || !isRecord(result.latency)) return []
  return figureProblems(result.latency, 1, d, fieldPath('/latency', at), fieldPath('/histogram', at))
}

function decodedHistogram(entry: Record<string, unknown>): Distribution | undefined {
  if (typeof entry.histogram !== 'string') return undefined
  try {
    return decodeHistogram(entry.histogram)
  } catch {
    return undefined // said by histogramProblems
  }
}

/** The gate's figures of `figures` (in a unit of `toMs` ms) that stand where histogram `d` does not put them. */
function figureProblems(figures: Record<string, unknown>, toMs: number, d: Distribution, at: string, histogram: string, fix?: string): string[] {
  const problems: string[] = []
  const how = fix ? `: ${fix}` : ''
  for (const key of GATE_METRICS) {
    const value = figure(figures[key])
    if (value === undefined) continue
    const q = QUANTILE_OF[key]
    const own = q !== undefined ? quantile(d, q) : key === 'max' ? d.values[d.values.length - 1]! : meanOf(d)
    const slack = own * RELATIVE_SLACK + ABSOLUTE_SLACK_MS
    const ms = value * toMs
    if (ms > own + slack) problems.push(`${fieldPath(`/${key}`, at)} ${value} (${formatDuration(ms)}) is above the ${key} of ${histogram} (${formatDuration(own)}); the figures and the histogram must come from one measurement${how}`)
    else if (key === 'p50' && ms < own - slack) problems.push(`${fieldPath(`/${key}`, at)} ${value} (${formatDuration(ms)}) is below the p50 of ${histogram} (${formatDuration(own)}); the figures and the histogram must come from one measurement${how}`)
  }
  return problems
}
