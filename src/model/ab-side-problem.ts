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

/**
 * What a measurement says when it refuses to run in a test file of a perfspec run that did not
 * load perfspec's setup (see `missingSetupProblem`): the side's test fails with it, and the A/B run
 * finds it in the runner's output as well.
 */
export const MISSING_SETUP = "does not load perfspec's setup"

/**
 * The first problem a side's runner wrote with {@link sideProblemLine} in `output`, else the first
 * line where a measurement refused for want of perfspec's setup ({@link MISSING_SETUP}); `undefined` when none.
 */
export function sideProblemIn(output: string): string | undefined {
  const at = output.indexOf(PREFIX)
  if (at !== -1) {
    const end = output.indexOf('\n', at)
    return output.slice(at + PREFIX.length, end === -1 ? undefined : end).trim() || undefined
  }
  return output.split('\n').find((line) => line.includes(MISSING_SETUP))?.trim() || undefined
}
