import type { BaselineId } from '../model/baseline.js'

/**
 * Why a baseline file that is gone is not read: the two ways perfspec knows it was deleted, and
 * how to tell them from an invalid file; a committed one written over before the run started; and
 * one changed during the run before perfspec read it.
 */

const GONE_DURING_RUN = 'was there as the run started and is gone'
const COMMITTED_MISSING = 'is committed (git tracks it) but was missing from the working tree'
const LEFT_BEHIND = 'is missing, but'
const COMMITTED_LOST = "is committed (git tracks it) with baselines the working tree's file lacks"
const CHANGED_DURING_RUN = 'changed during this run, before perfspec read it'

/**
 * Whether a baseline file's problem says itself how to put the file back (see
 * {@link committedLostText}, {@link changedDuringRunText}): the general advice to fix or delete an
 * invalid file would lose the committed baselines (probe 82 #2). Its few words for a console row.
 */
export function restoreProblem(problem: string | undefined): string | undefined {
  if (problem?.startsWith(COMMITTED_LOST)) return 'lacks baselines git has (restore it: git checkout)'
  if (problem?.startsWith(CHANGED_DURING_RUN)) return 'changed during the run, not by it'
  return undefined
}

/** Whether a baseline file's problem is that it is missing (see {@link deletedDuringRunText}, {@link committedMissingText}, {@link leftBehindText}), not that it is invalid. */
export function isMissingProblem(problem: string | undefined): boolean {
  return problem !== undefined && (problem.startsWith(GONE_DURING_RUN) || problem.startsWith(COMMITTED_MISSING) || problem.startsWith(LEFT_BEHIND))
}

/**
 * Why a baseline file is not read (its problem, after its path): it was there as the run started
 * and was deleted before perfspec read it, by another tool of the run (probe 70 #2).
 */
export function deletedDuringRunText(path: string): string {
  return `${GONE_DURING_RUN} now: something else in this run deleted it (another reporter, a global setup or teardown, or a tool that empties its output folder, given a folder that holds it), so perfspec compares nothing with it and writes nothing in its place. Give that tool a folder of its own, and restore the baseline from version control (git checkout -- ${path})`
}

/**
 * Why a baseline file is not read (its problem, after its path), under CI: git tracks it, but it
 * was missing from the working tree as the run started (probe 71 #1).
 */
export function committedMissingText(path: string): string {
  return `${COMMITTED_MISSING} as the run started: something of this job deleted it (a global setup, or an earlier step), so under CI perfspec compares nothing with it and does not take its benchmarks for new ones. Restore it (git checkout -- ${path}) and find what deletes it; if the baseline should go, delete it in a commit (git rm ${path})`
}

/**
 * A baseline file that git tracks, found as the process exits written over with what is not a
 * baseline file of perfspec's since before the run started, under CI (probe 74 #1): after its path.
 */
export function committedOverwrittenText(path: string): string {
  return `is committed (git tracks it) but was written over in the working tree before the run started: something of this job wrote to it (a global setup, or an earlier step), so the run fails: the baseline that was there is lost, and the next run would read that instead. Restore it (git checkout -- ${path}) and give that tool another path`
}

/**
 * Why a baseline file is not read (its problem, after its path): it was there as the run started
 * and changed before perfspec read it, not by this run (probe 79 #1: another reporter wrote a
 * baseline file of perfspec's with no benchmarks in it, which would have made them all new).
 */
export function changedDuringRunText(path: string): string {
  return `${CHANGED_DURING_RUN}, and not by this run: another tool of the run wrote to it (a reporter, a global setup or teardown), or another perfspec run in the same folder did. perfspec compares nothing with it, since what was there as the run started may be lost, and writes nothing in its place (but with -u). If another tool wrote it, give that tool another path and restore the baseline (git checkout -- ${path}); then run again`
}

/** `"a", "b" (testbed ci) and 3 more`: the benchmarks whose baselines a file lost. */
function lostList(lost: readonly BaselineId[]): string {
  const shown = lost.slice(0, 3).map((e) => `${JSON.stringify(e.id)}${e.testbed !== undefined ? ` (testbed ${e.testbed})` : ''}`).join(', ')
  return lost.length > 3 ? `${shown} and ${lost.length - 3} more` : shown
}

/**
 * Why a baseline file is not read, under CI (its problem, after its path): git tracks it, and the
 * working tree's file lacks baselines the index holds (`lost`, benchmark ids), though it is still
 * a file of perfspec's (probe 80 #1: a global setup wrote one with no benchmarks).
 */
export function committedLostText(path: string, lost: readonly BaselineId[]): string {
  return `${COMMITTED_LOST} (${lostList(lost)}): something of this job rewrote it before the run started (a global setup, or an earlier step), so under CI perfspec does not take the benchmarks that ran of those for new ones. Restore it (git checkout -- ${path}); if an earlier step updated the baselines on purpose (-u), commit them first`
}

/**
 * A baseline file found as the process exits rewritten, still as a file of perfspec's, without
 * baselines it held when perfspec read or wrote it (`lost`, benchmark ids), after its path: another
 * tool of the run (probe 80 #2: a global teardown emptied it), which the next run would read.
 */
export function lostDuringRunText(path: string, lost: readonly BaselineId[], wrote: boolean): string {
  return `perfspec: ${path}: something else in this run rewrote it without the baselines of ${lostList(lost)} (another reporter, a global setup or teardown, or a tool given that path), so the run fails: the next run would take those benchmarks for new ones. Give that tool another path, and ${wrote ? 'run again to write it anew' : `restore the baseline (git checkout -- ${path})`}`
}

/**
 * Why a baseline file of a project in a shared folder is not read though there is none (its
 * problem, after its path): the same test file's baseline is under the part of `other`, a project
 * no longer there, where a moved package's baselines stayed (probe 80 #3). `left`: that file.
 */
export function leftBehindText(left: string, other: string, project: string): string {
  return `${LEFT_BEHIND} ${left} holds a baseline of the same test file for the project at ${JSON.stringify(other)}, which is no longer there: if this package moved from there, its baselines stayed behind, and its benchmarks are not taken for new ones. Move them with it (git mv the folder of ${JSON.stringify(other)}'s baselines to ${JSON.stringify(project)}'s, then run with -u to name the new project in them); if that project was removed, delete its baselines (git rm -r); or run with -u to start this project's anew`
}
