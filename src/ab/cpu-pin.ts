import { affinityOf, runCommand, setAffinity, type RunCommand } from '../measure/cpu-affinity.js'

export { parseCpuList, type RunCommand } from '../measure/cpu-affinity.js'

/**
 * Where both sides of an A/B run measure: one CPU for both, when the system lets perfspec say so.
 *
 * Why: on a shared machine one core can run slower than the other for seconds at a time (a busy
 * neighbour on its host's twin thread). Two processes on different cores then differ for whole
 * stretches of blocks, one side only, and taking turns cannot cancel it; on one core, a slow
 * stretch slows both sides' blocks alike. The sides take turns, so sharing a core costs no time
 * while they do; the rest of a test file (its other tests, benchmarks measured alone) runs on every
 * CPU, the two sides at once, as in a plain run.
 */
export type CpuPin =
  /**
   * The test processes of both sides run on `cpu` while they take turns (see {@link pinProcess}),
   * and on `cpus`, every CPU perfspec may use, otherwise (see {@link releaseProcess}).
   */
  | { cpu: number; cpus: number[] }
  /** Not pinned, and why. */
  | { cpu?: undefined; why: string }

/**
 * Decides the CPU both sides measure on: the last of those this process may run on, through
 * Linux's `taskset` (util-linux). Only the processes that take turns are pinned, while they do,
 * so that the runners' start-up, the rest of the tests, the coordinator and the rest keep every CPU.
 * Elsewhere, or without `taskset`, the sides are not pinned and the reason says so.
 *
 * @param run - runs a command and returns its exit code and output (injectable for tests)
 */
export function chooseCpuPin(platform: NodeJS.Platform = process.platform, run: RunCommand = runCommand): CpuPin {
  if (platform !== 'linux') return { why: `pinning the sides to one CPU needs Linux (this is ${platform})` }
  const cpus = affinityOf(process.pid, run)
  if (typeof cpus === 'string') return { why: cpus }
  const cpu = cpus[cpus.length - 1]!
  return { cpu, cpus }
}

/**
 * Moves process `pid`, every thread of it (V8's compiler and collector threads too), to `cpu`;
 * threads it starts later inherit it. Returns what went wrong, or `undefined`.
 */
export function pinProcess(pid: number, cpu: number, run: RunCommand = runCommand): string | undefined {
  return setAffinity(pid, [cpu], true, run)
}

/**
 * Lets process `pid`, every thread of it, run on `cpus` again (every CPU perfspec may use) after
 * its turns. Returns what went wrong, or `undefined`.
 */
export function releaseProcess(pid: number, cpus: readonly number[], run: RunCommand = runCommand): string | undefined {
  return setAffinity(pid, cpus, true, run)
}
