import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'pathe'
import { isAlive } from '../measure/process-alive.js'
import { AbError } from './ab-error.js'

/** What the lock file holds: who holds it, to name them in the refusal and to tell a stale lock. */
interface LockOwner {
  pid: number
  host: string
  /** ms since epoch */
  startedAt: number
}

/** A lock held by this process; `release()` removes it (idempotent). */
export interface AbLock {
  path: string
  release(): void
}

/**
 * Takes the lock of `perfspec ab` in a project: two runs at once would share the base worktree
 * and take each other's turns on the CPU, so a second one is refused, naming the first. A lock
 * left by a run that died (its process is gone, on this machine) is taken over.
 *
 * @param dir - the folder of the lock file (the repository's `abCacheDir`), made when missing
 * @throws AbError naming the process that holds the lock
 */
export function acquireAbLock(dir: string, now: () => number = Date.now): AbLock {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'lock')
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: now() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // `wx`: created only if absent, atomically, so two runs starting together cannot both win.
      writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: 'wx' })
      let held = true
      return {
        path,
        release() {
          if (!held) return
          held = false
          if (ownerOf(path)?.pid === me.pid) rmSync(path, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new AbError(`cannot write the lock file ${path}: ${(error as Error).message}`)
    }
    const owner = ownerOf(path)
    if (owner && (owner.host !== me.host || isAlive(owner.pid))) {
      const since = new Date(owner.startedAt).toISOString()
      throw new AbError(`another perfspec ab is running in this repository (process ${owner.pid}${owner.host !== me.host ? ` on ${owner.host}` : ''}, since ${since}): two at once would share the base worktree and each other's CPU; wait for it to end, or end it. If it is gone, remove ${path}`)
    }
    // Left by a run that is gone (or unreadable, a run killed while writing it): taken over.
    rmSync(path, { force: true })
  }
  throw new AbError(`cannot take the lock file ${path}: another run keeps creating it`)
}

function ownerOf(path: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.startedAt === 'number' ? (o as LockOwner) : undefined
  } catch {
    return undefined
  }
}
