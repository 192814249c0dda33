import type { BenchResult } from './bench-result.js'
import type { GateOverride } from './gate.js'

/** Outcome of one expectation: PASS, WARN (passed with under 10 % headroom) or FAIL. */
export type Status = 'PASS' | 'WARN' | 'FAIL'

/** A benchmark measured inside a test. `error` is set when `fn` threw (no result then). */
export interface BenchEntry {
  kind: 'bench'
  id: string
  name: string
  result?: BenchResult
  error?: string
  /** The bench's own baseline override: `false` opts out, otherwise `{ metric?, threshold? }`. */
  baseline?: false | GateOverride
}

/** An expectation evaluated inside a test (latency, throughput, CPU, errors, comparisons). */
export interface ExpectationEntry {
  kind: 'expectation'
  /** Id of the benchmark the expectation is about. */
  benchId: string
  /** What was measured, in words: `p95 latency`, `throughput`, `CPU per call`. */
  subject: string
  /** Comparison as written: `<`, `<=`, `>`, `faster than`. */
  comparator: string
  /** Measured value, in `unit`. */
  actual: number
  /** The limit, in `unit`. */
  limit: number
  /** `ms`, `/s`, `fraction`, `bytes`. */
  unit: string
  status: Status
  /** The full sentence shown to the user. */
  message: string
  /** `faster than` comparisons: the other benchmark and the statistics behind the verdict. */
  comparison?: ComparisonDetails
}

/** What a `toBeFasterThan` comparison found. Medians in ms; changes as fractions (−0.25: 25 % faster). */
export interface ComparisonDetails {
  /** Id and name of the benchmark compared against. */
  otherId: string
  otherName: string
  median: number
  otherMedian: number
  /** `median / otherMedian − 1`. */
  change: number
  /** Confidence interval of `change`. */
  interval: [number, number]
  confidence: number
  /** Speed-up required, as a fraction (the `by` option, raised to the noise floor). */
  required: number
  /** How the verdict was reached, e.g. `bootstrap CI of the ratio of medians`. */
  method: string
}

/** A leak check (`expectNoLeak`). */
export interface LeakEntry {
  kind: 'leak'
  id: string
  name: string
  status: Status
  /** Bytes retained per call (robust slope over the checkpoints). */
  bytesPerCall: number
  /** Retained growth from first to last checkpoint, bytes. */
  growth: number
  iterations: number
  /** `[calls, heap bytes]` at each checkpoint. */
  checkpoints: Array<[number, number]>
  /** On a leak, the kinds of objects whose live count grew with the calls, largest first. */
  suspects?: Array<{ name: string; perCall: number; bytesPerCall: number }>
  message: string
}

/**
 * A check that objects are let go: one object garbage-collected (`expectCollected`), or the live
 * instances of a class after some calls (`expectInstances`). Counted, like leak checks, in the
 * summary's leak checks.
 */
export interface RetentionEntry {
  kind: 'retention'
  /** `collected`: one object must be collected; `instances`: at most `limit` instances alive. */
  check: 'collected' | 'instances'
  id: string
  name: string
  status: Status
  /** Objects found alive after full garbage collections: 0 or 1 for `collected`. */
  alive: number
  /** Most objects that may stay alive: 0 for `collected`. */
  limit: number
  /** `instances`: calls of the function made before counting. */
  iterations?: number
  /** How the objects were found alive: `WeakRef` (collected), `v8.queryObjects` or `heap snapshot`. */
  method: string
  /** How a retained object is held, from a GC root: `(module) cache: Map → entry: Thing`. */
  retainers?: string
  message: string
}

/** Anything recorded during a test for the reporter. */
export type RecordEntry = BenchEntry | ExpectationEntry | LeakEntry | RetentionEntry
