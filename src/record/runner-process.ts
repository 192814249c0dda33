/**
 * Which runner process a test file belongs to: a runner started by a test (a Vitest or Jest of a
 * fixture) inherits the outer run's variables, and its test files must not act as the outer run's.
 */

/** The process that made a record folder, from its name (`<pid>-xxxxxx`) or its path. */
export function folderOwner(folder: string): number | undefined {
  const pid = Number((folder.split('/').pop() ?? '').split('-')[0])
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

/**
 * Whether `pid` is the runner whose test file runs here: this process (tests in the runner's own
 * process or threads) or its parent (a worker process the runner started).
 */
export function isOwnRunner(pid: number | undefined): boolean {
  return pid !== undefined && (pid === process.pid || pid === process.ppid)
}

/** The name of the temp folder under which runs of `kind` (`jest`, `vitest`) make their record folders: one per user. */
export function recordRootName(kind: string): string {
  const uid = process.getuid?.()
  return `perfspec-${kind}${uid === undefined ? '' : `-${uid}`}`
}
