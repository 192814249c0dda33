import type { Environment } from './environment.js'
import type { BaselineMetric } from './metrics.js'

/** Time units a baseline entry may use, and the factor from each to milliseconds. */
export const TIME_UNIT_TO_MS = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000 } as const

/** One benchmark's committed baseline. Times in `unit` (perfspec writes `ms`). */
export interface BaselineEntry {
  bench_id: string
  /** What the figures measure: always `'latency'` (the schema refuses any other). */
  metric: 'latency'
  unit: keyof typeof TIME_UNIT_TO_MS
  p50: number
  p95: number
  p75?: number
  p90?: number
  p99?: number
  mean?: number
  min?: number
  max?: number
  sd?: number
  rme?: number
  n: number
  ops?: number
  batch_size?: number
  timestamp: string
  notes?: string
  histogram?: string
  environment?: Partial<Environment>
  /** Measurements taken when the baseline was written; the fastest by typical call is stored. */
  attempts?: number
  /**
   * Processes those measurements were taken in (the run's own and fresh ones; see the
   * `baselineProcesses` option), when more than one: at most `attempts`.
   */
  processes?: number
  /**
   * How far apart those measurements fell, per statistic: (next fastest − fastest) / fastest,
   * the change unchanged code showed on this machine; with several processes, at least the gap
   * from the fastest process to the next fastest (each process read at its fastest).
   */
  spread?: Partial<Record<BaselineMetric, number>>
  /**
   * How slow the host ran while the baseline was measured: the host-speed probe's reading right
   * after its least slow measurement, relative to the best reading of this machine's recent
   * processes (1 is full speed, 1.6 is 1.6 times slower). Absent when unknown. A run measured
   * as slow as this is not excused as measured on a slow host.
   */
  host_slowdown?: number
}

/** A baseline file: the baselines of one test file's benchmarks. */
export interface BaselineFile {
  $schema?: string
  perfspec: 1
  file?: string
  /**
   * In a baseline folder outside the project, shared with other projects: the project's path from
   * the folder's parent (`a`, `a/sub`). A file that names another project is a copy of its
   * baselines, never read as this project's. Absent in a folder inside the project.
   */
  project?: string
  /** The baselines written without a testbed name. */
  benchmarks: BaselineEntry[]
  /** The baselines of named testbeds (`testbed` option, `PERFSPEC_TESTBED`), each kept apart. */
  testbeds?: Array<{ name: string; benchmarks: BaselineEntry[] }>
}

/** A baseline entry's place in its file: its benchmark id, and the testbed it is kept under (absent: the unnamed one). */
export interface BaselineId {
  id: string
  testbed?: string
}

/** A baseline file as read: its entries, or what is wrong with it (`problem`: "is not valid JSON: …"). */
export type BaselineRead =
  | { status: 'missing' }
  | {
      status: 'ok'
      data: BaselineFile
      /**
       * Under CI, baselines the committed file (git's index) holds and this one lacks, with why
       * (`problem`, after the file's path): a benchmark of the run among them is not new, its
       * baseline was lost before the run (a global setup rewrote the file). One an earlier step's
       * `-u` dropped (a renamed benchmark) is not run, and is not judged.
       */
      lost?: { entries: BaselineId[]; problem: string }
    }
  | {
      status: 'invalid'
      problem: string
      /**
       * The file is another project's: projects sharing a baseline folder, one inside the other,
       * whose outer one runs the inner one's test files too, meet at one path. It is never
       * rewritten, `-u` included.
       */
      foreign?: true
      /**
       * What the file, though invalid, still holds: whether it has unnamed entries, and the names
       * of its testbeds (when it parses as JSON). A rewrite from one testbed's run would lose the
       * others', so such a file is not rewritten by it (see `compareWithBaselines`).
       */
      holds?: {
        unnamed: boolean
        testbeds: string[]
        /** It has testbeds whose names cannot be read (not valid JSON, or `testbeds` not a list). */
        unknown?: true
      }
    }

/**
 * The widest spread a baseline entry stores (100, i.e. 10,000 %). Measurements of one statistic
 * can differ by more (a `max` that caught a collector pause in one of them), but a spread this wide
 * already says the statistic cannot gate here; the writer stores it at this cap, and the reader
 * refuses wider ones as hand edits.
 */
export const MAX_SPREAD = 100
