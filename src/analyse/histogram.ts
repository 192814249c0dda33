// In this order: hdr-histogram-js needs a TextDecoder as it loads (see `text-decoder-lend.ts`).
import './text-decoder-lend.js'
import * as hdr from 'hdr-histogram-js'
import './text-decoder-return.js'

/** Values are stored in picoseconds so that sub-nanosecond batched means keep 3 digits. */
const PS_PER_MS = 1e9

/** HDR histogram of latencies in milliseconds, bounded in memory whatever the sample count. */
export class LatencyHistogram {
  private readonly histogram: hdr.Histogram

  constructor() {
    this.histogram = hdr.build({
      bitBucketSize: 32,
      autoResize: true,
      lowestDiscernibleValue: 1,
      highestTrackableValue: 1e9, // 1 ms, grows on demand
      numberOfSignificantValueDigits: 3,
      useWebAssembly: false,
    })
  }

  /** Records one latency (ms). Values below 1 ps are recorded as 1 ps. */
  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * PS_PER_MS)))
  }

  /** Number of recorded values. */
  get count(): number {
    return this.histogram.totalCount
  }

  /** The value (ms) at percentile `p` in 0..100. */
  percentile(p: number): number {
    return this.histogram.getValueAtPercentile(p) / PS_PER_MS
  }

  /** The whole distribution, compressed and base64-encoded (HdrHistogram's portable format). */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.histogram)
  }

  /** Rebuilds a histogram from {@link LatencyHistogram.encode}'s output. */
  static decode(base64: string): LatencyHistogram {
    const decoded = hdr.decodeFromCompressedBase64(base64, 32, false)
    const result = new LatencyHistogram()
    result.histogram.add(decoded)
    return result
  }

  /** The recorded values as `[value ms, count]` pairs, in increasing order of value. */
  buckets(): Array<[number, number]> {
    // The iterator lives on the JS implementation only (useWebAssembly is false above).
    const iterator = (this.histogram as unknown as { recordedValuesIterator: RecordedValues }).recordedValuesIterator
    const output: Array<[number, number]> = []
    iterator.reset()
    while (iterator.hasNext()) {
      const step = iterator.next()
      output.push([step.valueIteratedTo / PS_PER_MS, step.countAtValueIteratedTo])
    }
    return output
  }
}

interface RecordedValues {
  reset(): void
  hasNext(): boolean
  next(): { valueIteratedTo: number; countAtValueIteratedTo: number }
}
