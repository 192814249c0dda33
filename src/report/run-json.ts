import type { RunReport } from '../model/run-report.js'
import { checkText, machineText, fileErrorText } from './verdict-text.js'

/**
 * `BENCHMARK_RESULTS.json`: the run report as data, with each baseline check's and file
 * problem's sentence (`message`, `environmentNote`) added for people and tools that read the
 * file without perfspec. NaN and infinities become `null`, as JSON has no such numbers.
 */
export function renderRunJson(report: RunReport): string {
  const withText: RunReport = {
    ...report,
    baselines: report.baselines.map((c) => {
      const note = machineText(c.machine)
      return { ...c, message: checkText(c), ...(note && { environmentNote: note }) }
    }),
    baselineErrors: report.baselineErrors.map((e) => ({ ...e, message: fileErrorText(e) })),
  }
  return `${JSON.stringify(withText, null, 2)}\n`
}
