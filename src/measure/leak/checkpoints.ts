import v8 from 'node:v8'
import { collectFully } from '../gc.js'

/**
 * Where a leak check gets its heap figures. The default reads the real heap; tests inject
 * synthetic series to drive the decision logic deterministically.
 */
export interface HeapProbe {
  /** One full garbage collection after a macrotask boundary. */
  collect(): Promise<void>
  /** Bytes of heap in use right now. */
  read(): number
}

/**
 * The real heap: a full collection after a macrotask boundary, and V8's used heap size, which
 * equals `process.memoryUsage().heapUsed` without the cost of reading the resident set size.
 */
export const nodeHeapProbe: HeapProbe = {
  collect: () => collectFully(1),
  read: () => v8.getHeapStatistics().used_heap_size,
}

/**
 * Retained heap now. Two collections across task boundaries come first (weak references are
 * only released after the task that used them, and finalizers free more on the next pass);
 * then `readings` readings, each after one more collection, of which the least is kept: work
 * the check does not control (a timer, the test runner's messages) can only add to a reading.
 */
export async function retainedHeap(probe: HeapProbe, readings: number): Promise<number> {
  await probe.collect()
  let least = Number.POSITIVE_INFINITY
  for (let r = 0; r < readings; r++) {
    await probe.collect()
    const bytes = probe.read()
    if (bytes < least) least = bytes
  }
  return least
}

/**
 * A heap series with its storage allocated up front: growing a JS array while measuring
 * would itself show up as a few bytes retained per call.
 */
export class CheckpointSeries {
  /** Cumulative calls at each checkpoint. */
  readonly calls: Float64Array
  /** Retained heap bytes at each checkpoint. */
  readonly heap: Float64Array
  private filled = 0

  constructor(readonly capacity: number) {
    this.calls = new Float64Array(capacity)
    this.heap = new Float64Array(capacity)
  }

  /** Checkpoints recorded so far. */
  get length(): number {
    return this.filled
  }

  /** Records one checkpoint; ignored past `capacity` (warm-up rounds reuse a scratch series). */
  record(calls: number, heapBytes: number): void {
    if (this.filled >= this.capacity) return
    this.calls[this.filled] = calls
    this.heap[this.filled] = heapBytes
    this.filled += 1
  }

  /** Forgets the recorded checkpoints, keeping the storage. */
  reset(): void {
    this.filled = 0
  }

  /** The checkpoints as `[calls, heap bytes]` pairs, for reports. */
  toPairs(): Array<[number, number]> {
    return Array.from({ length: this.filled }, (_, i): [number, number] => [this.calls[i]!, this.heap[i]!])
  }
}
