import type { LoadWindow } from '../../model/bench-result.js'

/** Windows a load run's measured phase is cut into for its latency over time. */
export const TIMELINE_WINDOWS = 20

/** Latencies kept per window to read its p95 (a uniform sample of the window's calls). */
const KEPT_PER_WINDOW = 256

interface Window {
  calls: number
  errors: number
  sum: number
  kept: number[]
}

/**
 * The calls of a load run's measured phase in equal windows of time, by when each settled: how
 * many, how many failed, and their mean and p95 latency. A window keeps a uniform sample of its
 * latencies (reservoir sampling), so a run of millions of calls costs a few kilobytes.
 */
export class Timeline {
  private readonly windows: Window[] = Array.from({ length: TIMELINE_WINDOWS }, () => ({ calls: 0, errors: 0, sum: 0, kept: [] }))

  /**
   * @param start - clock reading when the measured phase began, ms
   * @param length - the phase's planned length, ms (calls settling after it count in the last window)
   * @param random - uniform in [0, 1), for the reservoir; injectable for tests
   */
  constructor(
    private readonly start: number,
    private readonly length: number,
    private readonly random: () => number = Math.random,
  ) {}

  private at(now: number): Window {
    const i = Math.floor(((now - this.start) / this.length) * TIMELINE_WINDOWS)
    return this.windows[Math.min(TIMELINE_WINDOWS - 1, Math.max(0, Number.isFinite(i) ? i : 0))]!
  }

  /** A call that succeeded after `latency` ms settled at `now`. */
  succeed(latency: number, now: number): void {
    const w = this.at(now)
    w.calls += 1
    w.sum += latency
    if (w.kept.length < KEPT_PER_WINDOW) w.kept.push(latency)
    else {
      const j = Math.floor(this.random() * w.calls)
      if (j < KEPT_PER_WINDOW) w.kept[j] = latency
    }
  }

  /** A call that failed settled at `now`. */
  fail(now: number): void {
    this.at(now).errors += 1
  }

  /** The windows, from the start of the phase; a window without a successful call has no latency. */
  figures(): LoadWindow[] {
    const width = this.length / TIMELINE_WINDOWS
    return this.windows.map((w, i) => {
      const sorted = [...w.kept].sort((a, b) => a - b)
      const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! : undefined
      return { start: i * width, calls: w.calls, errors: w.errors, ...(w.calls > 0 && { mean: w.sum / w.calls, p95: p95! }) }
    })
  }
}
