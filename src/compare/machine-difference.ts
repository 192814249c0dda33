import { TIMING_FIELDS, type Environment, type EnvironmentChange, type MachineDifference } from '../model/environment.js'

/**
 * How far a machine's speed reference may be from a baseline's before it counts as another
 * machine: a factor either way. The speed of one shared machine drifts by some tens of percent
 * over seconds; machines of different classes differ by more.
 */
export const SPEED_TOLERANCE = 1.25

/** The value a fingerprint field is compared by: the OS kind without its build, Node's major version. */
function fingerprintOf(env: Partial<Environment>, field: (typeof TIMING_FIELDS)[number]): string | number | undefined {
  const value = env[field]
  if (value === undefined) return undefined
  if (field === 'os') return String(value).split(' ')[0]
  if (field === 'node') return String(value).replace(/^v/, '').split('.')[0]
  return value
}

/**
 * How a baseline's environment differs from this run's on what moves timings (CPU model,
 * cores, OS kind, arch, Node major), field by field, showing the full values; `undefined` when
 * they match or either side names none.
 */
export function environmentDifference(before: Partial<Environment> | undefined, now: Partial<Environment> | undefined): EnvironmentChange[] | undefined {
  if (!before || !now) return undefined
  const changes: EnvironmentChange[] = []
  for (const field of TIMING_FIELDS) {
    const was = fingerprintOf(before, field)
    const is = fingerprintOf(now, field)
    if (was !== undefined && is !== undefined && was !== is) changes.push({ field, before: before[field]!, now: now[field]! })
  }
  return changes.length ? changes : undefined
}

/**
 * Whether a baseline was taken on another machine: its fingerprint differs, or both carry a
 * speed reference of the same version and this machine's is off by more than
 * {@link SPEED_TOLERANCE} either way. `undefined` when the baseline names no environment.
 */
export function machineDifference(before: Partial<Environment> | undefined, now: Partial<Environment> | undefined): MachineDifference | undefined {
  if (!before || !now) return undefined
  const changes = environmentDifference(before, now) ?? []
  const a = before.speed
  const b = now.speed
  const speedRatio = a && b && a.version === b.version && a.ns > 0 && b.ns > 0 ? b.ns / a.ns : undefined
  const slowOrFast = speedRatio !== undefined && (speedRatio > SPEED_TOLERANCE || speedRatio < 1 / SPEED_TOLERANCE)
  return { changes, ...(speedRatio !== undefined && { speedRatio }), other: changes.length > 0 || slowOrFast }
}
