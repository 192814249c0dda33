/**
 * Why a baseline file that is gone is not read: the two ways perfspec knows it was deleted, and
 * how to tell them from an invalid file; a committed one written over before the run started; and
 * one changed during the run before perfspec read it.
 */

const GONE_DURING_RUN = 'was there as the run started and is gone'
const COMMITTED_MISSING = 'is committed (git tracks it) but was missing from the working tree'

/** Whether a baseline file's problem is that it is missing (see {@link deletedDuringRunText}, {@link committedMissingText}), not that it is invalid. */
export function isMissingProblem(problem: string | undefined): boolean {
  return problem !== undefined && (problem.startsWith(GONE_DURING_RUN) || problem.startsWith(COMMITTED_MISSING))
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
  return `changed during this run, before perfspec read it, and not by this run: another tool of the run wrote to it (a reporter, a global setup or teardown), or another perfspec run in the same folder did. perfspec compares nothing with it, since what was there as the run started may be lost, and writes nothing in its place (but with -u). If another tool wrote it, give that tool another path and restore the baseline (git checkout -- ${path}); then run again`
}
