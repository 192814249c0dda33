/**
 * Something `perfspec ab` cannot get past with what it was given: not a git repository, a base
 * that does not exist, an install that failed, another run holding the lock. The command prints
 * the message as is and exits 2 (nothing could be decided).
 */
export class AbError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AbError'
  }
}
