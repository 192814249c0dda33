/** Active resources of this process that are a test worker of Vitest's pool: a forked process, a worker thread's port. */
const WORKER_RESOURCES: ReadonlySet<string> = new Set(['ProcessWrap', 'MessagePort'])

/** Longest wait for the pool's workers to end, ms: past it the fresh processes start anyway. */
export const POOL_WORKERS_WAIT = 2000

/**
 * Resolves once this process has no forked process or worker-thread port left (Vitest's pool
 * stopping its workers, as each test file ends), or after `maxMs`. Vitest awaits those stops at
 * the end of the run against a timer (`teardownTimeout`); a reporter that then blocks the event
 * loop (the fresh processes run synchronously) lets the timer fire before the workers' exits are
 * seen, and Vitest prints "Timeout terminating forks worker" for workers that had ended.
 *
 * @param resources - this process's active resources (default `process.getActiveResourcesInfo`)
 * @param sleep - waits that long, ms (default a timer)
 * @param now - a clock, ms (default `performance.now`)
 */
export async function poolWorkersEnded(
  maxMs = POOL_WORKERS_WAIT,
  resources: () => readonly string[] = () => process.getActiveResourcesInfo(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => number = () => performance.now(),
): Promise<void> {
  const end = now() + maxMs
  while (resources().some((r) => WORKER_RESOURCES.has(r)) && now() < end) await sleep(10)
}
