import type { RunProblem, ShardGap } from '../model/run-problem.js'
import type { StaleMerge } from './merged-code.js'

/** What a Vitest reporter knows of a run as it ends: the facts `vitestRunProblems` decides from. */
export interface VitestRunFacts {
  /** Whether the run recorded nothing and had no test to outline nor type test (no test file ran, or none had a test). */
  none: boolean
  /** Whether Vitest watches: a re-run of nothing there has nothing to say. */
  watch: boolean
  /** Vitest's `passWithNoTests`. */
  passWithNoTests: boolean
  /** How many test files the run was to run (Vitest's specifications at its start). */
  scheduled: number
  /** How many test modules Vitest reported at the run's end. */
  reported: number
  /** How many test files started. */
  started: number
  /**
   * Test files (as Vitest names them) that Vitest reported and that never finished: still queued
   * or running at the run's end; `started`: whether the file had started.
   */
  unfinished: ReadonlyArray<{ file: string; started: boolean }>
  /** Tests Vitest skipped as it cancelled the run, in files that had started. */
  cancelled: number
  /** Vitest's reason at the run's end (`passed`, `failed`, `interrupted`). */
  reason?: string
  /** The first line of each error Vitest caught outside the tests and reported (after `onUnhandledError`'s filter). */
  errors: readonly string[]
  /** Vitest's `dangerouslyIgnoreUnhandledErrors`: the errors do not fail the run. */
  ignoreErrors: boolean
  /** Type tests (`--typecheck`) that failed, as ids name them. */
  typeTestsFailed?: readonly string[]
  /** Whether `--bail` is on. */
  bail: boolean
  /** Benchmarks a merge with `-u` would write from shards that measured them once (0: none, or no such merge). */
  mergedOnce: number
  /** What the merged blob runs (`--merge-reports`) said they left out: each fails the merge. */
  shardGaps?: readonly ShardGap[]
  /** A merge's blob folder and the shards whose blob it lacks, by the blobs' names (see `missingShardBlobs`). */
  missingShards?: { shards: string[]; folder: string }
  /** Test files a merge's blobs hold more than once (see `RunProblem` `merged-twice`). */
  mergedTwice?: readonly string[]
  /** How a merge's blobs measured other code than the checkout they are merged in (see `staleMerge`). */
  stale?: StaleMerge
  /** Merged shards' testbeds when they do not match the merge's (see `RunProblem` `merged-testbed`). */
  testbeds?: { shards: Array<string | undefined>; merge: string | undefined }
}

/** What a Vitest run's report says of the run as a whole. */
export interface VitestRunEnd {
  /** `false`: a watch-mode re-run of nothing, which writes no report. */
  report: boolean
  /** The problems, each failing the report. */
  problems: RunProblem[]
  /** Whether what was recorded is not all the run was to measure: nothing may be written or pruned from it. */
  interrupted: boolean
}

/**
 * The one place that decides what a Vitest run's report says of the run itself: a run that found
 * no test file, an error Vitest stopped at, a run cut short by `--bail` or a cancel, test files
 * whose worker ended before they finished, and merges that must not write baselines.
 */
