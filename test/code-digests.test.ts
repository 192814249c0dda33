import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { uncommittedDigest } from '../src/run/environment.js'
import { stampOfFile } from '../src/run/test-file-stamp.js'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-digests-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('what a blob says of the code it measured', () => {
  test('a test file\'s digest reads CRLF line ends as LF (checkouts on Windows and Linux agree) and tells an edit', () => {
    writeFileSync(join(dir, 'lf.ts'), 'a\nb\n')
    writeFileSync(join(dir, 'crlf.ts'), 'a\r\nb\r\n')
    writeFileSync(join(dir, 'edited.ts'), 'a\nc\n')
    const digest = (name: string) => stampOfFile(join(dir, name))?.digest
    expect(digest('crlf.ts')).toBe(digest('lf.ts'))
    expect(digest('edited.ts')).not.toBe(digest('lf.ts'))
  })

  test('uncommitted changes: none is \'\', an edit gives a digest, what the run writes (its reports, snapshots) is left out, outside git undefined', () => {
    const repo = join(dir, 'repo')
    mkdirSync(join(repo, 'baselines'), { recursive: true })
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=t', ...args], { cwd: repo, stdio: 'ignore' })
    git('init', '-q')
    writeFileSync(join(repo, 'src.ts'), 'export const n = 1\n')
    writeFileSync(join(repo, 'baselines', 'b.json'), '{}\n')
    mkdirSync(join(repo, 'test', '__snapshots__'), { recursive: true })
    writeFileSync(join(repo, 'test', '__snapshots__', 'a.test.ts.snap'), 'first\n')
    git('add', '.')
    git('commit', '-q', '-m', 'first')
    expect(uncommittedDigest(repo)).toBe('')
    writeFileSync(join(repo, 'baselines', 'b.json'), '{"written": true}\n')
    writeFileSync(join(repo, 'test', '__snapshots__', 'a.test.ts.snap'), 'rewritten by -u\n')
    expect(uncommittedDigest(repo, ['baselines'])).toBe('')
    expect(uncommittedDigest(repo)).toMatch(/^[0-9a-f]{12}$/)
    writeFileSync(join(repo, 'src.ts'), 'export const n = 2\n')
    const edited = uncommittedDigest(repo, ['baselines'])
    expect(edited).toMatch(/^[0-9a-f]{12}$/)
    writeFileSync(join(repo, 'src.ts'), 'export const n = 3\n')
    expect(uncommittedDigest(repo, ['baselines'])).not.toBe(edited)
    const outside = mkdtempSync(join(tmpdir(), 'perfspec-nogit-'))
    try {
      expect(uncommittedDigest(outside)).toBeUndefined()
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})
