import type { Clock } from '../../src/measure/clock'

/**
 * Runs `body` while a chain of `setImmediate` callbacks reads `clock` at every turn of the event
 * loop, and returns the readings, with one at the start and one at the end: the gaps between
 * them are the (fake) measuring time the code under test went without giving the loop a turn.
 */
export async function turnsDuring(clock: Clock, body: () => Promise<unknown>): Promise<number[]> {
  const turns = [clock.now()]
  let running = true
  const tick = () => {
    turns.push(clock.now())
    if (running) setImmediate(tick)
  }
  setImmediate(tick)
  try {
    await body()
  } finally {
    running = false
  }
  turns.push(clock.now())
  return turns
}

/** The largest gap between consecutive readings. */
export function largestGap(readings: readonly number[]): number {
  return Math.max(...readings.slice(1).map((t, i) => t - readings[i]!))
}
