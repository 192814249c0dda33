/**
 * A test's time limit, as its runner set it, and what perfspec's own extra measurements of its
 * benchmarks (baselines measured several times, suspects measured again) took of it so far.
 * Times in ms, on one real clock: `performance.now()` of the test's process.
 */
export interface TestTimeBudget {
  /** The test's timeout. */
  timeout: number
  /** When it times out, at the earliest: the test started no earlier than `deadline - timeout`. */
  deadline: number
  /** Time that extra measurements of its benchmarks and the pauses between them took so far. */
  spent: number
}
