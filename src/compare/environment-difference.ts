import { TIMING_FIELDS, type Environment, type EnvironmentChange } from '../model/environment.js'

/**
 * How a baseline's environment differs from this run's on what moves timings (CPU model,
 * cores, OS, arch, Node), field by field; `undefined` when they match or the baseline names none.
 */
export function environmentDifference(before: Partial<Environment> | undefined, now: Partial<Environment> | undefined): EnvironmentChange[] | undefined {
  if (!before || !now) return undefined
  const changes: EnvironmentChange[] = []
  for (const field of TIMING_FIELDS) {
    const was = before[field]
    const is = now[field]
    if (was !== undefined && is !== undefined && was !== is) changes.push({ field, before: was, now: is })
  }
  return changes.length ? changes : undefined
}
