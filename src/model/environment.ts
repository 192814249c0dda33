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
}

/** The fields of an environment that move timings, in the order a difference is reported. */
export const TIMING_FIELDS = ['cpu', 'cores', 'os', 'arch', 'node'] as const

/** One field in which a baseline's environment differs from this run's. */
export interface EnvironmentChange {
  field: (typeof TIMING_FIELDS)[number]
  before: string | number
  now: string | number
}
