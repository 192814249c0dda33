import { refuseExtraArguments } from '../units/extra-arguments.js'
import { concurrentTests, entryId, getTestContext, recordEntry } from '../record/context.js'
import { checkName } from '../model/names.js'
import { outsideTestWarning } from '../record/outside-test.js'
import { awaited } from './awaited.js'
import type { LeakEntry } from '../model/entries.js'
import { prepareCalls } from '../measure/leak/calls.js'
import { nodeHeapProbe, type HeapProbe } from '../measure/leak/checkpoints.js'
import { checkForLeak, type LeakRun } from '../measure/leak/leak-check.js'
import { parseLeakOptions, type LeakOptions } from '../measure/leak/options.js'
import { findSuspects, snapshotDiff, type Suspect } from '../measure/leak/snapshot-diff.js'
import { PerfAssertionError } from './assertion-error.js'
import { formatBytes, formatCount } from '../units/format.js'
import { isA, thrownText } from '../measure/thrown-text.js'

export type { LeakOptions } from '../measure/leak/options.js'
export type { Suspect } from '../measure/leak/snapshot-diff.js'

/** What a leak check measured. Sizes are bytes of heap retained after full garbage collections. */
export interface LeakResult {
  /** Name of the check, as given or from `fn.name`. */
  name: string
  /** `[calls made, retained heap bytes]` at each checkpoint of the run reported (the last one). */
  checkpoints: Array<[number, number]>
  /** Retained bytes per call: the robust (Theil–Sen) slope of heap against calls. */
  bytesPerCall: number
  /** Retained heap at the last checkpoint minus the first, bytes. */
  growth: number
  /** Calls between the first and the last checkpoint of each run. */
  iterations: number
  /** Fraction of checkpoint-to-checkpoint changes that were increases, 0..1. */
  rising: number
  /** Whether the heap grew with the calls (in the first run and in its confirmation). */
  leaked: boolean
  /** On a leak, the kinds of objects whose live count grew in step with the calls; else empty. */
  suspects: Suspect[]
}

/**
 * Checks that calling `fn` over and over does not grow the heap that survives full garbage
 * collections. Resolves with the figures when it does not; records the check for the report
 * inside a test either way; rejects with an assertion error that gives the bytes per call, the
 * total growth, the checkpoints and the objects that grew when it does.
 *
 * `fn` may be sync or async (its promise is awaited before the next call). See
 * {@link LeakOptions} for the options and their defaults.
 */
export function expectNoLeak(fn: () => unknown, options?: LeakOptions): Promise<LeakResult> {
  // Not awaited, its verdict would come after its test ended: the test fails saying so.
  return awaited(
    (async () => {
      refuseExtraArguments('expectNoLeak()', arguments, ['fn', 'options'])
      return checkNoLeak(fn, options, nodeHeapProbe)
    })(),
    'expectNoLeak(…)',
  )
}

/** {@link expectNoLeak} with the heap probe injected (tests drive it with synthetic heaps). */
export async function checkNoLeak(fn: () => unknown, options: LeakOptions | undefined, probe: HeapProbe): Promise<LeakResult> {
  const { name, plan, suspects: wantSuspects } = parseLeakOptions(fn, options)
  checkName('expectNoLeak()', name)
  const test = getTestContext()
  const outside = test ? undefined : outsideTestWarning(`expectNoLeak("${name}")`)
  if (outside) console.warn(`perfspec: ${outside}`)
  const id = entryId(name, test)
  // Another concurrent test of the process at the start or the end: its allocations count in
  // this check's heap readings, which the message of a leak must say.
  let others = concurrentTests() > 1
  try {
    const calls = await prepareCalls(fn)
    const snapshots = wantSuspects ? (count: number, cleanup?: () => unknown) => snapshotDiff(calls, count, cleanup) : undefined
    const outcome = await checkForLeak(calls, plan, probe, snapshots)
    const run = outcome.runs[outcome.runs.length - 1]!
    // Naming suspects is a courtesy: a failure to snapshot must not hide the leak itself.
    const suspects = !outcome.leaked || !wantSuspects ? [] : (outcome.snapshots?.suspects ?? (await findSuspects(calls, 2 * Math.max(1, run.series.calls[1]!)).catch(() => [])))
    const result = toResult(name, outcome.iterations, outcome.leaked, run, suspects)
    const confirmedBy = outcome.runs.length > 1 ? 'second run' : outcome.snapshots ? 'snapshots' : undefined
    others ||= concurrentTests() > 1
    const message = outcome.leaked ? `${leakMessage(result, run, wantSuspects, confirmedBy)}${others ? `\n  ${CONCURRENT_LEAK_NOTE}` : ''}` : passMessage(result)
    recordEntry(toEntry(id, result, message), test)
    if (outcome.leaked) throw new PerfAssertionError(message)
    return result
  } catch (error) {
    if (isA(error, PerfAssertionError)) throw error
    const message = `perfspec: "${name}" threw during the leak check: ${thrownText(error)}`
    recordEntry({ kind: 'leak', id, name, status: 'FAIL', bytesPerCall: 0, growth: 0, iterations: 0, checkpoints: [], suspects: [], message }, test)
    throw new Error(message, { cause: error })
  }
}

