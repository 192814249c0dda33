import { spawnSync } from 'node:child_process'

/** What a git command printed, and whether it succeeded. */
export interface GitOutput {
  ok: boolean
  /** Standard output, trimmed. */
  out: string
  /** Standard error, trimmed: git's own words, quoted in messages when a step fails. */
  err: string
}

/**
 * Runs `git <args>` in `cwd` and waits for it: every git step of `perfspec ab` is short (a
 * revision lookup, a worktree), so there is nothing to overlap. Never throws: a missing `git`
 * reads as a failed command whose `err` says so.
 */
export function git(cwd: string, args: readonly string[]): GitOutput {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } })
  if (r.error) return { ok: false, out: '', err: `git could not be started: ${r.error.message}` }
  return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() }
}
