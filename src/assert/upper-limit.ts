import { refuseExtraArguments } from '../units/extra-arguments.js'
import { strictMatchers } from './strict-matchers.js'

/** Upper-limit assertions on one figure, with limits of type `L`. */
export interface UpperLimitMatchers<L> {
  /** Passes when the figure is strictly below `limit`. */
  toBeLessThan(limit: L): void
  /** Passes when the figure is at most `limit`. */
  toBeLessThanOrEqual(limit: L): void
}

/**
 * Builds the two upper-limit matchers of the figure reached by `path` (`expectLatency(…).p95`)
 * over one check, which gets the limit, the comparator and the limit's name for messages
 * (`expectLatency(…).p95.toBeLessThan() limit`); `more` adds matchers of the same figure
 * (`toBeWithin`).
 */
export function upperLimits<L, M extends object = object>(path: string, check: (limit: L, comparator: '<' | '<=', argument: string) => void, more?: M): UpperLimitMatchers<L> & M {
  return strictMatchers<UpperLimitMatchers<L> & M>(path, {
    toBeLessThan(limit: L) {
      refuseExtraArguments(`${path}.toBeLessThan()`, arguments, ['limit'])
      check(limit, '<', `${path}.toBeLessThan() limit`)
    },
    toBeLessThanOrEqual(limit: L) {
      refuseExtraArguments(`${path}.toBeLessThanOrEqual()`, arguments, ['limit'])
      check(limit, '<=', `${path}.toBeLessThanOrEqual() limit`)
    },
    ...(more as M),
  })
}
