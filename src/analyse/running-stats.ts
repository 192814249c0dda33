import { tCritical95 } from './student-t.js'

/**
 * Mean, variance, min and max of a stream of samples in O(1) memory (Welford's algorithm,
 * numerically stable for millions of samples).
 */
export class RunningStats {
  /** Samples seen. */
  count = 0
  /** Arithmetic mean of the samples. */
  mean = 0
  /** Smallest sample; `Infinity` before the first. */
  min = Number.POSITIVE_INFINITY
  /** Largest sample; `-Infinity` before the first. */
  max = Number.NEGATIVE_INFINITY
  private m2 = 0

  /** Adds one sample. */
  add(value: number): void {
    this.count += 1
    const delta = value - this.mean
    this.mean += delta / this.count
    this.m2 += delta * (value - this.mean)
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
  }

  /** Sample standard deviation (n − 1); 0 with fewer than two samples. */
  get sd(): number {
    return this.count > 1 ? Math.sqrt(this.m2 / (this.count - 1)) : 0
  }

  /** Standard error of the mean. */
  get sem(): number {
    return this.count > 1 ? this.sd / Math.sqrt(this.count) : Number.POSITIVE_INFINITY
  }

  /**
   * Relative margin of error of the mean at 95 % confidence, in percent
   * (`t₀.₉₇₅ × sem / mean × 100`); `Infinity` until it can be estimated.
   */
  get rme(): number {
    if (this.count < 2 || this.mean === 0) return Number.POSITIVE_INFINITY
    return ((tCritical95(this.count - 1) * this.sem) / Math.abs(this.mean)) * 100
  }
}
