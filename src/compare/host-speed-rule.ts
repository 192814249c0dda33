/**
 * A measurement counts as taken at the host's full speed when the host-speed probe read right
 * after it ran at most this many times slower than its best reading on this machine lately: a
 * shared host's slow stretches slow the probe by a third or more, its ordinary jitter by a few
 * percent.
 */
export const FULL_HOST_SPEED = 1.2

/** Whether a host slowdown (1 is full speed) lets a measurement count as taken at full speed. */
export function atFullSpeed(slowdown: number): boolean {
  return slowdown <= FULL_HOST_SPEED
}
