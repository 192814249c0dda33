import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'pathe'

/** A throwaway git repository in a temp folder, for the tests of `perfspec ab`. */
export class GitRepo {
  readonly dir: string

  constructor(name = 'repo') {
    this.dir = realpathSync(mkdtempSync(join(tmpdir(), `perfspec-ab-${name}-`)))
    this.git('init', '--quiet', '--initial-branch=main')
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' },
    }).trim()
  }

  write(files: Record<string, string>): this {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true })
      writeFileSync(join(this.dir, path), text)
    }
    return this
  }

  /** Writes the files and commits them; returns the commit. */
  commit(files: Record<string, string>, message = 'change'): string {
    this.write(files)
    this.git('add', '-A')
    this.git('commit', '--quiet', '--allow-empty', '-m', message)
    return this.git('rev-parse', 'HEAD')
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}
