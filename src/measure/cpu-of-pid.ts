import { readFile } from 'node:fs/promises'
import pidusage from 'pidusage'

/** CPU time a process used, milliseconds. */
export interface ProcessCpu {
  /** In user mode, ms. */
  user: number
  /** In the kernel on the process's behalf, ms. */
  system: number
}

/** A running CPU measurement of one process. */
export interface ProcessCpuSampler {
  /** Ends the measurement: CPU the process used since `sampleProcessCpu` resolved, ms. */
  stop(): Promise<ProcessCpu>
}

interface Reading {
  /** Cumulative user + system ms, as pidusage reports it. */
  total: number
  /** Cumulative user and system clock ticks, where the OS exposes them (Linux `/proc`). */
  ticks?: { user: number; system: number }
}

/**
 * Starts measuring the CPU time of another process (a server under test, a worker), by pid.
 * Totals come from `pidusage`, which works on Linux, macOS and Windows. pidusage reports user
 * and system time only as their sum; where `/proc/<pid>/stat` is readable its tick counters
 * split that sum, elsewhere all of it is reported as `user`.
 *
 * Rejects when no process has that pid.
 */
export async function sampleProcessCpu(pid: number): Promise<ProcessCpuSampler> {
  if (!Number.isInteger(pid) || pid <= 0) throw new TypeError(`perfspec: cpu.pid must be a process id such as 12345; received ${String(pid)}`)
  const start = await read(pid)
  return {
    async stop() {
      try {
        const end = await read(pid)
        const total = Math.max(0, end.total - start.total)
        if (!start.ticks || !end.ticks) return { user: total, system: 0 }
        const user = end.ticks.user - start.ticks.user
        const system = end.ticks.system - start.ticks.system
        const ticks = user + system
        if (ticks <= 0) return { user: total, system: 0 }
        return { user: (total * user) / ticks, system: (total * system) / ticks }
      } finally {
        // pidusage keeps per-pid history (and an open file) between calls; drop it.
        pidusage.clear()
      }
    },
  }
}

async function read(pid: number): Promise<Reading> {
  const [stats, ticks] = await Promise.all([
    pidusage(pid).catch((error: unknown) => {
      // pidusage's own words ("No matching pid found") name neither the pid nor the option.
      if (error instanceof Error && /no matching pid/i.test(error.message)) throw new Error(`option "cpu.pid" ${pid}: no such process (it may have exited before or during the measurement); pass the pid of a process that runs while the benchmark measures`)
      throw error
    }),
    procTicks(pid),
  ])
  return ticks ? { total: stats.ctime, ticks } : { total: stats.ctime }
}

/** utime and stime of `/proc/<pid>/stat` (fields 14 and 15), or undefined off Linux. */
async function procTicks(pid: number): Promise<{ user: number; system: number } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces and parentheses: count from its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const user = Number(fields[11])
    const system = Number(fields[12])
    return Number.isFinite(user) && Number.isFinite(system) ? { user, system } : undefined
  } catch {
    return undefined
  }
}
