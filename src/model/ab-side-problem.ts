/**
 * How a side's runner under `perfspec ab` tells the A/B run that perfspec could not take what one
 * of its test files measured (a Jest file that loads perfspec's setup but was not handed the run's
 * record folder): one line on its standard error, which the run finds in the runner's output.
 * Its tests may all have passed; the file's benchmarks are missing on that side, which is not a
 * failing test and must not read as one.
 */
const PREFIX = 'perfspec: results not taken: '

/** The line a side's reporter writes for `problem`, with its newline. */
export function sideProblemLine(problem: string): string {
  return `${PREFIX}${problem.replace(/\r?\n/g, ' ')}\n`
}

/** The first problem a side's runner wrote with {@link sideProblemLine} in `output`; `undefined` when none. */
export function sideProblemIn(output: string): string | undefined {
  const at = output.indexOf(PREFIX)
  if (at === -1) return undefined
  const end = output.indexOf('\n', at)
  return output.slice(at + PREFIX.length, end === -1 ? undefined : end).trim() || undefined
}
