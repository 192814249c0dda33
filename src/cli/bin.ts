/** The package's `bin`: runs the `perfspec` command line and exits with its code. */
import { main } from './main.js'

// A reader that went away (`perfspec compare … | head`): what is left to print is lost, and the
// exit code stays the command's own; without a listener Node would end with 1, "a regression".
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})

const code = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
})
if (typeof code === 'number') process.exitCode = code
else void code.then((c) => (process.exitCode = c))
