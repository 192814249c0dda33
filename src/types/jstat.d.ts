/** The part of jStat (no types of its own) that perfspec uses. */
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** The `p` quantile of Student's t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number
    }
  }
  export default jStat
}
