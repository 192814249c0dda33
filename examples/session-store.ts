/** A session store with a bounded history: the code under test in `session-store.test.ts`. */
export interface Session {
  id: string
  user: string
  createdAt: number
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>()
  private readonly history: string[] = []

  constructor(private readonly maxHistory = 100) {}

  open(user: string): Session {
    const session = { id: `${user}-${this.history.length}-${Math.random().toString(36).slice(2)}`, user, createdAt: Date.now() }
    this.sessions.set(session.id, session)
    this.history.push(session.id)
    // Keeping the history bounded is what keeps this store from leaking.
    if (this.history.length > this.maxHistory) this.history.shift()
    return session
  }

  close(id: string): void {
    this.sessions.delete(id)
  }
}
