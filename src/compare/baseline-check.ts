import type { BaselineMetric } from '../measure/options.js'
import type { JudgementReason } from './judge.js'

/**
 * What happened to one benchmark's baseline in this run:
 * - `ok` / `improved` / `warn` / `regressed`: compared with its baseline;
 * - `new`: no baseline, and none written (CI, or writing disabled);
 * - `written`: no baseline, written now; `updated`: rewritten on request (`-u`);
 * - `unchecked`: the baseline file is unreadable or invalid, or lacks the metric;
 * - `skipped`: the bench failed or opted out (`baseline: false`).
 */
export type BaselineStatus = 'ok' | 'improved' | 'warn' | 'regressed' | 'new' | 'written' | 'updated' | 'unchecked' | 'skipped'

/** One benchmark's baseline check, as the report and the annotations show it. */
export interface BaselineCheck {
  benchId: string
  /** Test file and line, for annotations. */
  file: string
  line?: number
  status: BaselineStatus
  metric: BaselineMetric
  threshold: number
  /** Baseline value of the metric, ms. */
  baseline?: number
  /** Current value of the metric, ms. */
  current?: number
  /** Relative change, (current − baseline) / baseline. */
  change?: number
  /** Why the comparison ended as it did (set when it was compared). */
  reason?: JudgementReason | 'machine-slower'
  /** 99 % confidence interval of `change`, from both runs' sampling noise. */
  interval?: [number, number]
  /** How much slower the typical call is (Hodges–Lehmann shift), when both runs carry a distribution. */
  typicalChange?: number
  /** Baseline file path, relative to the project root. */
  baselineFile: string
  /** One sentence on this check, for people. */
  message: string
  /** How the baseline's environment differs from this run's, if it does. */
  environmentNote?: string
}
