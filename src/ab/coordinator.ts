import type { AbComparison, AbGate, AbProgress, AbSide } from '../model/ab.js'

/** Options of {@link startCoordinator}; times in ms. */
export interface AbCoordinatorOptions {
  /** Where to listen: a Unix socket path, or a named pipe on Windows (see `abSocketPath`). */
  socketPath: string
  /** The A/B gate. Default {@link DEFAULT_AB_GATE}: the typical call, 10 %, 95 % family-wise. */
  gate?: AbGate
  /**
   * Benchmarks expected to be compared in the run, for the correction of the confidence (it grows
   * with the benchmarks actually paired when they are more). Default 1.
   */
  benchmarks?: number
  /** Time a pair of benchmarks may take turns before it is called inconclusive. Default `60_000`. */
  timeCapMs?: number
  /** How long a side that is ready waits for its partner before it measures alone. Default `30_000`. */
  partnerWaitMs?: number
  /** Length of one block. Default `30`. */
  blockMs?: number
  /** Time now, ms. Default `performance.now`. */
  clock?: () => number
  /** Uniform numbers in [0, 1) that order the two blocks of each pair. Default `Math.random`. */
  random?: () => number
  /** Schedules `fn` after `ms`; returns a cancel function. Default `setTimeout` (unref'd). */
  setTimer?: (fn: () => void, ms: number) => () => void
  /** Told after each pair of blocks and at each verdict. */
  onProgress?: (progress: AbProgress) => void
  /** Told when a worker says hello (its side, pid and perfspec version), to check the base's perfspec. */
  onHello?: (hello: { side: AbSide; pid: number; perfspec: string; v: number }) => void
  /** Told about a connection that sent what the protocol does not allow (the line is dropped). */
  onProtocolError?: (error: Error) => void
}

/** A running coordinator: pairs the benchmarks of both sides and makes them take turns. */
export interface AbCoordinator {
  /** Tells which test file both sides run now: the waits of the previous one end. */
  fileStarted(file: string): void
  /** A side's process for the current file exited (or never started): its partner's waits end now. */
  sideEnded(side: AbSide): void
  /** The comparisons so far, decided ones and alone ones, in the order they ended. */
  results(): AbComparison[]
  /** Ends every wait, stops listening and closes every connection. */
  close(): Promise<void>
}
