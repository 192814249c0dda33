import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { changeDigests } from '../src/run/diff-digests.js'
import { changedTrackedFiles, uncommittedChanges } from '../src/run/environment.js'
import { runCodeStamp } from '../src/run/code-stamp.js'
import { resolvePerfOptions } from '../src/run/options.js'
import { stampOfFile } from '../src/run/test-file-stamp.js'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-digests-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=t', '-c', 'protocol.file.allow=always', ...args], { cwd, stdio: 'ignore' })

describe('what a blob says of the code it measured', () => {
  test('a test file\'s digest reads CRLF line ends as LF (checkouts on Windows and Linux agree) and tells an edit', () => {
    writeFileSync(join(dir, 'lf.ts'), 'a\nb\n')
    writeFileSync(join(dir, 'crlf.ts'), 'a\r\nb\r\n')
    writeFileSync(join(dir, 'edited.ts'), 'a\nc\n')
    const digest = (name: string) => stampOfFile(join(dir, name))?.digest
    expect(digest('crlf.ts')).toBe(digest('lf.ts'))
    expect(digest('edited.ts')).not.toBe(digest('lf.ts'))
  })

  test('a patch read path by path, from the project\'s folder: quoted names, submodules', () => {
    const patch = [
      'diff --git a/pkg/src/a.ts b/pkg/src/a.ts', '--- a/pkg/src/a.ts', '+++ b/pkg/src/a.ts', '@@ -1 +1 @@', '-1', '+2',
      'diff --git "a/pkg/t\\303\\251st \\"x\\".ts" "b/pkg/t\\303\\251st \\"x\\".ts"', '@@ -1 +1 @@', '-1', '+2',
      'diff --git a/shared/b.ts b/shared/b.ts', '@@ -1 +1 @@', '-1', '+3',
      'Submodule lib contains modified content',
      'diff --git a/lib/c.js b/lib/c.js', '@@ -1 +1 @@', '-1', '+4',
    ].join('\n')
    const digests = changeDigests(patch, 'pkg/')
    expect(Object.keys(digests)).toEqual(['src/a.ts', 'tést "x".ts', '../shared/b.ts', 'Submodule lib contains modified content', '../lib/c.js'])
    expect(Object.values(digests).every((d) => /^[0-9a-f]{12}$/.test(d))).toBe(true)
    expect(changeDigests(patch.replace('+4', '+5'), 'pkg/')['../lib/c.js']).not.toBe(digests['../lib/c.js'])
    expect(changeDigests(patch.replace('+4', '+5'), 'pkg/')['src/a.ts']).toBe(digests['src/a.ts'])
  })

  test('uncommitted changes of a checkout: none is {}, edits inside a submodule count, outside git undefined', () => {
    const lib = join(dir, 'lib')
    mkdirSync(lib)
    git(lib, 'init', '-q')
    writeFileSync(join(lib, 'lib.js'), 'export const n = 1\n')
    git(lib, 'add', '.')
    git(lib, 'commit', '-q', '-m', 'lib')
    const repo = join(dir, 'repo')
    mkdirSync(repo)
    git(repo, 'init', '-q')
    writeFileSync(join(repo, 'src.ts'), 'export const n = 1\n')
    git(repo, 'submodule', 'add', '-q', lib, 'lib')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'first')
    expect(uncommittedChanges(repo)).toEqual({})
    writeFileSync(join(repo, 'lib', 'lib.js'), 'export const n = 2\n')
    const first = uncommittedChanges(repo)
    expect(Object.keys(first ?? {})).toContain('lib/lib.js')
    writeFileSync(join(repo, 'lib', 'lib.js'), 'export const n = 3\n')
    expect(uncommittedChanges(repo)?.['lib/lib.js']).not.toBe(first?.['lib/lib.js'])
    const outside = mkdtempSync(join(tmpdir(), 'perfspec-nogit-'))
    try {
      expect(uncommittedChanges(outside)).toBeUndefined()
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  test('the baseline files git tracks that are missing from the working tree or written over, from a project inside the repository, its whole folder deleted too', () => {
    const repo = join(dir, 'deleted')
    const project = join(repo, 'pkg')
    mkdirSync(join(project, 'baselines', 't'), { recursive: true })
    git(repo, 'init', '-q')
    for (const file of ['pkg/baselines/a.test.ts.json', 'pkg/baselines/t/b.test.ts.json', 'pkg/baselines/kept.json', 'pkg/other.json']) writeFileSync(join(repo, file), '{}\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'first')
    const folder = join(project, 'baselines')
    expect(changedTrackedFiles(project, folder)).toEqual({ deleted: [], modified: [], indexed: {} })
    rmSync(join(folder, 'a.test.ts.json'))
    rmSync(join(folder, 't'), { recursive: true })
    rmSync(join(project, 'other.json'))
    // Probe 74 #1: one written over is changed, not deleted; a deleted one is only deleted.
    writeFileSync(join(folder, 'kept.json'), '<x/>\n')
    expect(changedTrackedFiles(project, folder)).toEqual({ deleted: [join(folder, 'a.test.ts.json'), join(folder, 't', 'b.test.ts.json')], modified: [join(folder, 'kept.json')], indexed: { [join(folder, 'kept.json')]: '{}\n' } })
    rmSync(folder, { recursive: true })
    expect(changedTrackedFiles(project, folder)).toMatchObject({ deleted: { length: 3 }, modified: [] })
    const outside = mkdtempSync(join(tmpdir(), 'perfspec-nogit-'))
    try {
      expect(changedTrackedFiles(outside, join(outside, 'baselines'))).toEqual({ deleted: [], modified: [], indexed: {} })
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  test('a run\'s stamp leaves its own baselines and reports out, a baseline folder outside the repository too', () => {
    const repo = join(dir, 'stamped')
    mkdirSync(join(repo, 'baselines'), { recursive: true })
    git(repo, 'init', '-q')
    for (const file of ['src.ts', 'baselines/b.json', 'BENCHMARK_RESULTS.md']) writeFileSync(join(repo, file), 'first\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'first')
    for (const file of ['baselines/b.json', 'BENCHMARK_RESULTS.md']) writeFileSync(join(repo, file), 'rewritten by the run\n')
    expect(runCodeStamp(repo, resolvePerfOptions({}))).toEqual({ commit: expect.stringMatching(/^[0-9a-f]{12}$/), changes: {} })
    writeFileSync(join(repo, 'src.ts'), 'edited\n')
    expect(Object.keys(runCodeStamp(repo, resolvePerfOptions({ baselineDir: '../shared-baselines' })).changes ?? {})).toEqual(['baselines/b.json', 'src.ts'])
  })

  test('probe 56 #3: reports and baselines configured through a tracked symlinked folder are left out as git names them', () => {
    const repo = join(dir, 'linked')
    mkdirSync(join(repo, 'reports'), { recursive: true })
    mkdirSync(join(repo, 'baselines'), { recursive: true })
    git(repo, 'init', '-q')
    symlinkSync('reports', join(repo, 'out'))
    symlinkSync('baselines', join(repo, 'bl'))
    for (const file of ['reports/R.md', 'reports/R.json', 'baselines/b.json']) writeFileSync(join(repo, file), 'first\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'first')
    for (const file of ['reports/R.md', 'reports/R.json', 'baselines/b.json']) writeFileSync(join(repo, file), 'rewritten by the run\n')
    expect(runCodeStamp(repo, resolvePerfOptions({ output: 'out/R.md', json: 'out/R.json', baselineDir: 'bl' })).changes).toEqual({})
  })
})
