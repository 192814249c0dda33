import type { RecordEntry } from '../../src/model/entries.js'
import type { RunReport } from '../../src/model/run-report.js'

/** The run report of a run of one passed test, `test` in `file`, that recorded `entries`, with the given counts. */
export function oneTestReport(file: string, test: string, entries: RecordEntry[], summary: Pick<RunReport['summary'], 'benchmarks' | 'expectations'> & Partial<RunReport['summary']>): RunReport {
  return {
    perfspec: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    duration: 1_000,
    runner: { name: 'vitest', version: '4.1.12' },
    environment: { os: 'Linux', arch: 'x64', cpu: 'test', cores: 2, memory: 1 << 30, node: 'v20', ci: false },
    tests: [{ file, test, state: 'passed', entries }],
    baselines: [],
    baselineErrors: [],
    summary: { leaks: { pass: 0, fail: 0 }, regressions: 0, status: 'PASS', ...summary },
  }
}
