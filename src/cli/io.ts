/** Where a command writes and what environment it sees; injectable so commands can be tested in-process. */
export interface CommandIO {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
  /** The folder the command runs in. Default `process.cwd()`. */
  cwd?: string
}

/** Bad command-line usage: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** A command that cannot do its job with what it was given (files it cannot use or write): printed as is, exit code 2. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CommandError'
  }
}
