/**
 * A measurement counts as taken at the host's full speed when the host-speed probe read right
 * after it ran at most this many times slower than its best reading on this machine lately: a
 * shared host's slow stretches slow the probe by a third or more, its ordinary jitter by a few
 * percent.
 */
export const FULL_HOST_SPEED = 1.2

/**
 * How much of a benchmark's slowdown a slow stretch of the host explains, relative to the
 * host-speed probe's own: a benchmark measured in such a stretch runs at most this many times
 * the probe's slowdown slower (see docs/regression-gate.md, `bench/host-speed-probe.ts`).
 */
export const HOST_EXPLAINS = 1.25

/** The change of a typical call (a fraction) that a host running `slowdown` times slower can explain by itself. */
export function hostAllowance(slowdown: number): number {
  return HOST_EXPLAINS * slowdown - 1
}

/** Whether a host slowdown (1 is full speed) lets a measurement count as taken at full speed. */
export function atFullSpeed(slowdown: number): boolean {
  return slowdown <= FULL_HOST_SPEED
}

/**
 * What a slow host says of a regression every measurement of which read as one: `undefined` when
 * some measurement ran at the host's full speed (`host`: the probe's slowdown after each, over the
 * machine's best; divided by the baseline's own `host_slowdown`, as its measurements were taken
 * that slow), or when a slowdown is not known for each; otherwise the least slowdown, and whether
 * it excuses the change (`excused`: the typical call, else the gated metric, slower by no more
 * than that slowdown explains, see {@link hostAllowance}). Pure: the reporter's verdict and
 * `perfspec compare` apply it alike.
 *
 * @param measurements - how many measurements there were (one slowdown is read after each)
 */
export function slowHostReading(change: number, host: readonly number[] | undefined, measurements: number, baselineSlowdown: number | undefined): { hostSlowdown: number; excused: boolean } | undefined {
  const relative = host?.map((h) => h / (baselineSlowdown ?? 1))
  if (!relative || relative.length !== measurements || relative.length === 0 || relative.some(atFullSpeed)) return undefined
  const hostSlowdown = Math.min(...relative)
  return { hostSlowdown, excused: change <= hostAllowance(hostSlowdown) }
}
