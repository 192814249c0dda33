import type { RunSummary } from '../model/run-report.js'
import type { RunProblem, ShardGap } from '../model/run-problem.js'
import { printable } from '../model/names.js'
import { listed } from './verdict-text.js'

/**
 * The words for the statuses of expectations, leak checks and tests that are not a baseline's
 * (those are in `verdict-text.ts`): the console and the Markdown report take them from here.
 */

/** What an XFAIL is called: a failure in a test the runner expects to fail, which is how that test passes. */
export const FAILED_AS_EXPECTED = 'failed as expected'

/** What a CAUGHT is called: a failure in a test that passed, which caught it. */
export const CAUGHT_BY_THE_TEST = 'caught by the test'

/** The words before a message of a failure that counts neither way; none for the others. */
export function uncountedPrefix(status: string): string {
  return status === 'XFAIL' ? `${FAILED_AS_EXPECTED}: ` : status === 'CAUGHT' ? `${CAUGHT_BY_THE_TEST}: ` : ''
}

/** What a benchmark of a test expected to fail that did not is told, since its own figures may all have passed. */
export const EXPECTED_TO_FAIL_DID_NOT = 'its test is expected to fail (test.fails, test.failing) and did not, so the runner failed it'

/** What a run that found no test file says, in its report too: the last run's results are no longer in it. */
export const NO_TEST_FILES = "no test file ran (none matched the config's include, or a filter left none), so nothing was measured: this report replaces the last run's"

/**
 * What a run that was stopped before it ended says (`how`: the signal, or that the runner was
 * closed), in its report too: what finished is reported, nothing is written to the baselines.
 */
export function interruptedText(how: string): string {
  return `the run was stopped before it ended (${how}): the results below are those the runner had reported by then; no baseline was written or removed, and this report replaces the last run's. Run again to measure the rest`
}

/**
 * What a run says when its runner (`Jest`, `Vitest`) stopped it with an error of its own
 * (`message`: a test runner that failed to load, a global setup that threw) before every test file
 * ran (`allRan`: or after every one did): what ran is reported, but a PASS would hide the files
 * that never ran, or an error of the run, so the run fails and nothing is written or removed from it.
 */
export function runnerErrorText(runner: string, message: string, allRan = false): string {
  const what = allRan ? `${runner} ended the run with an error after every test file ran (${message})` : `${runner} stopped the run with an error before every test file ran (${message}), so what the other files measure is not in this report`
  return `${what}: the run fails, no baseline was written or removed, and this report replaces the last run's. Fix that error, then run again`
}

/**
 * What a run says when its runner ended it before every test file ran, without an error of its
 * own (`bail`: at the first failing test, with `--bail`; otherwise cancelled): `ran` of `total`
 * test files started (all of them, when it cut files short mid-way, skipping their other tests).
 * What was left out measured nothing, and reads as not checked: the run says so, and fails,
 * rather than pass on what happened to run first.
 */
export function cutShortText(runner: string, ran: number, total: number, bail: boolean): string {
  const why = bail ? `${runner} stopped the run at a failing test (bail)` : `${runner} cancelled the run`
  const left = ran < total ? `after ${ran} of ${total} test files ran, so what the other ${total - ran} measure` : `before the test files that had started finished, skipping their other tests, so what those measure`
  return `${why} ${left} is not in this report and was not checked: the run fails, no baseline was written or removed, and this report replaces the last run's. ${bail ? 'Fix the failing test, or run without bail, to measure them all' : 'Run again to measure them all'}`
}

/**
 * What a run says when test files started and never finished (`files`, as the runner names them)
 * though the runner did not cancel the run: the worker running them ended first (`error`: what the
 * runner reported in that run, which need not be the worker's end; none when it reported nothing,
 * as when its config filters such errors). Their tests after the last that reported measured
 * nothing and read as not checked, so the run fails.
 */
export function unfinishedFilesText(runner: string, files: readonly string[], error: string | undefined): string {
  const which = files.length === 1 ? `the test file ${files[0]} did not finish` : `${files.length} test files did not finish (${files.join(', ')})`
  const reported = error === undefined ? `${runner} reported no error for it` : `${runner} reported: ${error}`
  return `${which}: the worker running ${files.length === 1 ? 'it' : 'them'} ended first (a crash, process.exit, a signal or running out of memory; ${reported}), so what ${files.length === 1 ? 'its' : 'their'} tests after the last one reported measure is not in this report and was not checked: the run fails, no baseline was written or removed, and this report replaces the last run's. Find what ended the worker, then run again`
}

