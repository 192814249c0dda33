import { statSync } from 'node:fs'
import { join } from 'pathe'
import { atomicWriteProblem, writeFileAtomic } from '../run/atomic-write.js'
import { outputRefusal, type OutputKind } from '../run/own-output.js'
import { CommandError } from './io.js'

/**
 * Writes a command's `--output` whole or not at all (a CI step may read it next), never over a
 * file perfspec did not write (a mistyped `-o package.json`), as the reporter does, unless
 * `force`; a FIFO, a device or a directory is refused even then.
 *
 * @param kind - what the command writes, to recognise a file perfspec wrote of that kind
 * @param example - a file name to suggest, e.g. `bench.bmf.json`
 * @throws CommandError naming the path
 */
export function writeOutput(output: string, text: string, kind: OutputKind, example: string, force: boolean): void {
  let directory = false
  try {
    directory = statSync(output, { throwIfNoEntry: false })?.isDirectory() ?? false
  } catch {
    // A path through a file: the write below says so.
  }
  // Said before writing: the temporary file of the write goes beside its target, in the
  // directory's parent, where a failure would be about the parent.
  if (directory) throw new CommandError(`--output ${output} is a directory; give a file path, e.g. --output ${join(output, example)}`)
  const refused = outputRefusal(kind, output)
  if (refused && !(force && refused.forcible)) throw new CommandError(`--output ${output}: ${refused.problem}${refused.forcible ? '; --force replaces it' : ''}`)
  try {
    writeFileAtomic(output, text)
  } catch (error) {
    throw new CommandError(`--output ${output} cannot be written: ${atomicWriteProblem(error)}`)
  }
}
