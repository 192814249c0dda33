/**
 * Runs a check as the process exits, after every `'exit'` listener and every exit handler that
 * another tool runs from a wrapper of `process.emit`: a tool of the run (a reporter listed after
 * perfspec's) may add one late and write to perfspec's files from it. Node runs exit listeners in
 * the order they were added (probe 82 #1), and `signal-exit`'s `onExit`, set up late, wraps
 * `process.emit` and runs its handlers after the listeners (probe 83 #1). So `process.emit` stays
 * perfspec's wrapper, whatever is set over it later: what is set goes inside it and runs as it
 * would have. A listener that ends the process itself, as Jest's `--forceExit` does through
 * `exit-x` (`process.exit` inside an exit listener ends the process at once), has the check run
 * first, and cannot set a failing exit code back to 0 (probe 70 #1).
 *
 * What defines `process.emit` anew (`Object.defineProperty`) rather than setting it puts the
 * wrapper out; an exit listener of perfspec's, added at the same time, then runs the check where
 * it stands among the listeners.
 */

type Emit = (this: NodeJS.Process, event: string | symbol, ...args: unknown[]) => boolean

let check: (() => void) | undefined
let installed = false
let failing = false
let wrapperExiting = false

/**
 * Sets `run` as the check of the process's exit (replacing an earlier one), and installs, once,
 * what runs it: `process.emit` wrapped for `'exit'` (see {@link wrapEmit}), and a listener that
 * runs it where the wrapper was put out.
 */
export function checkAfterExitListeners(run: () => void): void {
  check = run
  if (installed) return
  installed = true
  wrapEmit()
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

/**
 * Makes `process.emit` an accessor that always gives perfspec's wrapper. What a tool sets over it
 * is kept in `chain`, in order, above the `process.emit` that was there: the wrapper calls the
 * last one set; when that calls what it read as `process.emit` (the wrapper again) to go on, the
 * wrapper calls the one below it, down to the first. Setting back what one read, or a function of
 * the chain, takes off what was set over it, as it would have.
 */
function wrapEmit(): void {
  const chain: Emit[] = [process.emit as unknown as Emit]
  // The index in `chain` of the function running inside the wrapper; -1 when none.
  let level = -1
  const wrapper: Emit = function (this: NodeJS.Process, event, ...args) {
    const saved = level
    // Above the first, a call back from a function of the chain going on to the next.
    const within = level > 0
    level = within ? level - 1 : chain.length - 1
    const exit = !within && event === 'exit'
    if (exit) {
      wrapperExiting = true
      guardExit()
    }
    try {
      return chain[level]!.call(this, event, ...args)
    } finally {
      level = saved
      if (exit) runCheck()
    }
  }
  Object.defineProperty(process, 'emit', {
    configurable: true,
    enumerable: false,
    get: () => wrapper,
    set: (value: unknown) => {
      if (value === wrapper) {
        if (chain.length > 1) chain.pop()
        return
      }
      const at = chain.indexOf(value as Emit)
      if (at >= 0) chain.length = at + 1
      else if (typeof value === 'function') chain.push(value as Emit)
    },
  })
}
