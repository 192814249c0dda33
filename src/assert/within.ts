import { DEFAULT_CONFIDENCE } from '../analyse/compare-latency.js'
import { judgeOverhead } from '../analyse/overhead.js'
import type { BenchResult } from '../model/bench-result.js'
import type { Status } from '../model/entries.js'
import { getTestContext, recordEntry } from '../record/context.js'
import { formatChange, formatCount, formatPercent } from '../units/format.js'
import { optionsObject } from '../units/options-object.js'
import { parseFraction, type Fraction } from '../units/percent.js'
import { PerfAssertionError } from './assertion-error.js'
import { parseConfidence } from './confidence-option.js'
import { benchResultArgument } from './bench-result-argument.js'
import { NOISE_FLOOR } from './faster-than.js'
import { strictMatchers } from './strict-matchers.js'
import { refuseExtraArguments } from '../units/extra-arguments.js'

/** Options of `toBeWithin(margin, options)`. */
export interface WithinOptions {
  /** Two-sided confidence level of the interval of the change: `'99%'` or `0.99`. Default `'95%'`. */
  confidence?: Fraction
}

/** The end of `toBeWithin(margin)`: the result to compare with. */
export interface WithinClause {
  /**
   * Compares with `other`, a result of the same `benchTogether()` call; records PASS, WARN or FAIL
   * and throws a {@link PerfAssertionError} on FAIL. Results measured apart (two `bench()` calls)
   * are a `TypeError`: the machine's drift between them would decide.
   */
  of(other: BenchResult): void
}

/** `toBeWithin(margin).of(other)` on one figure. */
export interface WithinMatchers {
  /**
   * At most `margin` above `other`'s figure (`'5%'` or `0.05`; being lower always passes), judged
   * on the interval of the typical per-round ratio of the two, from the rounds in which
   * `benchTogether()` alternated them: FAIL when the whole interval lies above `1 + margin`
   * (more than `margin` above, with confidence), PASS when it lies wholly at or below it, WARN
   * when it reaches both sides (these measurements cannot tell at this precision). Margins under
   * 1 % count as 1 %. End it with `.of(other)`: `toBeWithin('5%')` alone checks nothing.
   */
  toBeWithin(margin: Fraction, options?: WithinOptions): WithinClause
}

/** The figure a `toBeWithin` compares, as its matcher reads it. */
export interface OverheadFigure {
  /** How the figure is reached, for messages: `expectCpu(…).perOp`. */
  path: string
  /** What it is, in words: `CPU per call`, `p50 latency`. */
  subject: string
  /** The figure of a whole result, in `unit`, shown beside the comparison. */
  of: (r: BenchResult) => number
  /** Its per-round figures (aligned across one `benchTogether()` call), or undefined when not measured. */
  rounds: (r: BenchResult) => readonly number[] | undefined
  /** `ms` or `bytes`. */
  unit: string
  /** Formats a figure of `unit`. */
  format: (value: number) => string
  /** Added to both figures of a round before their ratio (see `pairedChange`). Default 0. */
  offset?: number
}

/** How the verdict is reached, as the report names it. */
export const OVERHEAD_METHOD = 'Hodges–Lehmann estimate and Wilcoxon signed-rank CI of the per-round ratios'

const OPTIONS = ['confidence'] as const satisfies ReadonlyArray<keyof WithinOptions>
const STATUS = { within: 'PASS', above: 'FAIL', inconclusive: 'WARN' } as const satisfies Record<string, Status>

/** The `toBeWithin` matcher of one figure of `r`. */
export function withinMatchers(r: BenchResult, figure: OverheadFigure): WithinMatchers {
  return {
    toBeWithin(margin, given) {
      const matcher = `${figure.path}.toBeWithin()`
      refuseExtraArguments(matcher, arguments, ['margin', 'options'])
      const asked = parseFraction(margin, `${matcher} margin`, { example: '5%' })
      const options: WithinOptions = optionsObject(given, OPTIONS, matcher, "{ confidence: '99%' }")
      const confidence = parseConfidence(options.confidence, `${matcher} option "confidence"`, DEFAULT_CONFIDENCE)
      return strictMatchers<WithinClause>(`${figure.path}.toBeWithin(…)`, {
        of(other) {
          refuseExtraArguments(`${figure.path}.toBeWithin(…).of()`, arguments, ['other'])
          checkWithin(r, other, figure, Math.max(asked, NOISE_FLOOR), confidence)
        },
      })
    },
  }
}

function checkWithin(a: BenchResult, given: unknown, figure: OverheadFigure, margin: number, confidence: number): void {
  const call = `${figure.path}.toBeWithin(…).of()`
  const b = benchResultArgument(`${figure.path}.toBeWithin(…).of`, given)
  if (b === a) throw new TypeError(`perfspec: ${call} received "${a.name}" itself; pass another result of its benchTogether() call`)
  if (!a.together || !b.together || a.together.group !== b.together.group) {
    const how = a.together && b.together ? 'in two benchTogether() calls' : 'not in one benchTogether() call'
    throw new TypeError(
      `perfspec: ${call} compares results measured together, and "${a.name}" and "${b.name}" were measured apart (${how}): a machine's speed drifts between two measurements by more than the few percent asked about, so no interval from them would hold. Measure both in one call: const { next, old } = await benchTogether({ next: () => …, old: () => … })`,
    )
  }
  const mine = figure.rounds(a)
  const theirs = figure.rounds(b)
  if (!mine || !theirs) throw new TypeError(`perfspec: ${call} needs the per-round ${figure.subject} of both results, which their benchTogether() call did not measure`)

  const j = judgeOverhead(mine, theirs, margin, { confidence, ...(figure.offset !== undefined && { offset: figure.offset }) })
  const status = STATUS[j.verdict]
  const allowed = formatPercent(margin)
  const level = formatPercent(confidence)
  const figures = `${figure.format(figure.of(a))} vs ${figure.format(figure.of(b))}`
  const interval = j.interval ? `${level} CI ${formatChange(j.interval[0])} to ${formatChange(j.interval[1])}` : `no ${level} interval`
  const facts = `${figures}, difference ${formatChange(j.change)} (${interval}, ${formatCount(j.pairs)} rounds), needed ≤ +${allowed}`
  const subject = `${figure.subject} of "${a.name}"`
  const undecided = j.interval
    ? `the interval reaches both sides of +${allowed}`
    : `${formatCount(j.pairs)} rounds are too few for a ${level} interval`
  const message =
    j.verdict === 'within'
      ? `${subject} is within ${allowed} of "${b.name}": ${facts}`
      : j.verdict === 'above'
        ? `${subject} was more than ${allowed} above "${b.name}" with ${level} confidence: ${facts}`
        : `${subject} could not be shown within ${allowed} of "${b.name}" at this precision: ${facts}; ${undecided}, so it passes with a warning (it fails only when the whole interval lies above +${allowed}): measure longer (benchTogether option "time") or on a quieter machine to decide`
  recordEntry({
    kind: 'expectation',
    benchId: a.id,
    subject: figure.subject,
    comparator: 'within',
    actual: j.change,
    limit: margin,
    unit: 'fraction',
    status,
    message,
    overhead: {
      otherId: b.id,
      otherName: b.name,
      figure: figure.of(a),
      otherFigure: figure.of(b),
      figureUnit: figure.unit,
      change: j.change,
      ...(j.interval && { interval: j.interval }),
      confidence,
      margin,
      rounds: j.pairs,
      verdict: j.verdict,
      method: OVERHEAD_METHOD,
    },
  }, getTestContext())
  if (status === 'FAIL') throw new PerfAssertionError(message)
}
