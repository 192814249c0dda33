import { relative } from 'pathe'
import type { DecidedRun } from '../model/run-report.js'
import { consoleSummary } from '../report/console-summary.js'
import { terminalStyle } from './terminal-style.js'
import { runAnnotations, stepSummaryNotWrittenText } from '../report/github.js'
import { renderMarkdown } from '../report/markdown.js'
import { renderRunJson } from '../report/run-json.js'
import { exportSelection, notWrittenText, renderExport, stoppedExportText } from '../report/export.js'
import type { ExportFormat } from '../model/export-formats.js'
import { atomicWriteProblem, writeFileAtomic } from '../run/atomic-write.js'
import { decideStoredRun } from '../run/decide.js'
import { endRun, runStore, type SessionInput } from '../run/session.js'
import type { KeptFiles } from './kept-files.js'
import { reportPaths } from '../run/root-paths.js'
import { notOurs, type OutputKind } from '../run/own-output.js'
import { folderInWorkspace } from '../run/workspace-folder.js'
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
 * the decided run into text, and this writes `BENCHMARK_RESULTS.json`, `BENCHMARK_RESULTS.md`,
 * the exports asked for (`exports`) and, under GitHub Actions, the step summary. A report, an
 * export or the step summary that cannot be written is said in one line in the console, and in
 * every report (exports first, then the JSON, then the Markdown; a report written before the
 * failure is written again), and fails the
 * run, as a baseline that could not be written does (a CI step that reads it next would
 * otherwise read the last run's file); everything else is still written and printed.
 *
 * @param kept - notes the files the run reads and writes, to be checked as the process exits
 *   (see `keepFilesUntilExit`); none in watch mode
 */
export function finishRun(input: SessionInput, env: NodeJS.ProcessEnv = process.env, kept?: KeptFiles): FinishedRun {
  const { root, options } = input
  // Before the run is decided, which writes baselines: a path outside the project stops it all.
  const { json: jsonPath, output: mdPath, exports } = reportPaths(root, options)
  let run = endRun(kept ? { ...input, store: kept.store(runStore(input)) } : input)
  const github = env.GITHUB_ACTIONS === 'true'
  const written: string[] = []
  // Listed after the reports, though written first.
  const exported: string[] = []
  // What goes wrong while writing: said in the console, as the reports themselves may be what failed.
  const problems: string[] = []
  // The problems so far join the run's own before the next report is written, so that a report
  // says it: a JSON or Markdown report of PASS over a run that failed on an export would lie.
  let told = 0
  const tell = () => {
    if (problems.length === told) return
    run = decideStoredRun({ ...run.report, problems: [...(run.report.problems ?? []), ...problems.slice(told)] })
    told = problems.length
  }
  // A file that cannot be written is said, and fails the run; the others are still written.
  const write = (what: string, kind: OutputKind, target: string, text: () => string, list = written) => {
    const refused = notOurs(kind, target)
    if (refused) {
      problems.push(notWrittenText(what, relative(root, target), refused))
      return
    }
    try {
      const content = text()
      writeFileAtomic(target, content)
      kept?.wrote(target, content, kind)
      list.push(relative(root, target))
    } catch (error) {
      problems.push(notWrittenText(what, relative(root, target), atomicWriteProblem(error)))
    }
  }
  // Exports first: they hold results only, and what could not be written is then in the reports.
  // A stopped run's export would hold part of a run under the name of a whole one: the last is kept.
  if (exports.length && input.interrupted) for (const [format, target] of exports) problems.push(stoppedExportText(`${format} export`, relative(root, target)))
  else if (exports.length) {
    const { results } = exportSelection(run.report)
    for (const [format, target] of exports) write(`${format} export`, format, target, () => renderExport(format, results), exported)
  }
  tell()
  const markdownOf = () => renderMarkdown(run, jsonPath ? relative(root, jsonPath) : undefined)
  if (jsonPath) write('the JSON report', 'json', jsonPath, () => renderRunJson(run.report))
  const jsonTold = told
  tell()
  const markdown = markdownOf()
  if (mdPath) write('the Markdown report', 'markdown', mdPath, () => markdown)
  const mdTold = told
  const stepSummary = github ? env.GITHUB_STEP_SUMMARY : undefined
  if (stepSummary) {
    try {
      appendFileSync(stepSummary, `${markdown}\n`)
    } catch (error) {
      problems.push(stepSummaryNotWrittenText(stepSummary, atomicWriteProblem(error)))
    }
  }
  // What went wrong after a report was written (the Markdown, the step summary) is written into
  // it again, so that no report on disk says PASS over a run that failed; once, and only a report
  // that was written.
  tell()
  const rewrite = (what: string, kind: OutputKind, target: string | undefined, text: () => string, since: number) => {
    if (target && told !== since && written.includes(relative(root, target))) write(what, kind, target, text, [])
  }
  rewrite('the JSON report', 'json', jsonPath, () => renderRunJson(run.report), jsonTold)
  rewrite('the Markdown report', 'markdown', mdPath, markdownOf, mdTold)
  // Files another tool wrote over, found as the process exits: the reports say so too, those that
  // are still perfspec's (one the other tool wrote over stays as it left it).
  if (kept) {
    kept.whenChanged = (said) => {
      problems.push(...said.map((line) => line.replace(/^perfspec: /, '')))
      tell()
      const ours = (kind: OutputKind, target: string | undefined): target is string => target !== undefined && written.includes(relative(root, target)) && notOurs(kind, target) === undefined
      if (ours('json', jsonPath)) writeFileAtomic(jsonPath, renderRunJson(run.report))
      if (ours('markdown', mdPath)) writeFileAtomic(mdPath, markdownOf())
    }
  }
  // The run says the problems it was told of; the console adds those that came after.
  const summary = consoleSummary(run, [...written, ...exported], terminalStyle(env, process.stdout), problems.slice(told))
  return { run, console: summary, annotations: github ? runAnnotations(run, folderInWorkspace(root, env)) : [], failed: run.failed || problems.length > 0 }
}
