import type { Clock } from '../src/measure/clock'

/** A clock that moves only when told: the code under test "takes" exactly what it advances. */
export class FakeClock implements Clock {
  t = 0
  now(): number {
    return this.t
  }
  advance(ms: number): void {
    this.t += ms
  }
}
