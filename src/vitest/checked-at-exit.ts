import { isRunnerCommand } from '../adapters/kept-files.js'

/**
 * Whether this Vitest run's files are checked as its process exits (see `keepRunFiles`): only a
 * run started from Vitest's command line, not in watch mode (whose files the user may change
 * between runs) nor in-process (`startVitest`, which may go on to change them itself).
 */
export function checkedAtExit(config: { watch: boolean }): boolean {
  return !config.watch && isRunnerCommand('vitest')
}
