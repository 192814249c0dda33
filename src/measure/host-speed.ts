import { median } from '../analyse/median.js'
import { systemClock, type Clock } from './clock.js'
import { hostSpeedMemory, type HostSpeedMemory } from './host-speed-memory.js'

/**
 * How fast the host runs this process right now, read between two measurements of a benchmark:
 * a fixed throughput kernel (sums over a small array that stays in the L1 cache) timed in short
 * chunks for a few milliseconds. A shared host runs everything in this process slower for
 * stretches of a tenth of a second to seconds; the kernel slows in those stretches too, so a
 * measurement followed by a slow reading was likely taken in one. Readings are only compared
 * with readings of the same process.
 */
export interface HostSpeedProbe {
  /** Times the kernel for about `ms` (default {@link HOST_PROBE_MS}) and returns the median chunk, ns per element; lower is faster. */
  read(ms?: number): number
  /**
   * The lowest reading so far, ns per element (`Infinity` before the first): of this process, and
   * of this machine's recent processes when the probe has a {@link HostSpeedMemory}.
   */
  readonly best: number
}

/** Length of one reading, ms: long enough for a stable median of chunks, short beside a measurement. */
export const HOST_PROBE_MS = 4

/** Time spent running the kernel before the first reading, ms, so that it is read fully optimised. */
export const HOST_PROBE_WARMUP_MS = 40

const ELEMENTS = 4096
const PASSES = 4

// Every chunk's sum lands here, as the speed reference's kernels do, so no chunk is dead code.
let sink = 0

/**
 * A probe timed with `clock` (default the system clock), its kernel warmed up on the first
 * reading; with `memory`, its best reading is shared with this machine's other recent processes.
 */
export function createHostSpeedProbe(clock: Clock = systemClock, memory?: HostSpeedMemory): HostSpeedProbe {
  const data = new Float64Array(ELEMENTS).map((_, i) => i * 0.5)
  let best = Number.POSITIVE_INFINITY
  let warm = false
  const chunk = (): number => {
    const start = clock.now()
    let sum = 0
    for (let pass = 0; pass < PASSES; pass++) for (let i = 0; i < ELEMENTS; i++) sum += data[i]!
    sink += sum
    return ((clock.now() - start) * 1e6) / (PASSES * ELEMENTS)
  }
  const run = (ms: number): number[] => {
    const end = clock.now() + ms
    const chunks = [chunk()]
    while (clock.now() < end) chunks.push(chunk())
    return chunks
  }
  return {
    read(ms = HOST_PROBE_MS) {
      if (!warm) {
        run(HOST_PROBE_WARMUP_MS)
        warm = true
      }
      const reading = median(run(ms))
      best = Math.min(best, reading)
      memory?.remember(reading)
      return reading
    },
    get best() {
      return Math.min(best, memory?.recall() ?? Number.POSITIVE_INFINITY)
    },
  }
}

let shared: HostSpeedProbe | undefined

/** This process's probe: one per process, its best reading shared with the machine's recent processes. */
export function hostSpeedProbe(): HostSpeedProbe {
  shared ??= createHostSpeedProbe(systemClock, hostSpeedMemory())
  return shared
}
