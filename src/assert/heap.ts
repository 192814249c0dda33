import { refuseExtraArguments } from '../units/extra-arguments.js'
import type { BenchResult } from '../model/bench-result.js'
import { getTestContext, recordEntry } from '../record/context.js'
import { parseBytes, type ByteSize } from '../units/bytes.js'
import { formatBytes, formatCount } from '../units/format.js'
import { PerfAssertionError } from './assertion-error.js'
import { benchResultArgument } from './bench-result-argument.js'
import { checkLimit } from './limit-check.js'
import { startChain } from './strict-matchers.js'
import { upperLimits, type UpperLimitMatchers } from './upper-limit.js'
import { withinMatchers, type WithinMatchers } from './within.js'

/**
 * Bytes added to both sides of each heap reading that `toBeWithin` compares: a function that
 * allocates nothing reads a fraction of a byte per call either way, whose ratio means nothing;
 * against real allocations (16 B and more per object) one byte hardly moves the ratio.
 */
const HEAP_OFFSET = 1

/** Upper-limit assertions on one heap figure. Limits: bytes as numbers, or strings with units (`'1KB'`, `'64KB'`, `'2MB'`). */
export type HeapLimitMatchers = UpperLimitMatchers<ByteSize>

/** `expectHeap(result)`: what a benchmark's calls allocate and what its measurement left behind. */
export interface HeapMatchers {
  /**
   * Bytes allocated per call, garbage included (what each call costs the collector): `'1KB'`, or
   * bytes as a number (`toBeLessThanOrEqual(0)`: allocates nothing); and `toBeWithin('10%').of(other)` on results of one
   * `benchTogether(…, { heap: true })` (1 byte is added to both sides of each reading, so that
   * functions that allocate nothing compare as equal).
   */
  bytesPerOp: HeapLimitMatchers & WithinMatchers
  /**
   * Heap retained after full collections at the end of the measurement minus at its start, bytes:
   * `'64KB'`. Calls that keep something (a cache, a listener) make it grow; for a verdict on a
   * leak, with growth measured against the number of calls, use `expectNoLeak`. A difference, it
   * may read below 0: limits of 0 and below (`-1024`, `'-1KB'`) are accepted.
   */
  growth: HeapLimitMatchers
}

/**
 * Assertions on the heap a benchmark used; the bench must have run with `heap: true`:
 * `expectHeap(await bench('x', fn, { heap: true })).bytesPerOp.toBeLessThan('1KB')`.
 * Each outcome is recorded for the report (PASS, WARN under 10 % headroom, FAIL).
 */
export function expectHeap(result: BenchResult): HeapMatchers {
  refuseExtraArguments('expectHeap()', arguments, ['result'])
  const r = benchResultArgument('expectHeap', result)
  const heap = r.heap
  if (!heap) {
    throw new TypeError(`perfspec: expectHeap() needs a bench run with the "heap" option: bench('${r.name}', fn, { heap: true })`)
  }
  const readings = heap.readings !== undefined ? `(median of ${formatCount(heap.readings)} readings)` : ''
  const bytesPerOp = upperLimits('expectHeap(…).bytesPerOp', (limit: ByteSize, comparator, argument) => {
    const subject = 'heap allocated per call'
    if (!Number.isFinite(heap.bytesPerOp)) unmeasured(r, subject, comparator, parseBytes(limit, argument))
    // A call that allocates nothing reads 0: `toBeLessThanOrEqual(0)` asks for exactly that.
    checkLimit({ benchId: r.id, benchName: r.name, subject, actual: heap.bytesPerOp, limit, argument, parse: parseBytes, zeroMeansNone: true, comparator, unit: 'bytes', format: formatBytes, uncertainty: readings })
  }, withinMatchers(r, { path: 'expectHeap(…).bytesPerOp', subject: 'heap allocated per call', of: (x) => x.heap?.bytesPerOp ?? Number.NaN, rounds: (x) => x.together?.heapRounds, unit: 'bytes', format: formatBytes, offset: HEAP_OFFSET }))
  const growth = upperLimits('expectHeap(…).growth', (limit: ByteSize, comparator, argument) =>
    checkLimit({
      benchId: r.id,
      benchName: r.name,
      subject: 'retained heap growth',
      actual: heap.growth,
      limit,
      argument,
      parse: parseSignedBytes,
      // A difference: the heap may end smaller than it started, so 0 and below are limits too.
      signed: true,
      comparator,
      unit: 'bytes',
      format: formatBytes,
      uncertainty: '(after full collections)',
    }),
  )
  return startChain<HeapMatchers>('expectHeap(…)', { bytesPerOp, growth })
}

/** A byte size that may be negative, for a difference: `-1024`, `'-1KB'`, or any {@link ByteSize}. */
function parseSignedBytes(value: unknown, argument: string): number {
  if (typeof value === 'number' && value < 0) return -parseBytes(-value, argument)
  if (typeof value === 'string' && value.startsWith('-')) return -parseBytes(value.slice(1), argument)
  return parseBytes(value, argument)
}

/**
 * Every reading of the allocation saw a garbage collection (a call allocates more than the young
 * generation holds): there is no figure, so the expectation fails and says why.
 */
function unmeasured(r: BenchResult, subject: string, comparator: string, limit: number): never {
  const message = `${subject} of "${r.name}" could not be measured: a garbage collection ran during every reading, so a call allocates more than a reading can hold; expected ${comparator} ${formatBytes(limit)}`
  recordEntry({ kind: 'expectation', benchId: r.id, subject, comparator, actual: Number.NaN, limit, unit: 'bytes', status: 'FAIL', message }, getTestContext())
  throw new PerfAssertionError(message)
}
