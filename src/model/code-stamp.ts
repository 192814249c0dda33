/**
 * What a blob run (`--reporter=blob`) measured of the code, stamped by perfspec on each test
 * file of the blob as the run ends, for a merge (`--merge-reports`) to tell an earlier run's blob
 * left in the folder from this run's.
 */
export interface CodeStamp {
  /** The git commit checked out (12 hex digits); absent outside a git checkout. */
  commit?: string
  /**
   * The digest of the test file's text as the run ended (see `FileStamp`): after what the run
   * itself wrote into it (inline snapshots).
   */
  source?: string
  /**
   * On the first test file of each blob: the uncommitted changes to the files git tracks (see
   * `uncommittedChanges`), each path from the project root with a digest of its change, the run's
   * own baselines and reports left out; `{}` for none; `null` when git could not tell. Absent
   * outside a git checkout.
   */
  changes?: Record<string, string> | null
}

/** Where a test file's meta (`TestModule.meta()`) holds its {@link CodeStamp}. */
export const CODE_STAMP_KEY = 'perfspecCode'
