/**
 * The one list of latency statistics. Types, option validation, matchers, the gate and the CLI
 * help all derive from these lists, so a statistic is added in one place.
 */

/** Every latency statistic a result carries and `expectLatency(r).<stat>` can name, in ms per call. */
export const LATENCY_STATS = ['min', 'mean', 'p50', 'p75', 'p90', 'p95', 'p99', 'p999', 'max'] as const

/** A latency statistic of {@link LATENCY_STATS}. */
export type LatencyStat = (typeof LATENCY_STATS)[number]

/** The statistics the regression gate can compare with a baseline (a baseline entry stores each). */
export const GATE_METRICS = ['p50', 'mean', 'p75', 'p90', 'p95', 'p99', 'max'] as const

/** A statistic of {@link GATE_METRICS}. */
export type BaselineMetric = (typeof GATE_METRICS)[number]

/** The quantile (0..1) behind each percentile metric of the gate. */
export const QUANTILE_OF: Readonly<Partial<Record<BaselineMetric, number>>> = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 }

/** True when `value` names a gate metric. */
export function isGateMetric(value: unknown): value is BaselineMetric {
  return (GATE_METRICS as readonly unknown[]).includes(value)
}

/** The gate metrics quoted for a message: `'p50', 'mean', …`. */
export function gateMetricList(): string {
  return GATE_METRICS.map((m) => `'${m}'`).join(', ')
}
