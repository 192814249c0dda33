/** Where a run (or a baseline) was measured. */
export interface Environment {
  os: string
  arch: string
  cpu: string
  cores: number
  /** Total memory, bytes. */
  memory: number
  node: string
  runner?: string
  /** Git commit of the working tree, when it is a git checkout. */
  commit?: string
  ci: boolean
  /** The machine's speed reference, when it was measured: see {@link MachineSpeed}. */
  speed?: MachineSpeed
}

/**
 * How fast a machine ran a short fixed piece of work: ns per unit (lower is faster), and the
 * version of that work (figures of different versions are not compared).
 */
export interface MachineSpeed {
  ns: number
  version: number
}

/**
 * The fields of an environment that make a machine another one for timings, in the order a
 * difference is reported. `os` is compared by its kind (`Linux`, not the kernel build) and
 * `node` by its major version: patch releases and VM images move timings far less than noise.
 */
export const TIMING_FIELDS = ['cpu', 'cores', 'os', 'arch', 'node'] as const

/** One field in which a baseline's environment differs from this run's. */
export interface EnvironmentChange {
  field: (typeof TIMING_FIELDS)[number]
  before: string | number
  now: string | number
}

/** How a baseline's machine differs from this run's: its fingerprint and its measured speed. */
export interface MachineDifference {
  /** Fingerprint fields that differ. */
  changes: EnvironmentChange[]
  /** This machine's speed reference over the baseline's (2: this machine takes twice as long), when both were measured. */
  speedRatio?: number
  /** True when the fingerprint differs or the speed is off by more than the tolerance: another machine. */
  other: boolean
}
