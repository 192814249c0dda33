/** The package's `bin`: runs the `perfspec` command line and exits with its code. */
import { main } from './main.js'

process.exitCode = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
})
