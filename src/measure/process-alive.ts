import { readlinkSync } from 'node:fs'
import os from 'node:os'

/**
 * Whether a process of this machine is alive: `kill(pid, 0)` sends nothing, and `EPERM` means it
 * exists but belongs to someone else. Used to tell what a process that is gone left behind (a
 * Jest run's folder, a `perfspec ab` lock).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Where {@link isAlive} can see: this machine's host name and, on Linux, this process's PID
 * namespace (`/proc/self/ns/pid`). A process of another namespace (a container or sandbox sharing
 * the temporary folder) is invisible to `kill(pid, 0)` and may carry any pid: what it left behind
 * cannot be judged by its pid from here.
 */
export function processView(): string {
  let namespace = ''
  try {
    namespace = readlinkSync('/proc/self/ns/pid')
  } catch {
    // not Linux, or no /proc: host names alone
  }
  return `${os.hostname()} ${namespace}`.trim()
}
