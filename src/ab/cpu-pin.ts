import { spawnSync } from 'node:child_process'

/**
 * Where both sides of an A/B run measure: one CPU for both, when the system lets perfspec say so.
 *
 * Why: on a shared machine one core can run slower than the other for seconds at a time (a busy
 * neighbour on its host's twin thread). Two processes on different cores then differ for whole
 * stretches of blocks, one side only, and taking turns cannot cancel it; on one core, a slow
 * stretch slows both sides' blocks alike. The sides take turns, so sharing a core costs no time.
 */
export type CpuPin =
  /** The test processes of both sides that measure run on `cpu` (see {@link pinProcess}). */
  | { cpu: number }
  /** Not pinned, and why. */
  | { cpu?: undefined; why: string }

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

const runCommand: RunCommand = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8', windowsHide: true })
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '' }
}

/**
 * Decides the CPU both sides measure on: the last of those this process may run on, through
 * Linux's `taskset` (util-linux). Only the processes that measure are pinned (as they connect),
 * so that the runners' start-up, the coordinator and the rest keep every CPU.
 * Elsewhere, or without `taskset`, the sides are not pinned and the reason says so.
 *
 * @param run - runs a command and returns its exit code and output (injectable for tests)
 */
export function chooseCpuPin(platform: NodeJS.Platform = process.platform, run: RunCommand = runCommand): CpuPin {
  if (platform !== 'linux') return { why: `pinning the sides to one CPU needs Linux (this is ${platform})` }
  const r = run('taskset', ['-cp', String(process.pid)])
  if (r.status !== 0) return { why: 'taskset (util-linux) is not installed' }
  // "pid 123's current affinity list: 0,1"
  const cpus = parseCpuList(r.stdout.slice(r.stdout.lastIndexOf(':') + 1))
  if (!cpus?.length) return { why: `taskset printed an affinity list perfspec cannot read: ${r.stdout.trim()}` }
  const cpu = cpus[cpus.length - 1]!
  return { cpu }
}

/**
 * Moves process `pid`, every thread of it (V8's compiler and collector threads too), to `cpu`;
 * threads it starts later inherit it. Returns what went wrong, or `undefined`.
 */
export function pinProcess(pid: number, cpu: number, run: RunCommand = runCommand): string | undefined {
  const r = run('taskset', ['-a', '-cp', String(cpu), String(pid)])
  return r.status === 0 ? undefined : `taskset could not move process ${pid} to CPU ${cpu} (exit code ${r.status})`
}
