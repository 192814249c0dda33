import { freshRoundsAgree } from '../compare/ab-confirmation.js'
import type { AbComparison } from '../model/ab.js'
import { ID_SEPARATOR, idPart } from '../model/names.js'
import { formatChange, formatPercent } from '../units/format.js'

/**
 * What in an A/B results file's comparisons no `perfspec ab` run writes, each named by its field:
 * a test that is not its titles as ids write them, an id that does not end with its test and
 * name, a file given as an absolute path, a change on the other side of 0 from its interval, and a verdict its own interval
 * contradicts (`slower` whose interval reaches 0 or below, `faster` whose interval reaches 0 or
 * above, `unchanged` whose interval reaches ± its threshold). `inconclusive` and `alone` carry
 * their reasons and are not second-guessed. The merged report's verdict is counted from these
 * statuses, so an edited one would pass a slower benchmark.
 */
export function abComparisonProblems(comparisons: readonly AbComparison[]): string[] {
  const problems: string[] = []
  comparisons.forEach((c, i) => {
    // Its own: the run's, or its bench's (`baseline: { threshold }`).
    const { threshold } = c
    const at = `comparisons[${i}]`
    const test = c.titles.map(idPart).join(ID_SEPARATOR)
    if (c.test !== test) problems.push(`${at}.test ${JSON.stringify(c.test)} is not its titles as ids write them (${JSON.stringify(test)})`)
    // A benchmark outside a test has no titles; a test titled '' has one, empty.
    const tail = [...(c.titles.length === 0 ? [] : [c.test]), idPart(c.name)].join(ID_SEPARATOR)
    const id = c.id.replace(/ #\d+$/, '')
    if (!(id === tail || id.endsWith(`${ID_SEPARATOR}${tail}`))) problems.push(`${at}.id ${JSON.stringify(c.id)} does not end with its test and name (${JSON.stringify(tail)})`)
    if (c.file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(c.file)) problems.push(`${at}.file ${JSON.stringify(c.file)} is an absolute path: perfspec ab names test files relative to the project`)
    const [lo, hi] = c.interval
    const status = `${at}.status ${JSON.stringify(c.status)}`
    const range = `[${formatChange(lo)}, ${formatChange(hi)}]`
    if ((lo > 0 && !(c.change > 0)) || (hi < 0 && !(c.change < 0))) problems.push(`${at}.change ${formatChange(c.change)} is on the other side of 0 from its interval ${range}`)
    if (c.status === 'slower' && !(lo > 0)) problems.push(`${status} with an interval of ${range}: slower is wholly above 0`)
    if (c.status === 'faster' && !(hi < 0)) problems.push(`${status} with an interval of ${range}: faster is wholly below 0`)
    if (c.status === 'unchanged' && !(lo > -threshold && hi < threshold)) problems.push(`${status} with an interval of ${range}: unchanged lies within ±${formatPercent(threshold)}`)
    problems.push(...roundProblems(c, at, threshold))
  })
  return problems
}

/**
 * The rounds of a suspect (measured again in fresh processes) against its verdict: only a
 * suspect has them (`slower`, or `inconclusive` as `not-confirmed`); the first is the
 * comparison's own reading; `slower` after fresh rounds needs them to agree, `not-confirmed` needs
 * them not to (`freshRoundsAgree`).
 */
function roundProblems(c: AbComparison, at: string, threshold: number): string[] {
  const rounds = c.rounds
  if (!rounds || rounds.length === 0) return []
  const status = `${at}.status ${JSON.stringify(c.status)}`
  const suspect = c.status === 'slower' || (c.status === 'inconclusive' && c.reason === 'not-confirmed')
  if (!suspect) return [`${status} with rounds of fresh processes: only a benchmark that read slower is measured again`]
  const [first, ...fresh] = rounds
  if (first!.change !== c.change || first!.interval[0] !== c.interval[0] || first!.interval[1] !== c.interval[1]) return [`${at}.rounds[0] is not the comparison's own reading (${formatChange(c.change)})`]
  if (fresh.length === 0) return []
  const agree = freshRoundsAgree(fresh, threshold)
  if (c.status === 'slower' && !agree) return [`${status} where its fresh rounds (${fresh.map((r) => formatChange(r.change)).join(', ')}) do not confirm it`]
  if (c.status === 'inconclusive' && agree) return [`${status} where its fresh rounds (${fresh.map((r) => formatChange(r.change)).join(', ')}) confirm it slower`]
  return []
}
