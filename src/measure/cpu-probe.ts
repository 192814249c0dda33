import type { Probe } from './sampler.js'

/** CPU time of this process over a benchmark's sampling phase. All times in ms. */
export interface CpuFigures {
  /** User-mode CPU time, ms. */
  user: number
  /** Kernel-mode CPU time, ms. */
  system: number
  /** CPU time per call (user + system) / calls, ms. */
  perOp: number
  /** CPU time over wall time, as a fraction of one core (can exceed 1 with worker threads). */
  utilization: number
}

/** A probe that reads `process.cpuUsage()` around the sampling phase. */
export function selfCpuProbe(): Probe & { figures?: CpuFigures } {
  let start: NodeJS.CpuUsage | undefined
  const probe: Probe & { figures?: CpuFigures } = {
    start() {
      start = process.cpuUsage()
    },
    stop(ops, wall) {
      const used = process.cpuUsage(start)
      const user = used.user / 1000
      const system = used.system / 1000
      probe.figures = { user, system, perOp: ops > 0 ? (user + system) / ops : 0, utilization: wall > 0 ? (user + system) / wall : 0 }
    },
  }
  return probe
}
