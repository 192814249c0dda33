/**
 * Runs a check as the process exits, after every `'exit'` listener: a tool of the run (a reporter
 * listed after perfspec's) may add one late and write to perfspec's files from it, and Node runs
 * exit listeners in the order they were added, so a listener of perfspec's own would run before it
 * (probe 82 #1). A listener that ends the process itself, as Jest's `--forceExit` does through
 * `exit-x` (`process.exit` inside an exit listener ends the process at once), has the check run
 * first, and cannot set a failing exit code back to 0 (probe 70 #1).
 *
 * A tool that wraps `process.emit` after this one (`signal-exit`'s `onExit`) runs its handlers
 * after the check: that is the limit of being last. One that puts back the `process.emit` it found
 * earlier drops the wrapper: an exit listener of perfspec's, added at the same time, then runs the
 * check where it stands among the listeners, as before.
 */

type Emit = (this: NodeJS.Process, event: string | symbol, ...args: unknown[]) => boolean

let check: (() => void) | undefined
let installed = false
let failing = false
let wrapperExiting = false

/**
 * Sets `run` as the check of the process's exit (replacing an earlier one), and installs, once,
 * what runs it: `process.emit` wrapped for `'exit'`, so the check follows the listeners.
 */
export function checkAfterExitListeners(run: () => void): void {
  check = run
  if (installed) return
  installed = true
  const emit = process.emit as unknown as Emit
  const wrapped: Emit = function (this: NodeJS.Process, event, ...args) {
    if (event !== 'exit') return emit.call(this, event, ...args)
    wrapperExiting = true
    guardExit()
    try {
      return emit.call(this, event, ...args)
    } finally {
      runCheck()
    }
  }
  process.emit = wrapped as unknown as typeof process.emit
  process.on('exit', () => {
    if (wrapperExiting) return
    guardExit()
    runCheck()
  })
}

/**
 * Sets the exit code to 1 and keeps it failing for the rest of the exit: a later `process.exit(0)`
 * (exit-x's, from its listener) exits 1. A later exit with a failing code of its own keeps that code.
 */
export function keepExitFailing(): void {
  failing = true
  if (!process.exitCode) process.exitCode = 1
}

function runCheck(): void {
  const run = check
  check = undefined
  run?.()
}

/** From here on, `process.exit` runs the check before it ends the process, and keeps a failing code. */
function guardExit(): void {
  const exit = process.exit.bind(process)
  process.exit = ((code?: string | number | null) => {
    runCheck()
    return exit(failing && (code === undefined || code === null || Number(code) === 0) ? 1 : code)
  }) as typeof process.exit
}
