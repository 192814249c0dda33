/** Upper-limit assertions on one figure, with limits of type `L`. */
export interface UpperLimitMatchers<L> {
  /** Passes when the figure is strictly below `limit`. */
  toBeLessThan(limit: L): void
  /** Passes when the figure is at most `limit`. */
  toBeLessThanOrEqual(limit: L): void
}

/** Builds the two upper-limit matchers over one check, which gets the comparator and the matcher's name (for messages). */
export function upperLimits<L>(check: (limit: L, comparator: '<' | '<=', matcher: string) => void): UpperLimitMatchers<L> {
  return {
    toBeLessThan: (limit) => check(limit, '<', 'toBeLessThan'),
    toBeLessThanOrEqual: (limit) => check(limit, '<=', 'toBeLessThanOrEqual'),
  }
}
