import jStat from 'jstat'

/**
 * The `p` quantile of Student's t distribution with `df` degrees of freedom (jStat's inverse of
 * the regularised incomplete beta); `Infinity` for `df` below 1.
 */
export function tQuantile(p: number, df: number): number {
  if (!(df >= 1)) return Number.POSITIVE_INFINITY
  return jStat.studentt.inv(p, df)
}

/** Two-sided 95 % critical value of Student's t for `df` degrees of freedom. */
export function tCritical95(df: number): number {
  return tQuantile(0.975, df)
}
