/**
 * `text` with a `›` before it when it would start a GitHub workflow command (`::error …`,
 * `::stop-commands::…`), which the runner reads at the start of any line of the log, after
 * leading spaces too. Names, paths and relayed output are not perfspec's, and must not command
 * the CI; perfspec's own annotations are printed apart.
 */
export function inert(text: string): string {
  return text.trimStart().startsWith('::') ? `› ${text}` : text
}

/** {@link inert} on every line of `text`. */
export function inertLines(text: string): string {
  return text.split('\n').map(inert).join('\n')
}
