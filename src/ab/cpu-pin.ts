import { affinityOf, runCommand, setAffinity, type RunCommand } from '../measure/cpu-affinity.js'

export { parseCpuList, type RunCommand } from '../measure/cpu-affinity.js'

/** Most lanes of an A/B run: test files measured at once, each on a CPU of its own. */
export const MAX_AB_LANES = 2

/**
 * Where the sides of an A/B run measure: both sides of a file on one CPU, when the system lets
 * perfspec say so; and, with two CPUs or more, two files at once (two lanes), each on its own CPU.
 *
 * Why one CPU per file: on a shared machine one core can run slower than the other for seconds
 * at a time (a busy neighbour on its host's twin thread). Two processes on different cores then
 * differ for whole stretches of blocks, one side only, and taking turns cannot cancel it; on one
 * core, a slow stretch slows both sides' blocks alike. The sides take turns, so sharing a core
 * costs no time; the other core measures another file meanwhile, its load falling on both sides
 * of this one alike.
 */
export type CpuPin =
  /**
   * One lane per CPU in `cpus` (in order: lane 1 on the first): the test processes of both sides
   * of the lane's file that measure run on its CPU (see {@link pinProcess}).
   */
  | { cpus: number[] }
  /** Not pinned, one lane, and why. */
  | { cpus?: undefined; why: string }

/**
 * Decides the CPUs the sides measure on: the last {@link MAX_AB_LANES} of those this process may
 * run on (the last first), through Linux's `taskset` (util-linux). Only the processes that
 * measure are pinned (as they connect), so that the runners' start-up, the coordinator and the
 * rest keep every CPU. Elsewhere, or without `taskset`, the sides are not pinned, one file
 * measures at a time, and the reason says so.
 *
 * @param run - runs a command and returns its exit code and output (injectable for tests)
 */
export function chooseCpuPin(platform: NodeJS.Platform = process.platform, run: RunCommand = runCommand): CpuPin {
  if (platform !== 'linux') return { why: `pinning the sides to one CPU needs Linux (this is ${platform})` }
  const cpus = affinityOf(process.pid, run)
  if (typeof cpus === 'string') return { why: cpus }
  return { cpus: cpus.slice(-MAX_AB_LANES).reverse() }
}

/**
 * Moves process `pid`, every thread of it (V8's compiler and collector threads too), to `cpu`;
 * threads it starts later inherit it. Returns what went wrong, or `undefined`.
 */
export function pinProcess(pid: number, cpu: number, run: RunCommand = runCommand): string | undefined {
  return setAffinity(pid, [cpu], true, run)
}
