/**
 * The variable through which the main process of a perfspec run that gathers what its test files
 * measure (a Vitest run with the perf reporter, a blob shard, a `perfspec ab` side) gives its pid
 * to its workers: a test file of that run where perfspec's setup did not load would lose what it
 * measures. A Vitest that a test starts inherits the variable, but its workers are not that
 * process's.
 */
export const RUN_PID_ENV = 'PERFSPEC_RUN_PID'
