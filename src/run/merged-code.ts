import type { RunProblem } from '../model/run-problem.js'

/**
 * What a merge's blobs (`--merge-reports`) say of the code they measured, gathered from the
 * stamps on their test files (see `CodeStamp`): each blob's run stamps what it measured, so that
 * a blob of an earlier run, left in the folder for a shard that wrote none, is not taken for
 * this run's.
 */
export interface MeasuredCode {
  /** The git commits the blobs' runs measured. */
  commits: ReadonlySet<string>
  /** Each blob's uncommitted changes, path (from the root) to digest (see `CodeStamp.changes`), from blobs of git checkouts that could tell. */
  changes: ReadonlyArray<Readonly<Record<string, string>>>
  /** Each test file of the merge (its path from the root) and the digest of its text as its blob's run ended. */
  sources: ReadonlyMap<string, string>
}

/** How a merge's blobs measured other code than the checkout they are merged in (see `RunProblem` `merged-stale`). */
export type StaleMerge = Omit<Extract<RunProblem, { kind: 'merged-stale' }>, 'kind'>

/**
 * Whether a merge's blobs measured the code checked out here: the same commit as `head`; among
 * the blobs, each changed path changed alike (not compared with the merge's own working tree,
 * which a CI job may change by its own steps); and each test file's text as it is now
 * (`digestNow`, of the file from the root; `undefined` when it is not there to compare: another
 * checkout's path). What the shards' runs write themselves is not compared among the blobs: the
 * test files (inline snapshots; their text is compared with the disk instead) and snapshot files.
 * `undefined`: nothing tells them apart.
 */
export function staleMerge(measured: MeasuredCode, head: string | undefined, digestNow: (file: string) => string | undefined): StaleMerge | undefined {
  const commits = head === undefined ? [] : [...measured.commits].filter((c) => c !== head)
  const paths = new Set(measured.changes.flatMap((c) => Object.keys(c)))
  const compared = [...paths].filter((path) => !measured.sources.has(path) && !isSnapshotFile(path))
  const uncommitted = compared.some((path) => new Set(measured.changes.map((c) => c[path] ?? '')).size > 1)
  const files = [...measured.sources].filter(([file, digest]) => {
    const now = digestNow(file)
    return now !== undefined && now !== digest
  }).map(([file]) => file)
  if (commits.length === 0 && !uncommitted && files.length === 0) return undefined
  return { commits, ...(head !== undefined && { head }), uncommitted, files }
}

/** Vitest's and Jest's snapshot files, which a shard's run with `-u` rewrites. */
function isSnapshotFile(path: string): boolean {
  return path.endsWith('.snap') || path.split('/').includes('__snapshots__')
}
