import type { LatencyStats } from '../model/bench-result.js'
import { formatDuration } from '../units/format.js'

/** What the diagnostics look at. All times in ms. */
export interface DiagnosticInput {
  latency: LatencyStats
  mode: 'per-call' | 'batched'
  samples: number
  timerOverhead: number
  /** Per-call cost of the timing loop around an empty function. */
  emptyLoopCost: number
}

/**
 * Warnings about figures that should not be trusted as they are, each with what to do about it.
 */
export function diagnose(input: DiagnosticInput): string[] {
  const warnings: string[] = []
  const { latency } = input
  // The median, not the mean: a few preempted samples on a busy machine must not hide the warning.
  if (latency.p50 <= Math.max(input.emptyLoopCost * 2, 1e-6)) {
    warnings.push(
      `looks optimized away: ${formatDuration(latency.p50)} per call is no slower than an empty loop (${formatDuration(input.emptyLoopCost)}); ` +
        'use the result of the call (return it from fn) or pass inputs that change between calls',
    )
  }
  if (input.mode === 'per-call' && input.timerOverhead > latency.mean * 0.05) {
    warnings.push(
      `the timer dominates: one clock reading costs ${formatDuration(input.timerOverhead)} against ${formatDuration(latency.mean)} per call; ` +
        'the figures carry that much uncertainty',
    )
  }
  if (input.samples < 10) {
    warnings.push(`only ${input.samples} samples: percentiles are rough; raise "time" or "iterations"`)
  } else if (latency.rme > 5) {
    warnings.push(`noisy: the mean is known to ±${latency.rme.toFixed(1)}% only; raise "time", or close other work on the machine`)
  }
  return warnings
}
