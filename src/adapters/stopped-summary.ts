import { writeSync } from 'node:fs'

/**
 * Writes the console summary of a run stopped mid-way, then its GitHub annotations (the stop
 * among them: a cancelled or timed-out job says why), to standard output at once: the process
 * ends right after, and what `process.stdout.write` leaves pending on a pipe (Jest's default
 * reporter holds the output back) would be lost. Falls back to the stream when the descriptor
 * cannot be written (it is not a file descriptor in some environments).
 */
export function writeStoppedSummary(outcome: { console: string; annotations: readonly string[] }): void {
  const text = [outcome.console, ...outcome.annotations].map((line) => `${line}\n`).join('')
  try {
    writeSync(1, text)
  } catch {
    process.stdout.write(text)
  }
}
