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

let home: ReadonlySet<number> | undefined | null = null

/**
 * The CPUs this thread could run on when perfspec first looked ({@link allowedCpus}, read once
 * per thread): before perfspec moved it to one CPU for a measurement (confirmations and
 * baseline measurements run on each CPU in turn). A process kept busy on the other CPU still
 * slows such a measurement (the two vCPUs of a small VM are often one core's hyperthreads);
 * read after the move, the allowed set left it out, and unchanged code measured beside a busy
 * core was failed as a regression in 5 of 10 busy runs of a false-alarm series.
 */
export function homeCpus(): ReadonlySet<number> | undefined {
  if (home === null) home = allowedCpus()
  return home
}

/**
 * Starts watching how much CPU other processes use; the returned function stops and gives it
 * in cores (1: one core kept busy the whole time). It is the non-idle CPU time of the CPUs this
 * thread may run on ({@link homeCpus}: as first read, before perfspec moved it) less this process's own
 * (all its threads, libuv's pool included), over the wall time. The machine's counters tick
 * every 10 ms per core, so short measurements read coarsely; a negative reading is clamped to 0.
 */
export function watchHostLoad(only: ReadonlySet<number> | undefined = homeCpus()): () => number {
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
