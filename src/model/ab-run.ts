import type { AbComparison, AbGate, AbSide } from './ab.js'

/**
 * The whole of one `perfspec ab` run, as its JSON carries it and its reports render it: the two
 * revisions, the gate, every benchmark's comparison, and the test runs that did not end well.
 */
export interface AbRunReport {
  /** Format version of this file. */
  perfspecAb: 1
  /** When the run ended, ISO 8601. */
  createdAt: string
  /** Wall time of the run, ms (the base's install included). */
  duration: number
  base: {
    /** The ref given (`--base`), or the default branch the merge-base was taken with. */
    ref: string
    commit: string
    how: 'given' | 'merge-base'
  }
  head: {
    /** The commit of the working tree. */
    commit: string
    /** Uncommitted changes in the working tree (files), which head includes. */
    dirty: number
  }
  runner: { name: string }
  gate: Required<AbGate>
  /** Time cap per pair of benchmarks, ms. */
  timeCapMs: number
  /** The shard this run measured (`-- --shard=i/n`); absent when it ran every file. Merged reports list each. */
  shards?: Array<{ index: number; count: number }>
  /** How the base got its dependencies: linked to the head's, an install reused, or installed now. */
  install: 'link' | 'reuse' | 'install'
  /** The CPU both sides ran on, when they were pinned to one (Linux); absent when they were not. */
  cpu?: number
  /** Test files run (on either side). */
  files: number
  comparisons: AbComparison[]
  /** Runner processes that ended with a failure: failing tests, or a runner killed. */
  failures: AbSideFailure[]
  /** Set when the run stopped before its last file. */
  stopped?: 'interrupted' | 'killed'
  /**
   * Set when the run measured but could not decide, because of the base: `base-protocol`, its
   * perfspec speaks another A/B protocol; `base-not-connected`, none of its benchmarks connected
   * while the head's did (its perfspec missing, not set up, or older than perfspec ab).
   */
  undecided?: 'base-protocol' | 'base-not-connected'
}

/** A side's runner process that did not end well on a file. */
export interface AbSideFailure {
  side: AbSide
  /** Relative to the project folder. */
  file: string
  /** Exit code, or `null` when a signal ended it. */
  code: number | null
  signal: string | null
  /** The end of its output. */
  output: string
  /** The confirmation round that ran the file again in fresh processes, when it failed there first; absent: the run's own pass. */
  round?: number
  /**
   * What perfspec found wrong with how the side ran the file, when that is why it failed (a Jest
   * file not handed the run's record folder): nothing it measured there counts, and the run cannot pass.
   */
  problem?: string
  /** `problem` is another tool of the head's run changing a file of perfspec's (a baseline in the working tree), which fails a plain run. */
  changed?: true
}
