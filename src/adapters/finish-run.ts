import { relative } from 'pathe'
import type { DecidedRun } from '../model/run-report.js'
import { consoleSummary } from '../report/console-summary.js'
import { terminalStyle } from './terminal-style.js'
import { runAnnotations } from '../report/github.js'
import { renderMarkdown } from '../report/markdown.js'
import { renderRunJson } from '../report/run-json.js'
import { writeFileAtomic } from '../run/atomic-write.js'
import { endRun, type SessionInput } from '../run/session.js'
import { atRoot } from '../run/worker-config.js'
import { appendFileSync } from 'node:fs'

/** What a runner adapter does with the end of a run: print `console` and `annotations`, exit non-zero when `failed`. */
export interface FinishedRun {
  run: DecidedRun
  console: string
  annotations: string[]
  failed: boolean
}

/**
 * The end of a run for the Vitest and Jest reporters: the session decides, the renderers turn
 * the decided run into text, and this writes `BENCHMARK_RESULTS.json`, `BENCHMARK_RESULTS.md`
 * and, under GitHub Actions, the step summary.
 */
export function finishRun(input: SessionInput, env: NodeJS.ProcessEnv = process.env): FinishedRun {
  const run = endRun(input)
  const { root, options } = input
  const github = env.GITHUB_ACTIONS === 'true'
  const written: string[] = []
  const jsonPath = options.json ? atRoot(root, options.json) : undefined
  if (jsonPath) {
    writeFileAtomic(jsonPath, renderRunJson(run.report))
    written.push(relative(root, jsonPath))
  }
  const markdown = renderMarkdown(run, jsonPath ? relative(root, jsonPath) : undefined)
  if (options.output) {
    const mdPath = atRoot(root, options.output)
    writeFileAtomic(mdPath, markdown)
    written.push(relative(root, mdPath))
  }
  if (github && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`)
  return { run, console: consoleSummary(run, written, terminalStyle(env, process.stdout)), annotations: github ? runAnnotations(run) : [], failed: run.failed }
}
