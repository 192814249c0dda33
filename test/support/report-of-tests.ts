import type { BaselineCheck } from '../../src/model/baseline-check.js'
import type { RunReport, TestRecord } from '../../src/model/run-report.js'
import { summarize } from '../../src/run/decide.js'

/** The run report of a Vitest run of `tests`, with the baseline checks given, its summary worked out as the end of a run works it out. */
export function reportOfTests(tests: TestRecord[], baselines: BaselineCheck[] = [], ci = true): RunReport {
  return {
    perfspec: 1,
    createdAt: '2026-12-01T12:00:00.000Z',
    duration: 2_000,
    runner: { name: 'vitest', version: '4.1.12' },
    environment: { os: 'Linux', arch: 'x64', cpu: 'test', cores: 2, memory: 1 << 30, node: 'v20', ci },
    tests,
    baselines,
    baselineErrors: [],
    summary: summarize(tests, baselines, 0, ci),
  }
}