/** What a leak found while other tests ran says: the growth may be theirs. */
export const CONCURRENT_LEAK_NOTE =
  'other tests of this file ran at the same time (concurrent tests), and what they allocated counts in this heap reading too: the growth may be theirs; run leak checks in sequential tests'

function toResult(name: string, iterations: number, leaked: boolean, run: LeakRun, suspects: Suspect[]): LeakResult {
  const { bytesPerCall, growth, rising } = run.verdict
  return { name, checkpoints: run.series.toPairs(), bytesPerCall, growth, iterations, rising, leaked, suspects }
}

function toEntry(id: string, result: LeakResult, message: string): LeakEntry {
  const { name, bytesPerCall, growth, iterations, checkpoints, suspects } = result
  return { kind: 'leak', id, name, status: result.leaked ? 'FAIL' : 'PASS', bytesPerCall, growth, iterations, checkpoints, suspects, message }
}

function passMessage(r: LeakResult): string {
  return `"${r.name}" retained ${perCall(r.bytesPerCall)} per call, ${formatBytes(r.growth)} over ${formatCount(r.iterations)} calls: no steady growth`
}

function leakMessage(r: LeakResult, run: LeakRun, searched: boolean, confirmedBy: 'second run' | 'snapshots' | undefined): string {
  const rising = `rising at ${Math.round(r.rising * (r.checkpoints.length - 1))} of ${r.checkpoints.length - 1} checkpoints`
  const confirmation = { 'second run': ', in both runs', snapshots: '; heap snapshots then saw objects pile up', none: '' }[confirmedBy ?? 'none']
  const why = run.verdict.reason === 'total growth' ? 'more than the growth allowed' : `${rising}${confirmation}`
  const lines = [
    `"${r.name}" leaks: the heap kept ${perCall(r.bytesPerCall)} per call, ${formatBytes(r.growth)} over ${formatCount(r.iterations)} calls (${why})`,
    `  checkpoints (calls: retained heap): ${checkpointList(r.checkpoints)}`,
    suspectsLine(r.suspects, searched),
  ]
  return lines.join('\n')
}

/** The first checkpoint in full, then each as a change from it: the growth is what matters. */
function checkpointList(checkpoints: Array<[number, number]>): string {
  const [, start] = checkpoints[0]!
  return checkpoints
    .map(([calls, heap], i) => `${formatCount(calls)}: ${i === 0 ? formatBytes(heap) : `${heap >= start ? '+' : ''}${formatBytes(heap - start)}`}`)
    .join(', ')
}

function suspectsLine(suspects: Suspect[], searched: boolean): string {
  if (!searched) return '  (heap snapshots skipped: suspects: false)'
  if (suspects.length === 0) return '  no kind of object gained instances in step in the heap snapshots (the growth may be inside one array, string or buffer)'
  return `  grew with the calls: ${suspects.map((s) => `${s.name} (+${s.perCall.toPrecision(2)} per call, ${perCall(s.bytesPerCall)} per call)`).join('; ')}`
}

function perCall(bytes: number): string {
  return `${bytes.toFixed(Math.abs(bytes) < 10 ? 2 : 0)} B`
}
