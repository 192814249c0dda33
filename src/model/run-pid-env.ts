/**
 * The variable through which the main process of a perfspec run that gathers what its test files
 * measure (a Vitest run with the perf reporter, a blob shard, a `perfspec ab` side) gives its pid
 * to its workers: a test file of that run where perfspec's setup did not load would lose what it
 * measures. A Vitest that a test starts inherits the variable, but its workers are not that
 * process's.
 */
export const RUN_PID_ENV = 'PERFSPEC_RUN_PID'

/**
 * The root of that run (Vitest's `config.root`), beside {@link RUN_PID_ENV}: a Vitest that a test
 * starts in the same process or as its child has a root of its own (its fixture's).
 */
export const RUN_ROOT_ENV = 'PERFSPEC_RUN_ROOT'
