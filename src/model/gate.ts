import type { BaselineMetric } from './metrics.js'

/** The regression gate: which statistic, and how much worse counts as a regression. */
export interface Gate {
  /** Statistic compared with the baseline. Default `'p95'`. */
  metric: BaselineMetric
  /** Fraction above the baseline that fails, e.g. `0.2` for 20 %. Default `0.2`. */
  threshold: number
  /** Fraction above the baseline from which a change is reported as WARN. Default: `0.1`, or half the threshold when that is lower; one given may be up to the threshold. */
  warn: number
}

/** The default gate: p95 more than 20 % above its baseline fails; more than 10 % warns. */
export const DEFAULT_GATE: Gate = { metric: 'p95', threshold: 0.2, warn: 0.1 }

/** One benchmark's own gate (`bench(…, { baseline: { metric, threshold } })`), threshold as a fraction. */
export interface GateOverride {
  metric?: BaselineMetric
  threshold?: number
}

/** The gate of one benchmark: its override applied over the global gate. */
export function gateFor(global: Gate, override?: GateOverride): Gate {
  if (!override) return global
  const threshold = override.threshold ?? global.threshold
  return {
    metric: override.metric ?? global.metric,
    threshold,
    warn: override.threshold !== undefined ? Math.min(global.warn, threshold / 2) : global.warn,
  }
}

/**
 * When baselines are written, following Vitest's snapshot habits:
 * - `'new'`: write baselines that are missing, never touch existing ones (a local run);
 * - `'all'`: also rewrite the baselines of the benchmarks that ran (`vitest -u`);
 * - `'none'`: write nothing, report missing ones as new (CI).
 */
export type UpdateMode = 'new' | 'all' | 'none'