/** The words of a problem of the run as a whole (see `RunProblem`). */
export function runProblemText(problem: RunProblem): string {
  switch (problem.kind) {
    case 'no-test-files':
      return NO_TEST_FILES
    case 'runner-error':
      return runnerErrorText(problem.runner, problem.message, problem.allRan)
    case 'cut-short':
      return cutShortText(problem.runner, problem.ran, problem.total, problem.bail)
    case 'files-unfinished':
      return unfinishedFilesText(problem.runner, problem.files, problem.error)
    case 'type-tests-failed':
      return `${problem.tests.length === 1 ? '1 type test' : `${problem.tests.length} type tests`} failed (--typecheck: ${listed(problem.tests.map((t) => `"${printable(t)}"`))}): type tests measure nothing, but Vitest fails the run on them, and so does this report. Fix the types, then run again`
    case 'shard-incomplete':
      return shardIncompleteText(problem)
    case 'records-lost':
      return recordsLostText(problem.folder)
    case 'setup-missing':
      return missingSetupText(problem.project)
    case 'setup-not-handed':
      return notHandedSetupText(problem.project, problem.environment, problem.files)
    case 'globals-refused':
      return NOT_HANDED_TEXT
    case 'shared-project-name':
      return sharedNameText(problem.project, problem.file)
    case 'shard-missing':
      return shardMissingText(problem.shards, problem.folder)
    case 'merged-twice':
      return `the merged blobs hold ${problem.files.length === 1 ? `the test file ${problem.files[0]}` : `${problem.files.length} test files (${listed(problem.files)})`} more than once (blobs of several labels, --merge-reports-label or VITEST_BLOB_LABEL, or blobs of an earlier run left in the folder), so each benchmark there would be reported from one of its runs and the others dropped: the merge fails, no baseline was written or removed. Merge each label's blobs apart, from a folder that holds only this run's blobs`
    case 'merged-stale':
      return staleMergeText(problem)
    case 'merged-once':
      return mergedOnceText(problem.count)
    case 'merged-testbed':
      return mergedTestbedText(problem.shards, problem.merge)
  }
}

/**
 * What a blob run that did not run every test file it was to says to a merge of its blob
 * (`--merge-reports`), which holds only the files that ran: the merge fails rather than pass on
 * what the other files never measured. Printed by Vitest, too, where the blob carries it.
 */
export function shardIncompleteText(gap: ShardGap): string {
  const run = gap.shard === undefined ? 'a blob run (--reporter=blob)' : `blob shard ${gap.shard}`
  const files = (n: number) => (n === 1 ? '1 test file' : `${n} test files`)
  const why =
    gap.cause === 'error'
      ? `Vitest stopped it with an error before ${gap.total === 1 ? 'its test file' : `any of its ${files(gap.total)}`} ran (a global setup that threw, for one: see that run's own output)`
      : `${gap.cause === 'bail' ? 'Vitest stopped it at a failing test (bail)' : 'it was cancelled'} ${gap.ran < gap.total ? `after ${gap.ran} of ${files(gap.total)} ran` : 'before the test files that had started finished, skipping their other tests'}`
  return `${run} did not run everything it was to: ${why}, so its blob lacks what the rest measure, which a merge of it (--merge-reports) cannot check: the merge fails, no baseline was written or removed. ${gap.cause === 'bail' ? 'Fix the failing test, or run that shard without bail' : 'Run that shard again'}, then merge`
}

/** The line for a run some of whose test files Jest would not let perfspec hand their record folder (see `giveGlobals`). */
const NOT_HANDED_TEXT = "Jest did not let perfspec give some test files their run's record folder through their config's globals (the project's context is frozen), so what they measured could not reach the report: the run fails rather than pass without it. Please report this with your Jest version"

/**
 * The line for a test file that two projects of one name both ran: their benchmarks get the same
 * ids, so neither is compared with a baseline or written, and the run fails.
 */
function sharedNameText(name: string, file: string): string {
  return `Jest projects named "${name}" both ran ${file}, so their benchmarks have the same ids and none is compared with a baseline or written: give each project its own displayName. The run fails`
}

/**
 * The line for a project whose test files ran without perfspec's setup file; the run fails, since
 * its benchmarks, if it has any, are missing from the report. `project` is the project's name when
 * the config declares several.
 */
function missingSetupText(project: string | undefined): string {
  const where = project === undefined ? 'the Jest config' : `Jest project "${project}"`
  return `${where} does not load perfspec's setup file, so nothing its tests measure reaches the report: add 'perfspec/jest/setup' to its setupFilesAfterEnv (setupFilesAfterEnv: ['perfspec/jest/setup']). The run fails: its benchmarks would be missing from a PASS`
}

/**
 * The line for test files that load perfspec's setup file (`files`, from the run's root) but
 * reported nothing in: the reporter hands each file the run's record folder through the config's
 * `globals`, which a test environment of the user's may not install (one that builds its own
 * global, or passes Jest a config without them), whether the project's or one a file names in a
 * docblock (@jest-environment). Nothing they measured reached the report, and the run fails
 * rather than pass without it.
 */
