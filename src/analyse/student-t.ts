import jStat from 'jstat'

/**
 * The `p` quantile of Student's t distribution with `df` degrees of freedom (jStat's inverse of
 * the regularised incomplete beta, about a microsecond a call); `Infinity` for `df` below 1.
 */
export function tQuantile(p: number, df: number): number {
  if (!(df >= 1)) return Number.POSITIVE_INFINITY
  return jStat.studentt.inv(p, df)
}

/** Two-sided 95 % critical values for 1..30 degrees of freedom, computed once. */
const T95 = Array.from({ length: 30 }, (_, i) => tQuantile(0.975, i + 1))

/**
 * Two-sided 95 % critical value of Student's t for `df` degrees of freedom: a table up to 30,
 * then the Cornish–Fisher expansion around the normal quantile (error < 0.001). Cheap, because
 * the stopping rule asks for it after every sample, with one more degree of freedom each time.
 */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return Number.POSITIVE_INFINITY
  if (df <= 30) return T95[Math.floor(df) - 1]!
  const z = 1.959964
  const z3 = z ** 3
  const z5 = z ** 5
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
}
