import { RUN_PID_ENV, RUN_ROOT_ENV } from '../model/run-pid-env.js'

/**
 * Marks this (Vitest's main) process, before any worker starts, as a run that gathers what its
 * test files measure (`root`: its Vitest root), with its pid and root (see `RUN_PID_ENV`), so that
 * its workers without perfspec's setup refuse to measure and those of a Vitest a test starts do
 * not; `undefined` clears the mark (a run that gathers nothing, which must not pass on an outer one's).
 */
export function markRun(root: string | undefined): void {
  if (root === undefined) {
    delete process.env[RUN_PID_ENV]
    delete process.env[RUN_ROOT_ENV]
    return
  }
  process.env[RUN_PID_ENV] = String(process.pid)
  process.env[RUN_ROOT_ENV] = root
}
