/**
 * Environment variable of a process started to measure suspects again (see
 * `recheckInFreshProcesses`): the file its perfspec reporter writes the run's test records to,
 * instead of reports and baselines.
 */
export const RECHECK_OUT_ENV = 'PERFSPEC_RECHECK_OUT'
