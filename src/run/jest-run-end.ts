import type { RunProblem } from '../model/run-problem.js'

/** A test file Jest started, as the setup check sees it (see `jestRunProblems`). */
export interface JestStartedFile {
  /** The file, from the run's root. */
  file: string
  /** Its project's name when the config declares several projects, else `undefined`. */
  project?: string
  /** The project's `testEnvironment`, when it names one. */
  environment?: string
  /** Whether the file reported in: noted perfspec's setup with the run's folder, or sent a record. */
  reported: boolean
  /** Whether Jest ran the file to a result (not a file that did not run, or failed to run at all: its own error fails the run). */
  checked: boolean
  /** Whether the project's runner runs tests (Jest's own, or one that lists perfspec's setup); a linter's loads no setup file. */
  runsTests: boolean
  /** Whether the project lists perfspec's setup file in `setupFilesAfterEnv`. */
  listsSetup: boolean
  /** Whether a test process of the project noted perfspec's setup (required by a setup file of the user's). */
  setupNoted: boolean
}

/** What a Jest reporter knows of a run as it ends: the facts `jestRunProblems` decides from. */
export interface JestRunFacts {
  /** The record folder, when it was emptied or removed while the run went on. */
  recordsLost?: string
  /** The first line of the error Jest ended the run with (`runExecError`), if any. */
  runError?: string
  /** How many test files have a result. */
  ran: number
  /** How many test files Jest was to run (`numTotalTestSuites`), when it says. */
  total?: number
  /** Whether `--bail` is on. */
  bail: boolean
  /** The test files Jest started, for the setup check. */
  started: readonly JestStartedFile[]
  /** Whether Jest refused perfspec the config's globals of some test files. */
  globalsRefused: boolean
  /** Files two projects of one name both ran. */
  sharedNames: ReadonlyArray<{ project: string; file: string }>
}

/** What a Jest run's report says of the run as a whole. */
export interface JestRunEnd {
  /** The problems, each failing the report. */
  problems: RunProblem[]
  /** Whether what was recorded is not all the run was to measure: nothing may be written or pruned from it. */
  interrupted: boolean
}

/**
 * The one place that decides what a Jest run's report says of the run itself: records lost with
 * their folder, an error Jest ended the run with, a run `--bail` cut short, projects or files
 * whose tests measured without reaching the report, and files two projects of one name ran.
 */
export function jestRunProblems(f: JestRunFacts): JestRunEnd {
  const problems: RunProblem[] = []
  let interrupted = true
  // Lost records took the setup marks with them, and Jest's own error left files unnamed and unrun:
  // either says everything there is to say of the run's files.
  if (f.recordsLost !== undefined) problems.push({ kind: 'records-lost', folder: f.recordsLost })
  else if (f.runError !== undefined) problems.push({ kind: 'runner-error', runner: 'Jest', message: f.runError, allRan: f.total !== undefined && f.ran >= f.total })
  else {
    // Without an error, Jest left files unrun when it bailed at a failing test (`--bail`).
    const total = f.total ?? 0
    if (f.ran < total) problems.push({ kind: 'cut-short', runner: 'Jest', ran: f.ran, total, bail: f.bail })
    else interrupted = false
    problems.push(...setupProblems(f.started))
  }
  if (f.globalsRefused) problems.push({ kind: 'globals-refused' })
  for (const shared of f.sharedNames) problems.push({ kind: 'shared-project-name', ...shared })
  return { problems, interrupted }
}

/**
 * A problem for each project whose test files ran without perfspec's setup file (not listed in
 * `setupFilesAfterEnv` and noted by no test process), and one per project for its files that
 * loaded it (listed, or noted) but never reported in: their test environment dropped the
 * config's globals (probe 33 #4, probe 34 #1). Files that did not run to a result, and projects of
 * a runner that runs no tests and does not list the setup (a linter's), are left out (probe 35 #1).
 */
function setupProblems(started: readonly JestStartedFile[]): RunProblem[] {
  const missing = new Map<string, RunProblem>()
  const unhanded = new Map<string, { project?: string; environment?: string; files: string[] }>()
  for (const s of started) {
    if (s.reported || !s.checked) continue
    if (!s.runsTests && !s.listsSetup) continue
    const key = s.project ?? ''
    if (!s.listsSetup && !s.setupNoted) missing.set(key, { kind: 'setup-missing', ...(s.project !== undefined && { project: s.project }) })
    else {
      const seen = unhanded.get(key) ?? { ...(s.project !== undefined && { project: s.project }), ...(s.environment !== undefined && { environment: s.environment }), files: [] }
      seen.files.push(s.file)
      unhanded.set(key, seen)
    }
  }
  return [...missing.values(), ...[...unhanded.values()].map((u): RunProblem => ({ kind: 'setup-not-handed', ...u }))]
}