function notHandedSetupText(project: string | undefined, environment: string | undefined, files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '')
  const where = project === undefined ? `${files.length === 1 ? 'test file' : 'test files'} ${shown}` : `${files.length === 1 ? 'test file' : 'test files'} ${shown} of Jest project "${project}"`
  const env = environment ? `the project's testEnvironment ${JSON.stringify(environment)}, or one the file names in its docblock (@jest-environment)` : "the project's, or one the file names in its docblock (@jest-environment)"
  return `${where} loaded perfspec's setup file but never received the run's record folder, which perfspec's reporter hands each file through the config's globals: their test environment (${env}) does not install the config's globals into the test's global (a custom environment that builds its own, or drops config.globals). Nothing they measured reached the report: pass the project config on unchanged (super(config, context)) and keep this.global's keys from config.globals. The run fails rather than pass without it`
}

/**
 * What a merge (`--merge-reports`) says when its folder lacks the blobs of shards (`shards`, `1/3`)
 * that the other blobs' names say the run had: those shards' files are missing from it.
 */
function shardMissingText(shards: readonly string[], folder: string): string {
  const one = shards.length === 1
  return `the merge's folder ${folder} holds blobs of a sharded run, but not ${one ? `shard ${shards[0]}'s` : `those of shards ${listed(shards)}`} (a shard stopped by a signal, a timeout or a cancelled job writes none), so what ${one ? 'its' : 'their'} files measure is not in this merged report and was not checked: the merge fails, no baseline was written or removed. Run ${one ? 'that shard' : 'those shards'} again, then merge`
}

/**
 * What a `--merge-reports -u` run says when `count` benchmarks of its shards were measured once,
 * as for a comparison (the shards ran without `-u`): a baseline written from them would hold one
 * measurement where a baseline takes several (`baselineAttempts`), so none is written.
 */
export function mergedOnceText(count: number): string {
  return `${count === 1 ? '1 benchmark' : `${count} benchmarks`} of the merged shards ${count === 1 ? 'was' : 'were'} measured once, as for a comparison, since the shards ran without -u: a baseline written from ${count === 1 ? 'it' : 'them'} would hold one measurement where a baseline takes several, so nothing was written or removed and the run fails. Run the shards with -u too (vitest run --reporter=blob --shard=i/n -u), then merge with -u again`
}

/**
 * What a Jest run whose record folder was emptied or removed while it ran says (`folder`: where
 * the test processes wrote what they measured): its benchmarks are lost, and a PASS without them
 * would pass whatever they measured.
 */
export function recordsLostText(folder: string): string {
  return `the folder through which the test processes hand perfspec what they measure (${folder}) was emptied or removed while the run went on (a test or global teardown that cleans the temporary folder, or another program sweeping it), so what the tests measured is lost: the run fails, no baseline was written or removed, and this report replaces the last run's. Leave that folder alone while tests run (set TMPDIR to another folder for what your tests clean), then run again`
}

/**
 * What a merge of shards' reports (`--merge-reports`) says when its shards measured as another
 * testbed than the merge names, or as several: the shards' workers confirmed suspects and measured
 * baselines against their testbed's baselines, and the merge would judge against another's.
 *
 * @param shards - the testbeds the shards measured as (`undefined`: none named)
 * @param merge - the testbed the merge names, if any
 */
export function mergedTestbedText(shards: ReadonlyArray<string | undefined>, merge: string | undefined): string {
  const name = (t: string | undefined) => (t === undefined ? 'no testbed' : `testbed "${t}"`)
  if (shards.length > 1) return `the shards measured as different testbeds (${shards.map(name).join(', ')}), so no one testbed's baselines judge the merged run: run every shard with the same PERFSPEC_TESTBED (or testbed option)`
  return `the shards measured as ${name(shards[0])}, and this merge names ${name(merge)}: it would judge their results against another testbed's baselines than theirs; give the merge the shards' PERFSPEC_TESTBED (or testbed option)`
}

type Counts = RunSummary['expectations'] | RunSummary['leaks']

/**
 * Counts of one kind: `label` `pass / warn / fail` with `value` `3 / 0 / 1` for a table, and
 * `inline` `3 pass / 0 warn / 1 fail`; `failed as expected` and `caught by the test` and their
 * counts follow when some were.
 * Leak checks have no WARN.
 */
export function countsText(counts: Counts): { label: string; value: string; inline: string } {
  const kinds: Array<[string, number]> = [['pass', counts.pass], ...('warn' in counts ? [['warn', counts.warn] as [string, number]] : []), ['fail', counts.fail]]
  if (counts.xfail) kinds.push([FAILED_AS_EXPECTED, counts.xfail])
  if (counts.caught) kinds.push([CAUGHT_BY_THE_TEST, counts.caught])
  return { label: kinds.map(([k]) => k).join(' / '), value: kinds.map(([, n]) => String(n)).join(' / '), inline: kinds.map(([k, n]) => `${n} ${k}`).join(' / ') }
}

