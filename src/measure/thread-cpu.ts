import { readFileSync, readlinkSync } from 'node:fs'
import { affinityOf, runCommand, setAffinity, type RunCommand } from './cpu-affinity.js'

/**
 * The CPUs of the thread that measures, on Linux: those it may run on, the one it ran on last,
 * and moving it between them.
 *
 * Why: on a shared machine one virtual CPU can run about 1.5 times slower than the other for
 * seconds at a time while the other runs at full speed (docs/regression-gate.md, rule 7). A
 * benchmark measured again on the same CPU after a pause can read slow every time: code that did
 * not change, confirmed as a regression. Measured again on another CPU, it is not.
 */
export interface ThreadCpus {
  /** The CPUs the thread may run on, ascending, as it started. */
  readonly allowed: readonly number[]
  /** The CPU the thread ran on last, when the system says. */
  last(): number | undefined
  /** Lets the thread run on `cpu` only; returns what went wrong, or `undefined`. */
  moveTo(cpu: number): string | undefined
  /** Lets the thread run on every CPU it was allowed at the start again. */
  restore(): void
}

/** What {@link threadCpus} reads and runs; injectable for tests. */
export interface ThreadCpusSystem {
  platform: NodeJS.Platform
  /** The calling thread's id (Linux: from `/proc/thread-self`). */
  threadId: () => number | undefined
  /** The CPU a thread ran on last (Linux: field 39 of `/proc/<id>/task/<id>/stat`). */
  lastCpu: (threadId: number) => number | undefined
  run: RunCommand
}

const linux: ThreadCpusSystem = {
  platform: process.platform,
  threadId: () => {
    try {
      // "<pid>/task/<tid>"; read synchronously, so it is this thread's and not a pool thread's.
      const id = Number(readlinkSync('/proc/thread-self').split('/').pop())
      return Number.isInteger(id) && id > 0 ? id : undefined
    } catch {
      return undefined
    }
  },
  lastCpu: (id) => {
    try {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8')
      // The name (field 2) may hold spaces and parentheses: count fields after its last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const cpu = Number(fields[39 - 3])
      return id > 0 && Number.isInteger(cpu) && cpu >= 0 ? cpu : undefined
    } catch {
      return undefined
    }
  },
  run: runCommand,
}

/**
 * The calling thread's CPUs (see {@link ThreadCpus}), or a string saying why they cannot be known
 * or changed: not Linux, no `taskset`, or a single CPU to run on (a machine of one core, or a
 * thread pinned already, as `perfspec ab` pins its sides).
 */
export function threadCpus(system: ThreadCpusSystem = linux): ThreadCpus | string {
  if (system.platform !== 'linux') return `moving the measuring thread between CPUs needs Linux (this is ${system.platform})`
  const id = system.threadId()
  if (id === undefined) return 'this system does not say which thread measures (/proc/thread-self)'
  const allowed = affinityOf(id, system.run)
  if (typeof allowed === 'string') return allowed
  if (allowed.length < 2) return `the measuring thread may run on one CPU only (${allowed[0]})`
  let moved = false
  return {
    allowed,
    last: () => system.lastCpu(id),
    moveTo: (cpu) => {
      const problem = setAffinity(id, [cpu], false, system.run)
      if (!problem) moved = true
      return problem
    },
    restore: () => {
      if (moved) setAffinity(id, allowed, false, system.run)
      moved = false
    },
  }
}
