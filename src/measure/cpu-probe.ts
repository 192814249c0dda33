import { sampleProcessCpu, type ProcessCpuSampler } from './cpu-of-pid.js'
import type { Probe } from './sampler.js'

/** CPU time over a benchmark's sampling phase. All times in ms. */
export interface CpuFigures {
  /** User-mode CPU time, ms. */
  user: number
  /** Kernel-mode CPU time, ms. */
  system: number
  /** CPU time per call (user + system) / calls, ms. */
  perOp: number
  /** CPU time over wall time, as a fraction of one core (can exceed 1 with several threads). */
  utilization: number
}

/** A probe that leaves its figures in `figures` once stopped. */
export type CpuProbe = Probe & { figures?: CpuFigures }

function figuresOf(user: number, system: number, ops: number, wall: number): CpuFigures {
  return { user, system, perOp: ops > 0 ? (user + system) / ops : 0, utilization: wall > 0 ? (user + system) / wall : 0 }
}

/** CPU of this process, from `process.cpuUsage()` around the sampling phase. */
export function selfCpuProbe(): CpuProbe {
  let start: NodeJS.CpuUsage | undefined
  const probe: CpuProbe = {
    start() {
      start = process.cpuUsage()
    },
    stop(ops, wall) {
      const used = process.cpuUsage(start)
      probe.figures = figuresOf(used.user / 1000, used.system / 1000, ops, wall)
    },
  }
  return probe
}

/** CPU of another process (a server under test) by pid, through `pidusage`. */
export function processCpuProbe(pid: number): CpuProbe {
  let sampler: ProcessCpuSampler | undefined
  const probe: CpuProbe = {
    async start() {
      sampler = await sampleProcessCpu(pid)
    },
    async stop(ops, wall) {
      if (!sampler) return
      const { user, system } = await sampler.stop()
      probe.figures = figuresOf(user, system, ops, wall)
    },
  }
  return probe
}
