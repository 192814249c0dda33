import type { OverheadVerdict } from '../model/entries.js'
import { pairedChange, type PairedChange, type PairedChangeOptions } from './paired-change.js'

/** What {@link judgeOverhead} found: the paired change, the margin it was held to, and the verdict. */
export interface OverheadJudgement extends PairedChange {
  margin: number
  verdict: OverheadVerdict
}

/** The verdict of a change's interval against `margin` (a fraction: 0.05 for 5 %): see {@link OverheadVerdict}. */
export function overheadVerdict(interval: readonly [number, number] | undefined, margin: number): OverheadVerdict {
  if (!interval) return 'inconclusive'
  if (interval[0] > margin) return 'above'
  if (interval[1] <= margin) return 'within'
  return 'inconclusive'
}

/** {@link pairedChange} of paired figures, judged against `margin` by {@link overheadVerdict}. */
export function judgeOverhead(a: ArrayLike<number>, b: ArrayLike<number>, margin: number, options: PairedChangeOptions = {}): OverheadJudgement {
  const change = pairedChange(a, b, options)
  return { ...change, margin, verdict: overheadVerdict(change.interval, margin) }
}