/**
 * What a merge says of blobs that measured other code than the checkout they are merged in: the
 * commit first (a CI merge on another commit than its shards'), then uncommitted changes, then
 * edited test files, which outside git are all there is to tell by.
 */
function staleMergeText(problem: Extract<RunProblem, { kind: 'merged-stale' }>): string {
  const verdict = 'what they measured is not the code checked out here, so the merge fails, no baseline was written or removed'
  const earlier = 'blobs of an earlier run stand in for theirs (a shard that wrote none leaves the last run\'s blob in the folder): empty the blob folder before the shards run, run them again, then merge'
  if (problem.commits.length > 0 && problem.head !== undefined) {
    return `the merged blobs measured ${problem.commits.length === 1 ? `commit ${problem.commits[0]}` : `commits ${listed(problem.commits)}`}, and this checkout is at ${problem.head}: ${verdict}. Check out the commit the shards measured for the merge; if they measured this one, ${earlier}`
  }
  const what = problem.uncommitted
    ? `the merged blobs measured ${problem.head === undefined ? 'one commit' : `commit ${problem.head}`} with different uncommitted changes${problem.files.length > 0 ? `, and ${beforeEdit(problem.files)}` : ''}`
    : `the merged blobs measured ${beforeEdit(problem.files)}`
  return `${what}: ${verdict}. Either the code was edited after the shards ran (run them again), or ${earlier}`
}

function beforeEdit(files: readonly string[]): string {
  return files.length === 1 ? `the test file ${files[0]} as it was before an edit` : `${files.length} test files (${listed(files)}) as they were before an edit`
}

/** What a blob run says when git could not list its uncommitted changes: a merge cannot compare them. */
export function unreadableChangesText(): string {
  return 'git did not list the uncommitted changes of this checkout (git diff HEAD failed, or took over 10 s), so a merge of this blob (--merge-reports) cannot tell it from a blob of another working tree: merge blobs from a folder that holds only this run\'s'
}

/**
 * A run report whose own summary says worse than its data (see `summaryBeyondData`): a problem
 * of the run as `perfspec report` renders it, which fails it.
 */
export function summaryBeyondDataText(said: RunSummary, found: RunSummary): string {
  const counts = (s: RunSummary) => `${s.benchmarks} ${s.benchmarks === 1 ? 'benchmark' : 'benchmarks'} and ${s.regressions} ${s.regressions === 1 ? 'regression' : 'regressions'}`
  return `the file's own summary says ${said.status} with ${counts(said)}, where its data holds ${counts(found)} (${found.status}): parts of it were cut or edited, so the worse is reported. Run the tests again to write it anew`
}

/**
 * The run's verdict again, last on the console, when the exit check found files another tool
 * changed (`count` of them): the summary printed before it said PASS or WARN (probe 65 #3).
 */
export function changedFilesVerdictText(count: number): string {
  return ` FAIL  ${count === 1 ? "a file of perfspec's" : `${count} files of perfspec's`} changed by another tool of this run (above): the run fails, whatever the summary above said`
}

/**
 * A file of perfspec's that something else changed after perfspec wrote or read it in this run,
 * found as the process exits (see `kept-files.ts`): another reporter, a coverage reporter or a
 * tool given that path. `path` relative to the project root; `wrote`: perfspec wrote it (else it
 * read it as a baseline); `existed`: the file was there then; `gone`: a baseline of a test file
 * that is still there was deleted (probe 65 #2, probe 68).
 */
export function overwrittenText(path: string, how: { wrote: boolean; kind: 'baseline' | 'report'; existed: boolean; gone?: boolean }): string {
  if (how.gone) {
    const restore = how.wrote ? 'run again to write it anew' : `restore the baseline from version control (git checkout -- ${path})`
    return `perfspec: ${path}: something else in this run deleted it (another reporter, or a tool that empties its output folder, given a folder that holds it), so the run fails: the baseline ${how.wrote ? 'perfspec wrote' : 'that was'} there is lost, and the next run would take its benchmarks for new ones. Give that tool a folder of its own, and ${restore}`
  }
  const other = 'something else in this run wrote to it (another reporter, such as jest-junit, a coverage reporter, or a tool given that path), so the run fails'
  if (how.wrote) return `perfspec: ${path}: ${other}: the ${how.kind} perfspec wrote there is lost. Give that tool another path, remove the file, and run again`
  if (!how.existed) return `perfspec: ${path}: ${other}: this is where the baseline of its test file goes. Give that tool another path, remove the file, and run again`
  return `perfspec: ${path}: ${other}: the baseline that was there is lost. Give that tool another path, and restore the baseline from version control (git checkout -- ${path})`
}
