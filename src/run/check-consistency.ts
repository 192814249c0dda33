import { formatChange, formatPercent } from '../units/format.js'
import { isRecord } from './json-value.js'
import { fieldPath } from './schema-problems.js'

/**
 * What in a run report's baseline checks (`baselines`) no run writes: a check naming no benchmark
 * of the report, and a verdict its own figures contradict (a regression within the threshold, a
 * pass or an improvement whose whole interval lies above it, an improvement that is slower). The
 * commands that read a run report render each check's verdict as stored, so such a check would
 * make `report` say PASS where `compare` says REGRESSED. Checks of other statuses (`warn`, `new`,
 * `unchecked`, …) carry their reasons and are not second-guessed.
 *
 * @param benchIds - the ids of the report's benchmarks (entries of kind `bench`)
 */
export function baselineCheckProblems(baselines: unknown, benchIds: ReadonlySet<string>): string[] {
  if (!Array.isArray(baselines)) return []
  const problems: string[] = []
  const redo = 'write the report again (run the tests) rather than edit it'
  baselines.forEach((check, k) => {
    if (!isRecord(check)) return
    const at = fieldPath(`/baselines/${k}`)
    if (typeof check.benchId === 'string' && !benchIds.has(check.benchId)) problems.push(`${fieldPath('/benchId', at)} ${JSON.stringify(check.benchId)} names no benchmark of the report; ${redo}`)
    const { status, change, threshold, interval } = check
    if (typeof change !== 'number' || typeof threshold !== 'number') return
    const low = Array.isArray(interval) && typeof interval[0] === 'number' ? interval[0] : undefined
    const said = `${fieldPath('/status', at)} ${JSON.stringify(status)}`
    if (status === 'regressed' && !(change > threshold)) problems.push(`${said} with a change of ${formatChange(change)}, within its threshold of ${formatPercent(threshold)}: a regression is beyond it; ${redo}`)
    if ((status === 'ok' || status === 'improved') && low !== undefined && low > threshold) problems.push(`${said} with the interval of its change wholly above its threshold of ${formatPercent(threshold)} (from ${formatChange(low)}): that is a regression; ${redo}`)
    if (status === 'improved' && change >= 0) problems.push(`${said} with a change of ${formatChange(change)}: an improvement is faster; ${redo}`)
  })
  return problems
}
