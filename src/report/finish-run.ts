import { isAbsolute, relative, resolve } from 'pathe'
import { checkBaselines, type UpdateMode } from '../compare/check-baselines.js'
import type { Gate } from '../compare/gate.js'
import { writeFileAtomic } from '../record/atomic-write.js'
import { consoleSummary } from './console-summary.js'
import { readEnvironment } from './environment.js'
import { githubAnnotations, writeStepSummary } from './github.js'
import { renderMarkdown } from './markdown.js'
import type { RunReport, TestRecord } from './run-report.js'
import { summarize } from './summarize.js'

/** What a runner adapter hands over at the end of a run. */
export interface FinishRunInput {
  tests: TestRecord[]
  /** Project root, absolute. */
  root: string
  runner: { name: string; version: string }
  /** When the run started (ms since epoch). */
  startedAt: number
  gate: Gate
  update: UpdateMode
  /** Paths relative to `root` (or absolute). */
  output: { markdown: string | false; json: string | false; baselineDir: string }
  ci: boolean
  github: boolean
}

/** What the adapter does with the outcome: print `console`, and fail the run when `failed`. */
export interface FinishRunOutcome {
  report: RunReport
  console: string
  annotations: string[]
  /** True when the run must exit non-zero: a regression, or a baseline problem in CI. */
  failed: boolean
}

/**
 * The runner-agnostic end of a run: checks and writes baselines, builds the run report, writes
 * `BENCHMARK_RESULTS.md` and its JSON, and works out annotations and the verdict.
 */
export function finishRun(input: FinishRunInput): FinishRunOutcome {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(input.root, p))
  const environment = readEnvironment(`${input.runner.name} ${input.runner.version}`, input.root)
  environment.ci = input.ci
  const createdAt = new Date().toISOString()
  const { checks, errors } = checkBaselines(input.tests, {
    root: input.root,
    baselineDir: at(input.output.baselineDir),
    gate: input.gate,
    update: input.update,
    environment,
    timestamp: createdAt,
  })
  const report: RunReport = {
    perfspec: 1,
    createdAt,
    duration: Date.now() - input.startedAt,
    runner: input.runner,
    environment,
    tests: input.tests,
    baselines: checks,
    baselineErrors: errors,
    summary: summarize(input.tests, checks, errors.length, input.ci),
  }
  const written: string[] = []
  const jsonPath = input.output.json ? at(input.output.json) : undefined
  if (jsonPath) {
    writeFileAtomic(jsonPath, `${JSON.stringify(report, null, 2)}\n`)
    written.push(relative(input.root, jsonPath))
  }
  const markdown = renderMarkdown(report, jsonPath ? relative(input.root, jsonPath) : undefined)
  if (input.output.markdown) {
    const mdPath = at(input.output.markdown)
    writeFileAtomic(mdPath, markdown)
    written.push(relative(input.root, mdPath))
  }
  const annotations = input.github ? githubAnnotations(report) : []
  if (input.github) writeStepSummary(markdown)
  const failed = report.summary.regressions > 0 || (input.ci && (errors.length > 0 || checks.some((c) => c.status === 'unchecked')))
  return { report, console: consoleSummary(report, written), annotations, failed }
}
