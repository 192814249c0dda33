import { argumentError } from '../units/argument-error.js'
import { parseFraction, type Fraction } from '../units/percent.js'
import type { BaselineMetric } from '../measure/options.js'
import { DEFAULT_GATE, type Gate } from '../compare/gate.js'
import type { UpdateMode } from '../compare/check-baselines.js'

/** Options of the perfspec plugin (Vitest) and reporter (Jest). All optional. */
export interface PerfOptions {
  /** Markdown report, relative to the project root; `false` for none. Default `'BENCHMARK_RESULTS.md'`. */
  output?: string | false
  /** JSON of the whole run, relative to the project root; `false` for none. Default `'BENCHMARK_RESULTS.json'`. */
  json?: string | false
  /** Folder of the committed baselines, relative to the project root. Default `'baselines'`. */
  baselineDir?: string
  /** Statistic the regression gate compares. Default `'p95'`. */
  metric?: BaselineMetric
  /** How much slower than the baseline fails: `'20%'` or `0.2`. Default `'20%'`. */
  threshold?: Fraction
  /** How much slower than the baseline warns. Default `'10%'` (half the threshold when that is lower). */
  warnThreshold?: Fraction
  /**
   * Baseline writing: `true` or `'all'` rewrites the baselines of the benchmarks that ran (as
   * `-u` does); `'new'` writes missing ones even in CI; `'none'` writes nothing. Default: `'new'`
   * locally, `'none'` when `CI` is set; `-u` or `PERFSPEC_UPDATE=all` make it `'all'`.
   */
  update?: boolean | UpdateMode
  /** Test timeout (ms) when the Vitest config sets none, or the Jest config leaves Jest's 5 s default. Default `60000`. */
  testTimeout?: number
}

const KEYS = ['output', 'json', 'baselineDir', 'metric', 'threshold', 'warnThreshold', 'update', 'testTimeout'] as const
const METRICS = ['p50', 'mean', 'p75', 'p90', 'p95', 'p99', 'max']

/** The options, checked, with defaults applied. */
export interface ResolvedPerfOptions {
  output: string | false
  json: string | false
  baselineDir: string
  gate: Gate
  update?: UpdateMode
  testTimeout: number
}

/** Checks plugin/reporter options; a `TypeError` naming the option otherwise. */
export function resolvePerfOptions(options: unknown, where = 'perfspec plugin'): ResolvedPerfOptions {
  const o = (options ?? {}) as Record<string, unknown>
  if (typeof o !== 'object' || Array.isArray(o)) throw argumentError(`${where} options`, options, "an object such as { threshold: '20%' }")
  for (const key of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new TypeError(`perfspec: unknown ${where} option "${key}"; accepted options: ${KEYS.join(', ')}`)
  }
  const path = (key: string, fallback: string): string | false => {
    const v = o[key]
    if (v === undefined) return fallback
    if (v === false || (typeof v === 'string' && v.trim() !== '')) return v as string | false
    throw argumentError(`${where} option "${key}"`, v, `a path such as '${fallback}', or false`)
  }
  const metric = o.metric ?? DEFAULT_GATE.metric
  if (!METRICS.includes(metric as string)) throw argumentError(`${where} option "metric"`, metric, `one of ${METRICS.map((m) => `'${m}'`).join(', ')}`)
  const threshold = o.threshold === undefined ? DEFAULT_GATE.threshold : parseFraction(o.threshold, `${where} option "threshold"`)
  const warn = o.warnThreshold === undefined ? Math.min(DEFAULT_GATE.warn, threshold / 2) : parseFraction(o.warnThreshold, `${where} option "warnThreshold"`)
  let update: UpdateMode | undefined
  if (o.update === true) update = 'all'
  else if (o.update === false) update = 'none'
  else if (o.update === 'all' || o.update === 'new' || o.update === 'none') update = o.update
  else if (o.update !== undefined) throw argumentError(`${where} option "update"`, o.update, "true, false, 'all', 'new' or 'none'")
  const testTimeout = o.testTimeout ?? 60_000
  if (typeof testTimeout !== 'number' || !(testTimeout > 0)) throw argumentError(`${where} option "testTimeout"`, o.testTimeout, 'a number of milliseconds such as 60000')
  const baselineDir = path('baselineDir', 'baselines')
  if (baselineDir === false) throw argumentError(`${where} option "baselineDir"`, false, "a folder such as 'baselines'")
  return {
    output: path('output', 'BENCHMARK_RESULTS.md'),
    json: path('json', 'BENCHMARK_RESULTS.json'),
    baselineDir,
    gate: { metric: metric as BaselineMetric, threshold, warn },
    ...(update && { update }),
    testTimeout,
  }
}

/**
 * The baseline update mode of a run: the runner's update flag (`-u`) or `PERFSPEC_UPDATE=all`
 * rewrite; otherwise the option; otherwise `'none'` in CI and `'new'` locally.
 */
export function updateMode(option: UpdateMode | undefined, runnerUpdate: boolean, ci: boolean): UpdateMode {
  const env = process.env.PERFSPEC_UPDATE?.toLowerCase()
  if (runnerUpdate || env === 'all' || env === '1' || env === 'true') return 'all'
  if (env === 'new' || env === 'none') return env
  if (option) return option
  return ci ? 'none' : 'new'
}