export function vitestRunProblems(f: VitestRunFacts): VitestRunEnd {
  if (f.none && f.watch) return { report: false, problems: [], interrupted: false }
  const problems: RunProblem[] = []
  if (f.none) {
    // Files were to run and none did: Vitest stopped at an error of its own (a global setup that
    // threw, which it throws past its reporters): that error, not the include, is the reason.
    if (f.scheduled > 0 && f.reported === 0) problems.push({ kind: 'runner-error', runner: 'Vitest', message: f.errors[0] ?? 'see the error Vitest printed', allRan: false })
    // A merge of blob runs that each stopped before their files ran: said with each below.
    else if (!f.passWithNoTests && !f.shardGaps?.length && !f.missingShards) problems.push({ kind: 'no-test-files' })
  }
  // What is left is not all the run was to measure: nothing may be written or pruned from it.
  let interrupted = false
  const fails = (problem: RunProblem) => {
    problems.push(problem)
    interrupted = true
  }
  const cancelled = f.reason === 'interrupted'
  // A merge holds what each blob run reported: files a cancel left queued stay queued there (probe 47 #1).
  const gaps = f.shardGaps ?? []
  const cut = cancelled || gaps.some((g) => g.cause !== 'error')
  // A file whose worker ended mid-way (a crash, process.exit, a signal) never finishes, whether or
  // not Vitest was told to ignore or filter the error it reported: its other tests measured nothing.
  // A cancel (`--bail`) ends the files it stops, skipping their other tests, and leaves those it
  // never started queued: one that started and is still unfinished lost its worker, and is named
  // beside the cancel (probe 46 #2).
  const lost = f.unfinished.filter((u) => u.started || !cut).map((u) => u.file)
  const unfinished = !f.none && lost.length > 0
  if (unfinished) fails({ kind: 'files-unfinished', runner: 'Vitest', files: lost, ...(f.errors.length > 0 && { error: errorsText(f.errors) }) })
  // Cancelled (at the first failing test under `--bail`): files that never started, or tests
  // skipped in files that had, measured nothing. A bail at the run's last test left nothing out.
  const leftOut = f.started < f.scheduled || f.cancelled > 0 || f.unfinished.length > 0 || gaps.length > 0 || f.missingShards !== undefined
  if (!f.none && cancelled && leftOut) fails({ kind: 'cut-short', runner: 'Vitest', ran: f.started, total: f.scheduled, bail: f.bail })
  // Vitest fails a run with such errors, unless told to ignore them: so does its report. An error
  // that ended a file's worker is said with that file.
  if (!f.none && !unfinished && !f.ignoreErrors && f.errors.length > 0) fails({ kind: 'runner-error', runner: 'Vitest', message: errorsText(f.errors), allRan: !leftOut })
  // Vitest fails the run on them; they measure nothing, so what the run measured may still be written.
  if (f.typeTestsFailed?.length) problems.push({ kind: 'type-tests-failed', tests: [...f.typeTestsFailed] })
  // A blob holds only the files that ran: the merge knows of the others by what their run said.
  for (const gap of gaps) fails({ kind: 'shard-incomplete', ...gap })
  if (f.missingShards) fails({ kind: 'shard-missing', ...f.missingShards })
  if (f.mergedTwice?.length) fails({ kind: 'merged-twice', files: [...f.mergedTwice] })
  if (f.stale) fails({ kind: 'merged-stale', ...f.stale })
  // A merge that would rewrite every baseline from shards that measured for a comparison only.
  if (f.mergedOnce > 0) fails({ kind: 'merged-once', count: f.mergedOnce })
  if (f.testbeds) problems.push({ kind: 'merged-testbed', ...f.testbeds })
  return { report: true, problems, interrupted }
}

/** The errors Vitest caught outside the tests, for a problem's text: the first, and how many more. */
function errorsText(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `${errors[0]}, and ${errors.length - 1} more: see the errors Vitest printed`
}

/** What a blob run (`--reporter=blob`) knows of itself as it ends: the facts `blobRunGap` decides from. */
export interface BlobRunFacts {
  /** The shard (`1/3`), absent for a run that is not sharded. */
  shard?: string
  /** How many test files the run was to run. */
  scheduled: number
  /** How many test modules Vitest reported at the run's end. */
  reported: number
  /** How many test files started. */
  started: number
  /** Tests Vitest skipped as it cancelled the run, in files that had started. */
  cancelled: number
  /** Vitest's reason at the run's end (`passed`, `failed`, `interrupted`). */
  reason?: string
  /** Whether `--bail` is on. */
  bail: boolean
}

/**
 * What a blob run left out that its blob cannot tell a merge, or `undefined`: files a cancel
 * (`--bail`, a signal) never started or cut short, or every file, when Vitest stopped at an error
 * before any ran (a global setup that threw, which Vitest throws past its reporters). Files whose
 * worker died are in the blob, unfinished, and errors Vitest caught travel with it: the merge sees those.
 */
export function blobRunGap(f: BlobRunFacts): ShardGap | undefined {
  const where = f.shard === undefined ? {} : { shard: f.shard }
  if (f.reason === 'interrupted' && (f.started < f.scheduled || f.cancelled > 0)) return { ...where, ran: f.started, total: f.scheduled, cause: f.bail ? 'bail' : 'cancel' }
  if (f.scheduled > 0 && f.reported === 0) return { ...where, ran: 0, total: f.scheduled, cause: 'error' }
  return undefined
}
