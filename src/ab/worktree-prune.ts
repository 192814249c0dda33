import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs'
import { join } from 'pathe'
import { git } from './git.js'

/** Base worktrees kept besides the one in use: the most recently used ones. */
export const KEPT_WORKTREES = 3

/** A base worktree unused for this long is removed whatever the count, ms (14 days). */
export const WORKTREE_MAX_AGE_MS = 14 * 24 * 3600_000

/** A base worktree in the cache folder: its commit and when a run last used it (ms since epoch). */
export interface CachedWorktree {
  commit: string
  usedAt: number
}

/**
 * Which base worktrees to remove: every one but `current`, beyond the {@link KEPT_WORKTREES} most
 * recently used, or unused for {@link WORKTREE_MAX_AGE_MS}. Each holds a checkout and often its
 * own install, hundreds of MB, and a new base commit (every merge to the default branch) makes
 * another. Pure.
 */
export function worktreesToPrune(worktrees: readonly CachedWorktree[], current: string, now: number): string[] {
  const others = worktrees.filter((w) => w.commit !== current).sort((a, b) => b.usedAt - a.usedAt)
  return others.filter((w, i) => i >= KEPT_WORKTREES || now - w.usedAt > WORKTREE_MAX_AGE_MS).map((w) => w.commit)
}

/** Notes that a run used the worktree of `path` now, for {@link pruneWorktrees}. */
export function markWorktreeUsed(path: string, now: Date = new Date()): void {
  try {
    utimesSync(path, now, now)
  } catch {
    // A worktree that cannot be touched is taken as used when it was made.
  }
}

/**
 * Removes the base worktrees of `cacheDir` that {@link worktreesToPrune} names (git forgets them
 * too: `git worktree remove --force`, else the folder is deleted and `git worktree prune` run).
 * Only folders named like a commit (40 or 64 hex digits) are looked at; the lock and anything
 * else stay. Returns the commits removed. Never throws: a worktree that cannot be removed is
 * tried again next time.
 */
export function pruneWorktrees(top: string, cacheDir: string, current: string, now: number = Date.now()): string[] {
  let names: string[]
  try {
    names = readdirSync(cacheDir)
  } catch {
    return []
  }
  const worktrees: CachedWorktree[] = []
  for (const name of names) {
    if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(name)) continue
    try {
      const stat = statSync(join(cacheDir, name))
      if (stat.isDirectory()) worktrees.push({ commit: name, usedAt: stat.mtimeMs })
    } catch {
      // Gone meanwhile.
    }
  }
  const removed: string[] = []
  for (const commit of worktreesToPrune(worktrees, current, now)) {
    const path = join(cacheDir, commit)
    if (!git(top, ['worktree', 'remove', '--force', '--force', path]).ok) {
      try {
        rmSync(path, { recursive: true, force: true })
      } catch {
        continue
      }
    }
    removed.push(commit)
  }
  if (removed.length) git(top, ['worktree', 'prune'])
  return removed
}
