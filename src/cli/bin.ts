/** The package's `bin`: runs the `perfspec` command line and exits with its code. */
import { main } from './main.js'

const code = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
})
if (typeof code === 'number') process.exitCode = code
else void code.then((c) => (process.exitCode = c))
