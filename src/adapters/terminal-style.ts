import type { TerminalStyle } from '../report/console-summary.js'

/** Columns when the output is not a terminal (a CI log, a pipe), unless `COLUMNS` says otherwise. */
const DEFAULT_WIDTH = 100

/**
 * The terminal the summary is printed to: colours when it is a TTY, unless `NO_COLOR` is set
 * (any non-empty value), or when `FORCE_COLOR` asks (any value but `0` or `false`); its width from
 * the stream, else `COLUMNS`, else 100. The narrowest width used is 60.
 */
export function terminalStyle(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean; columns?: number }): TerminalStyle {
  const force = env.FORCE_COLOR
  const color = env.NO_COLOR ? false : force !== undefined ? force !== '0' && force !== 'false' : Boolean(stream.isTTY)
  const columns = (stream.isTTY && stream.columns) || Number(env.COLUMNS) || DEFAULT_WIDTH
  return { color, width: Math.max(60, columns) }
}
