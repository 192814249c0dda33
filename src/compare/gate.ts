import type { BaselineMetric } from '../measure/options.js'

/** The regression gate: which statistic, and how much worse counts as a regression. */
export interface Gate {
  /** Statistic compared with the baseline. Default `'p95'`. */
  metric: BaselineMetric
  /** Fraction above the baseline that fails, e.g. `0.2` for 20 %. Default `0.2`. */
  threshold: number
  /** Fraction above the baseline from which a change is reported as WARN. Default: half the threshold. */
  warn: number
}

/** The default gate: p95 more than 20 % above its baseline fails; more than 10 % warns. */
export const DEFAULT_GATE: Gate = { metric: 'p95', threshold: 0.2, warn: 0.1 }

/** A per-bench override applied over a global gate. */
export function gateFor(global: Gate, override?: { metric?: BaselineMetric; threshold?: number }): Gate {
  if (!override) return global
  const threshold = override.threshold ?? global.threshold
  return {
    metric: override.metric ?? global.metric,
    threshold,
    warn: override.threshold !== undefined ? Math.min(global.warn, threshold / 2) : global.warn,
  }
}
