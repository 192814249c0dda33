import { theilSenSlope } from '../../analyse/theil-sen.js'

/** The thresholds a heap series is judged against. All sizes in bytes. */
export interface VerdictRule {
  /** Retained bytes per call tolerated; the robust slope must exceed it to count as growth. */
  perCall: number
  /**
   * Fraction of checkpoint-to-checkpoint changes that must be increases for growth to count as
   * steady (0..1). Noise goes both ways; a leak only goes up.
   */
  minRising: number
  /** Growth from first to last checkpoint that fails on its own, steady or not. */
  maxGrowth: number
}

/** What a heap series says, and why. */
export interface Verdict {
  leaked: boolean
  /** Robust (Theil–Sen) slope of retained heap against calls, bytes per call. */
  bytesPerCall: number
  /** Retained heap at the last checkpoint minus the first, bytes. */
  growth: number
  /** Fraction of checkpoint-to-checkpoint changes that were increases (0..1). */
  rising: number
  /** Which rule failed: `steady growth`, `total growth`, or `undefined` when none did. */
  reason?: 'steady growth' | 'total growth'
}

/**
 * Judges a series of retained-heap checkpoints. A leak is growth that is both large enough
 * (slope above `perCall`) and steady (at least `minRising` of the steps go up): on this
 * machine non-leaking code showed slopes as large as a small leak's, but never rose at
 * nearly every step, while a leak of one object per 100 calls did. Independently, growth
 * over `maxGrowth` fails.
 *
 * @param calls - cumulative calls at each checkpoint, increasing.
 * @param heap - retained heap bytes at each checkpoint.
 */
export function judgeSeries(calls: ArrayLike<number>, heap: ArrayLike<number>, rule: VerdictRule): Verdict {
  const n = Math.min(calls.length, heap.length)
  if (n < 3) throw new RangeError('perfspec: a leak verdict needs at least 3 checkpoints')
  const bytesPerCall = theilSenSlope(calls, heap)
  const growth = heap[n - 1]! - heap[0]!
  let up = 0
  for (let i = 1; i < n; i++) if (heap[i]! > heap[i - 1]!) up += 1
  const rising = up / (n - 1)
  let reason: Verdict['reason']
  if (bytesPerCall > rule.perCall && rising >= rule.minRising) reason = 'steady growth'
  else if (growth > rule.maxGrowth) reason = 'total growth'
  return reason ? { leaked: true, bytesPerCall, growth, rising, reason } : { leaked: false, bytesPerCall, growth, rising }
}
