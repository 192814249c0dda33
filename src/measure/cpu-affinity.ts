import { spawnSync } from 'node:child_process'

/**
 * The CPUs of a Linux affinity list as `taskset -cp` prints it (`0-3,8,10-11`), ascending;
 * `undefined` when the text is not one.
 */
export function parseCpuList(text: string): number[] | undefined {
  const list = text.trim()
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(list)) return undefined
  const cpus = new Set<number>()
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?]
    if (to! < from) return undefined
    for (let c = from; c <= to!; c++) cpus.add(c)
  }
  return [...cpus].sort((a, b) => a - b)
}

/** Runs a command; its exit code (`null` when it could not start) and what it printed. */
export type RunCommand = (command: string, args: string[]) => { status: number | null; stdout: string }

/** {@link RunCommand} with `child_process.spawnSync`. */
export const runCommand: RunCommand = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8', windowsHide: true })
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '' }
}

/**
 * The CPUs a process or thread (`id`: a Linux pid or thread id) may run on, through Linux's
 * `taskset` (util-linux); a string saying why not when they cannot be read.
 */
export function affinityOf(id: number, run: RunCommand = runCommand): number[] | string {
  const r = run('taskset', ['-cp', String(id)])
  if (r.status !== 0) return 'taskset (util-linux) is not installed'
  // "pid 123's current affinity list: 0,1"
  const cpus = parseCpuList(r.stdout.slice(r.stdout.lastIndexOf(':') + 1))
  return cpus?.length ? cpus : `taskset printed an affinity list perfspec cannot read: ${r.stdout.trim()}`
}

/**
 * Sets the CPUs a process or thread may run on (`all`: every thread of process `id`, those it
 * starts later included). Returns what went wrong, or `undefined`.
 */
export function setAffinity(id: number, cpus: readonly number[], all: boolean, run: RunCommand = runCommand): string | undefined {
  const r = run('taskset', [...(all ? ['-a'] : []), '-cp', cpus.join(','), String(id)])
  return r.status === 0 ? undefined : `taskset could not move ${all ? 'process' : 'thread'} ${id} to CPU ${cpus.join(',')} (exit code ${r.status})`
}
