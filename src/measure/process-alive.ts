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
