/**
 * The environment variable that carries the worker gate config (`WorkerGateConfig`) from a
 * perfspec reporter to its test workers: set in a test worker, a perfspec reporter runs the tests.
 */
export const WORKER_GATE_ENV = 'PERFSPEC_GATE'
