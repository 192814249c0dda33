import { median } from '../analyse/median.js'
import { systemClock, type Clock } from './clock.js'
import { hostSpeedMemory, type HostSpeedMemory } from './host-speed-memory.js'

/**
 * How fast the host runs this process right now, read between two measurements of a benchmark:
 * a fixed piece of work timed in short chunks for a few milliseconds. Each chunk sums a small
 * array that stays in the L1 cache (the core's own speed) and parses a small fixed JSON document
 * (allocation, strings and objects spread over the caches). A shared host runs this process
 * slower for stretches of a tenth of a second to minutes, and not always evenly: when its
 * neighbours thrash the shared caches, code that allocates or walks memory slows by half or more
 * while arithmetic on data in L1 barely moves, so a kernel of arithmetic alone does not see it
 * (`bench/host-speed-probe.ts` shows both). A measurement followed by a slow reading was likely
 * taken in such a stretch. Readings are only compared with readings of the same kernels.
 */
export interface HostSpeedProbe {
  /** Times the kernels for about `ms` (default {@link HOST_PROBE_MS}) and returns the median chunk, µs; lower is faster. */
  read(ms?: number): number
  /**
   * The lowest reading so far, µs per chunk (`Infinity` before the first): of this process, and
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
// About 2 KB of JSON: 20 records of the shape an API returns. Its parse takes most of a chunk,
// so the reading moves with what slows allocation-heavy code.
const DOCUMENT = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b', 'c'], price: i * 1.25, stock: { shelf: `s-${i % 13}` } })))

// Every chunk's result lands here, as the speed reference's kernels do, so no chunk is dead code.
let sink = 0

/**
 * A probe timed with `clock` (default the system clock), its kernels warmed up on the first
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
    sink += sum + (JSON.parse(DOCUMENT) as unknown[]).length
    return (clock.now() - start) * 1000
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
