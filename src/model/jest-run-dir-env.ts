/**
 * The variable naming a perfspec Jest run's record folder, which the perfspec reporter hands each
 * test file through its config's globals (and sets in the environment): handed to a test file, a
 * perfspec reporter runs its tests.
 */
export const RUN_DIR_ENV = 'PERFSPEC_JEST_DIR'
