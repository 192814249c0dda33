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
