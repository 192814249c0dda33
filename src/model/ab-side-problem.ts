/**
 * How a side's runner under `perfspec ab` tells the A/B run that perfspec could not take what one
 * of its test files measured (a Jest file that loads perfspec's setup but was not handed the run's
 * record folder): one line on its standard error, which the run finds in the runner's output.
 * Its tests may all have passed; the file's benchmarks are missing on that side, which is not a
 * failing test and must not read as one.
 */
const PREFIX = 'perfspec: results not taken: '

/**
 * How a head side's runner tells the A/B run that another tool of its run changed a file of
 * perfspec's in the working tree (a baseline, found as the process exits: see `kept-files.ts`),
 * which a plain run fails on (probe 65 #1).
 */
const CHANGED_PREFIX = 'perfspec: files changed: '

/** The line a head side's runner writes for each file another tool changed (`said`: perfspec's message about it), with its newline. */
export function sideFilesChangedLine(said: string): string {
  return lineOf(CHANGED_PREFIX, said.replace(/^perfspec: /, ''))
}

/** What a side's runner said was wrong with its run of a file (see {@link sideProblemIn}). */
export interface SideProblem {
  problem: string
  /** Another tool of the run changed a file of perfspec's ({@link sideFilesChangedLine}); else perfspec could not take what the file measured. */
  changed?: true
}

/** The line a side's reporter writes for `problem`, with its newline. */
export function sideProblemLine(problem: string): string {
  return lineOf(PREFIX, problem)
}

/** `text` after `prefix` on one line, with its newline. */
function lineOf(prefix: string, text: string): string {
  return `${prefix}${text.replace(/\r?\n/g, ' ')}\n`
}

/**
 * What a measurement says when it refuses to run in a test file of a perfspec run that did not
 * load perfspec's setup (see `missingSetupProblem`): the side's test fails with it, and the A/B run
 * finds it in the runner's output as well.
 */
export const MISSING_SETUP = "does not load perfspec's setup"

/**
 * The first problem a side's runner wrote with {@link sideProblemLine} in `output`, else the
 * first line where a measurement refused for want of perfspec's setup ({@link MISSING_SETUP}),
 * else the files it said another tool changed ({@link sideFilesChangedLine}, joined); `undefined` when none.
 */
export function sideProblemIn(output: string): SideProblem | undefined {
  const line = (prefix: string, at: number) => {
    const end = output.indexOf('\n', at)
    return output.slice(at + prefix.length, end === -1 ? undefined : end).trim()
  }
  const at = output.indexOf(PREFIX)
  if (at !== -1) {
    const problem = line(PREFIX, at)
    if (problem) return { problem }
  }
  const missing = output.split('\n').find((l) => l.includes(MISSING_SETUP))?.trim()
  if (missing) return { problem: missing }
  const changed: string[] = []
  for (let i = output.indexOf(CHANGED_PREFIX); i !== -1; i = output.indexOf(CHANGED_PREFIX, i + 1)) changed.push(line(CHANGED_PREFIX, i))
  const said = changed.filter(Boolean)
  return said.length ? { problem: said.join('; '), changed: true } : undefined
}
