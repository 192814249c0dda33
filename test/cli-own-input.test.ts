import { copyFileSync, linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { perfspec } from './helpers/run-cli.js'
import { REPO } from './helpers/temp-project.js'

const fixture = join('test', 'fixtures', 'run-report.json')
const dir = mkdtempSync(join(tmpdir(), 'perfspec-own-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('report and export never write over the run report they read', () => {
  const input = join(dir, 'r.json')
  copyFileSync(fixture, input)
  const original = readFileSync(input, 'utf8')
  symlinkSync(input, join(dir, 'link.json'))
  linkSync(input, join(dir, 'hard.json'))
  // The same file by every name a user may give it: as given, through ./ and .., relative to the
  // working directory, a symlink, a hard link.
  const names = [input, join(dir, '.', 'r.json'), `${dir}/../${dir.split('/').pop()}/r.json`, `./${relative(REPO, input)}`, join(dir, 'link.json'), join(dir, 'hard.json')]
  const commands = [['report', input], ['export', '--format', 'bmf', input], ['export', '--format', 'github-action-benchmark', input]]

  for (const command of commands) {
    test(`perfspec ${command.slice(0, -1).join(' ')} -o <its input>: exit 2, the input untouched`, () => {
      names.forEach((name, i) => {
        const flag = i % 2 ? '--output' : '-o'
        const r = perfspec([...command, flag, name])
        expect(r.status, `${flag} ${name}`).toBe(2)
        expect(r.stdout).toBe('')
        expect(r.stderr.startsWith(`perfspec ${command[0]}: --output ${name} is the file this command reads (${input}); writing it would overwrite its input: give another file, e.g. --output `), r.stderr).toBe(true)
        expect(readFileSync(input, 'utf8')).toBe(original)
      })
    })
  }

  test('another file, new or existing, is still written', () => {
    const other = join(dir, 'other.md')
    expect(perfspec(['report', input, '-o', other]).status).toBe(0)
    expect(perfspec(['report', input, '-o', other]).status).toBe(0)
    expect(readFileSync(other, 'utf8')).toMatch(/^# Benchmark results/)
    expect(perfspec(['export', '--format', 'bmf', input, '-o', join(dir, 'bmf.json')]).status).toBe(0)
  })
})
