import type { RunProblem } from '../model/run-problem.js'

/**
 * What a merge's blobs (`--merge-reports`) say of the code they measured, gathered from their
 * tests' records (see `PerfMeta`): each blob's run stamps what it measured, so that a blob of an
 * earlier run, left in the folder for a shard that wrote none, is not taken for this run's.
 */
export interface MeasuredCode {
  /** The git commits the blobs' runs measured. */
  commits: ReadonlySet<string>
  /** The digests of their uncommitted changes (`''`: none), from runs in a git checkout. */
  changes: ReadonlySet<string>
  /** Each test file (its path from the root) and the digest of its text as the blob's run loaded it. */
  sources: ReadonlyMap<string, string>
}

/** How a merge's blobs measured other code than the checkout they are merged in (see `RunProblem` `merged-stale`). */
export type StaleMerge = Omit<Extract<RunProblem, { kind: 'merged-stale' }>, 'kind'>

/**
 * Whether a merge's blobs measured the code checked out here: the same commit as `head`, one set
 * of uncommitted changes among them (not compared with the merge's own working tree, which a CI
 * job may change by its own steps), and each test file's text as it is now (`digestNow`, of the
 * file from the root; `undefined` when it is not there to compare: another checkout's path).
 * `undefined`: nothing tells them apart.
 */
export function staleMerge(measured: MeasuredCode, head: string | undefined, digestNow: (file: string) => string | undefined): StaleMerge | undefined {
  const commits = head === undefined ? [] : [...measured.commits].filter((c) => c !== head)
  const uncommitted = measured.changes.size > 1
  const files = [...measured.sources].filter(([file, digest]) => {
    const now = digestNow(file)
    return now !== undefined && now !== digest
  }).map(([file]) => file)
  if (commits.length === 0 && !uncommitted && files.length === 0) return undefined
  return { commits, ...(head !== undefined && { head }), uncommitted, files }
}
