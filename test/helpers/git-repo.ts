import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'pathe'

const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

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

  /**
   * Commits a Vitest project (ESM, `*.test.mjs` files) holding `tests`, and links this
   * repository's Vitest as its dependencies, as `perfspec ab` tests need; returns the commit.
   */
  commitVitestProject(tests: Record<string, string>): string {
    const commit = this.commit({
      '.gitignore': 'node_modules\n.perfspec\nBENCHMARK_RESULTS.md\n',
      'package.json': '{"type":"module","devDependencies":{"vitest":"4"}}',
      'vitest.config.mjs': "export default { test: { include: ['*.test.mjs'] } }\n",
      ...tests,
    })
    mkdirSync(join(this.dir, 'node_modules'))
    for (const name of ['vitest', '@vitest']) symlinkSync(join(REPO_ROOT, 'node_modules', name), join(this.dir, 'node_modules', name))
    return commit
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}
