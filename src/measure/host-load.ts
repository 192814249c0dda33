import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import os from 'node:os'
import { parseCpuList } from './cpu-affinity.js'

/** CPU time of the machine's cores that was not idle, ms: of those in `only` when given. */
function machineBusyMs(only: ReadonlySet<number> | undefined): number {
  let busy = 0
  os.cpus().forEach((cpu, index) => {
    if (only && !only.has(index)) return
    const t = cpu.times
    busy += t.user + t.nice + t.sys + t.irq
  })
  return busy
}

/**
 * The CPUs the calling thread may run on, from Linux's `/proc/thread-self/status`
 * (`Cpus_allowed_list`), or `undefined` where it cannot be read (another OS): every CPU then.
 * Work on a CPU this thread may not use (`taskset`, a cpuset, a container on a larger host)
 * does not slow it.
 */
export function allowedCpus(read: (path: string) => string = (path) => readFileSync(path, 'utf8')): ReadonlySet<number> | undefined {
  for (const path of ['/proc/thread-self/status', '/proc/self/status']) {
    try {
      const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(read(path))
      const cpus = line ? parseCpuList(line[1]!) : undefined
      if (cpus?.length) return new Set(cpus)
    } catch {
      // Not Linux, or no such file: try the next, then count every CPU.
    }
  }
  return undefined
}

/**
 * Starts watching how much CPU other processes use; the returned function stops and gives it
 * in cores (1: one core kept busy the whole time). It is the non-idle CPU time of the CPUs this
 * thread may run on ({@link allowedCpus}, read when the watch starts) less this process's own
 * (all its threads, libuv's pool included), over the wall time. The machine's counters tick
 * every 10 ms per core, so short measurements read coarsely; a negative reading is clamped to 0.
 */
export function watchHostLoad(only: ReadonlySet<number> | undefined = allowedCpus()): () => number {
  const wall = performance.now()
  const machineBusy = () => machineBusyMs(only)
  const machine = machineBusy()
  const own = process.cpuUsage()
  return () => {
    const elapsed = performance.now() - wall
    if (elapsed <= 0) return 0
    const ownMs = (() => {
      const u = process.cpuUsage(own)
      return (u.user + u.system) / 1000
    })()
    return Math.max(0, (machineBusy() - machine - ownMs) / elapsed)
  }
}
