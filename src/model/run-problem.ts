/**
 * What went wrong with a run as a whole (not with one benchmark), as data: decided in `run/`,
 * worded in `report/status-text.ts`. Each fails the run's report.
 */
export type RunProblem =
  /** No test file ran (an `include` that matches nothing, or a filter that left none). */
  | { kind: 'no-test-files' }
  /**
   * The runner stopped or ended the run with an error of its own (`message`: its first line, or a
   * pointer to where the runner printed it); `allRan`: after every test file ran, else before.
   */
  | { kind: 'runner-error'; runner: string; message: string; allRan: boolean }
  /** The runner ended the run early without an error: `ran` of `total` test files started; `bail`: at a failing test. */
  | { kind: 'cut-short'; runner: string; ran: number; total: number; bail: boolean }
  /**
   * Test files that started and never finished, in a run the runner did not cancel: the worker
   * running them ended first (a crash, `process.exit`, a signal). `error`: what the runner
   * reported in that run (not necessarily the worker's end); absent when it reported nothing.
   */
  | { kind: 'files-unfinished'; runner: string; files: string[]; error?: string }
  /**
   * A blob run (`--reporter=blob`, a shard `shard` of a sharded run, absent for an unsharded one)
   * that did not run every test file it was to: `ran` of `total` started, and `cause`: Vitest
   * stopped it at a failing test (`bail`), it was cancelled (`cancel`), or it stopped at an error
   * before any file ran (`error`: a global setup that threw). Its blob holds only the files that ran,
   * so a merge of it (`--merge-reports`) would not know the others existed.
   */
  | { kind: 'shard-incomplete'; shard?: string; ran: number; total: number; cause: ShardGapCause }
  /**
   * A merge (`--merge-reports`) whose folder (`folder`) lacks the blobs of shards `shards` (`1/3`)
   * that the blobs' names say the run had: those shards wrote none (stopped by a signal, a timeout,
   * a cancelled job), and what their files measure is missing.
   */
  | { kind: 'shard-missing'; shards: string[]; folder: string }
  /**
   * A merge (`--merge-reports`) whose blobs hold these test files (`files`) more than once: blobs
   * of several labels (Vitest 5's `--merge-reports-label`), or stale blobs of an earlier run. Each
   * benchmark would be reported from one of its measurements, the others dropped.
   */
  | { kind: 'merged-twice'; files: string[] }
  /**
   * A merge whose blobs measured other code than the checkout they are merged in: other git
   * commits (`commits`) than the one checked out (`head`, absent outside a git checkout), one
   * commit with different uncommitted changes among the blobs (`uncommitted`), or test files
   * (`files`) as they were before an edit. An earlier run's blobs left in the folder stand in for
   * this run's, or the code changed since the shards ran.
   */
  | { kind: 'merged-stale'; commits: string[]; head?: string; uncommitted: boolean; files: string[] }
  /** Type tests (`--typecheck`) that failed (`tests`: file and titles, as ids name them): they measure nothing, but fail the run. */
  | { kind: 'type-tests-failed'; tests: string[] }
  /**
   * The folder through which Jest's test processes hand perfspec what they measure (`folder`) was
   * emptied or removed while the run went on: what the tests measured is lost.
   */
  | { kind: 'records-lost'; folder: string }
  /** A Jest project (`project`: its name when the config declares several) whose test files ran without perfspec's setup file. */
  | { kind: 'setup-missing'; project?: string }
  /**
   * Jest test files (`files`, from the run's root) that loaded perfspec's setup file and never
   * received the run's record folder through the config's globals: their test environment
   * (`environment`: the project's, when it names one) does not install them.
   */
  | { kind: 'setup-not-handed'; project?: string; environment?: string; files: string[] }
  /** Jest refused perfspec the config's globals of some test files (a frozen project context): their records could not be handed. */
  | { kind: 'globals-refused' }
  /** Two Jest projects named `project` both ran `file`: their benchmarks have the same ids. */
  | { kind: 'shared-project-name'; project: string; file: string }
  /** A merge with `-u` of shards measured once each, as for a comparison: `count` benchmarks. */
  | { kind: 'merged-once'; count: number }
  /** Merged shards that measured as several testbeds (`shards`), or as another than the merge's (`merge`). */
  | { kind: 'merged-testbed'; shards: Array<string | undefined>; merge: string | undefined }

/** Why a blob run did not run every test file it was to (see `RunProblem` `shard-incomplete`). */
export type ShardGapCause = 'bail' | 'cancel' | 'error'

/** What a blob run left out, as its blob carries it to a merge (a `shard-incomplete` problem's facts). */
export type ShardGap = Omit<Extract<RunProblem, { kind: 'shard-incomplete' }>, 'kind'>
