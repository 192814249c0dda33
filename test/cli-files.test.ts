import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { CLI } from './helpers/run-cli.js'
import { REPO } from './helpers/temp-project.js'

// Every command here is bounded in time: a FIFO or a device read as a file would block or never end.
const dir = mkdtempSync(join(tmpdir(), 'perfspec-cli-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const run = join(dir, 'run.json')
copyFileSync(join(REPO, 'test', 'fixtures', 'run-report.json'), run)
const baseline = join(REPO, 'test', 'fixtures', 'compare', 'baseline.json')

function perfspec(args: string[]): { status: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const env = { ...process.env }
  delete env.GITHUB_ACTIONS
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined || r.signal !== null }
}

function mkfifo(name: string): string {
  const path = join(dir, name)
  const made = spawnSync('mkfifo', [path])
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
  return path
}

describe('--output never replaces a file perfspec did not write, unless --force', () => {
  const userFiles = { 'package.json': '{ "name": "mine", "private": true }\n', 'vitest.config.ts': 'export default {}\n', 'notes.md': '# My notes\n' }
  const cases: Array<[string[], string]> = [
    [['report', run, '--output'], 'package.json'],
    [['report', run, '-o'], 'notes.md'],
    [['export', '--format', 'bmf', run, '-o'], 'vitest.config.ts'],
    [['export', '--format', 'github-action-benchmark', run, '--output'], 'package.json'],
  ]

  for (const [command, target] of cases) {
    test(`perfspec ${command.slice(0, -2).join(' ')} ${command.at(-1)} ${target}: exit 2, the file untouched; --force replaces it`, () => {
      const path = join(dir, target)
      writeFileSync(path, userFiles[target as keyof typeof userFiles])
      const r = perfspec([...command, path])
      expect(r.status).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(new RegExp(`^perfspec ${command[0]}: --output ${path}: the file exists and is not one perfspec wrote \\(an? [\\w -]+\\); choose another path, or delete the file if it is yours to lose; --force replaces it\\n$`))
      expect(readFileSync(path, 'utf8')).toBe(userFiles[target as keyof typeof userFiles])
      const forced = perfspec([...command, path, '--force'])
      expect(forced.status, forced.stderr).toBe(0)
      expect(readFileSync(path, 'utf8')).not.toBe(userFiles[target as keyof typeof userFiles])
      // What perfspec wrote there it may write again.
      expect(perfspec([...command, path]).status).toBe(0)
    })
  }

  test('a FIFO as --output is refused, even with --force, without waiting for a reader', () => {
    const fifo = mkfifo('out.fifo')
    for (const command of [['report', run], ['export', '--format', 'bmf', run]]) {
      for (const force of [[], ['--force']]) {
        const r = perfspec([...command, '-o', fifo, ...force])
        expect(r.timedOut).toBe(false)
        expect(r.status).toBe(2)
        expect(r.stderr).toBe(`perfspec ${command[0]}: --output ${fifo}: the path is a FIFO (named pipe), not a regular file; choose a file path\n`)
      }
    }
  })
})

describe('inputs that are not regular files, or too large, are refused unread, naming the path (exit 2)', () => {
  test('a FIFO given to compare, report and export', () => {
    const fifo = mkfifo('in.fifo')
    for (const args of [['compare', fifo, baseline], ['compare', baseline, fifo], ['report', fifo], ['export', '--format', 'bmf', fifo]]) {
      const r = perfspec(args)
      expect(r.timedOut, args.join(' ')).toBe(false)
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toBe(`perfspec ${args[0]}: ${fifo} is a FIFO (named pipe), not a regular file\n`)
    }
  })

  test('a symlink to /dev/zero', () => {
    const zero = join(dir, 'zero.json')
    symlinkSync('/dev/zero', zero)
    for (const args of [['report', zero], ['compare', zero, baseline]]) {
      const r = perfspec(args)
      expect(r.timedOut, args.join(' ')).toBe(false)
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toBe(`perfspec ${args[0]}: ${zero} is a character device, not a regular file\n`)
    }
  })

  test('a file over 64 MB', () => {
    const large = join(dir, 'large.json')
    writeFileSync(large, '')
    truncateSync(large, 64 * 1024 * 1024 + 1)
    const r = perfspec(['compare', large, baseline])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`perfspec compare: ${large} is 67,108,865 bytes, more than perfspec reads (64.0 MB); it is no file perfspec wrote\n`)
  })
})
