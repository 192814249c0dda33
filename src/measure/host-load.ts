import { performance } from 'node:perf_hooks'
import os from 'node:os'

/** CPU time of every core of the machine that was not idle, ms. */
function machineBusyMs(): number {
  let busy = 0
  for (const cpu of os.cpus()) {
    const t = cpu.times
    busy += t.user + t.nice + t.sys + t.irq
  }
  return busy
}

/**
 * Starts watching how much CPU other processes use; the returned function stops and gives it
 * in cores (1: one core kept busy the whole time). It is the machine's non-idle CPU time less
 * this process's own (all its threads, libuv's pool included), over the wall time. The
 * machine's counters tick every 10 ms per core, so short measurements read coarsely; a
 * negative reading is clamped to 0.
 */
export function watchHostLoad(): () => number {
  const wall = performance.now()
  const machine = machineBusyMs()
  const own = process.cpuUsage()
  return () => {
    const elapsed = performance.now() - wall
    if (elapsed <= 0) return 0
    const ownMs = (() => {
      const u = process.cpuUsage(own)
      return (u.user + u.system) / 1000
    })()
    return Math.max(0, (machineBusyMs() - machine - ownMs) / elapsed)
  }
}
