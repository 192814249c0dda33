import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'pathe'
import { isAlive, processView } from '../measure/process-alive.js'
import { AbError } from './ab-error.js'

/** What the lock file holds: who holds it, to name them in the refusal and to tell a stale lock. */
export interface LockOwner {
  pid: number
  host: string
  /** ms since epoch */
  startedAt: number
  /** Where its pid means something (`processView`: host and PID namespace); absent in locks of older versions. */
  view?: string
}

/** A lock held by this process; `release()` removes it (idempotent). */
export interface AbLock {
  path: string
  release(): void
}

/**
 * How old an unreadable lock file must be to count as left by a run that died while writing it,
 * in ms: younger, it may be a lock of an older perfspec that is being written at this moment.
 */
const UNREADABLE_STALE_MS = 10_000

/**
 * Takes the lock of `perfspec ab` in a project: two runs at once would share the base worktree
 * and take each other's turns on the CPU, so a second one is refused, naming the first. A lock
 * left by a run that died (its process is gone, seen from where it ran: this host and PID
 * namespace; a run in a container sharing the folder cannot see it) is taken over.
 *
 * The lock file appears whole or not at all (written aside, then hard-linked into place, which
 * fails when it exists), and a stale one is taken over by renaming it aside first: of two runs
 * that find the same stale lock, one renames it and the other finds the winner's lock in its
 * hands, puts it back and is refused.
 *
 * @param dir - the folder of the lock file (the repository's `abCacheDir`), made when missing
 * @param now - the clock, ms since epoch (default `Date.now`)
 * @throws AbError naming the process that holds the lock
 */
export function acquireAbLock(dir: string, now: () => number = Date.now): AbLock {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'lock')
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: now(), view: processView() }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(path, me)) {
      let held = true
      return {
        path,
        release() {
          if (!held) return
          held = false
          if (sameOwner(ownerOf(path), me)) rmSync(path, { force: true })
        },
      }
    }
    const owner = ownerOf(path)
    if (owner === 'absent') continue
    if (owner === 'unreadable' ? now() - modifiedAt(path) < UNREADABLE_STALE_MS : !seenFromHere(owner, me) || isAlive(owner.pid)) throw heldBy(owner, path, me)
    takeOver(path, owner, me)
  }
  throw new AbError(`cannot take the lock file ${path}: another run keeps creating it`)
}

/** Creates the lock file holding `me`, whole, unless it exists: true when this run holds it. */
function create(path: string, me: LockOwner): boolean {
  const aside = `${path}.${me.pid}.${Math.random().toString(36).slice(2)}`
  try {
    writeFileSync(aside, `${JSON.stringify(me)}\n`, { flag: 'wx' })
    linkSync(aside, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    // A file system without hard links: the exclusive create alone (a reader may see it empty for a moment).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return createInPlace(path, me)
    throw new AbError(`cannot write the lock file ${path}: ${(error as Error).message}`)
  } finally {
    rmSync(aside, { force: true })
  }
}

function createInPlace(path: string, me: LockOwner): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw new AbError(`cannot write the lock file ${path}: ${(error as Error).message}`)
  }
}

/**
 * Removes the stale lock of `stale`: renamed aside (only one run can), then checked. When what
 * was renamed is not that stale lock (another run took it over between our look and our rename),
 * it goes back, and this run is refused, naming that run. Exported for its test only.
 *
 * @internal
 */
export function takeOver(path: string, stale: LockOwner | 'unreadable', me: LockOwner): void {
  const aside = `${path}.stale.${me.pid}.${Math.random().toString(36).slice(2)}`
  try {
    renameSync(path, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return // another run removed it first
    throw new AbError(`cannot take over the lock file ${path} left by a run that is gone: ${(error as Error).message}; remove it`)
  }
  const taken = ownerOf(aside)
  if (taken === stale || (typeof taken === 'object' && typeof stale === 'object' && sameOwner(taken, stale))) {
    rmSync(aside, { force: true })
    return
  }
  try {
    linkSync(aside, path)
  } catch {
    // Yet another run holds it now; the one whose lock this was keeps running without its file.
  }
  rmSync(aside, { force: true })
  throw heldBy(taken === 'absent' ? 'unreadable' : taken, path, me)
}

/** Whether the lock's pid can be judged from here: the same host and PID namespace (a lock of an older version says its host only). */
function seenFromHere(owner: LockOwner, me: LockOwner): boolean {
  return owner.view !== undefined ? owner.view === me.view : owner.host === me.host
}

function heldBy(owner: LockOwner | 'unreadable', path: string, me: LockOwner): AbError {
  if (owner === 'unreadable') return new AbError(`another perfspec ab is starting in this repository (its lock file ${path} is being written): two at once would share the base worktree and each other's CPU; wait for it to end. If no other run is there, remove ${path}`)
  const since = new Date(owner.startedAt).toISOString()
  return new AbError(`another perfspec ab is running in this repository (process ${owner.pid}${owner.host !== me.host ? ` on ${owner.host}` : ''}, since ${since}): two at once would share the base worktree and each other's CPU; wait for it to end, or end it. If it is gone, remove ${path}`)
}

function sameOwner(a: LockOwner | 'absent' | 'unreadable', b: LockOwner): boolean {
  return typeof a === 'object' && a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}

function ownerOf(path: string): LockOwner | 'absent' | 'unreadable' {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unreadable'
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.startedAt === 'number' ? (o as LockOwner) : 'unreadable'
  } catch {
    return 'unreadable'
  }
}
