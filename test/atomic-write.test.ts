import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, expect, test } from 'vitest'
import { atomicWriteProblem, writeFileAtomic } from '../src/run/atomic-write'

const dir = mkdtempSync(join(tmpdir(), 'perfspec-atomic-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('a file whose name is as long as the file system takes is written: the temporary name beside it does not grow with it', () => {
  // A baseline named after a test file of 238 characters: `<name>.json`, 243 of the 255 a name may have.
  const path = join(dir, `${'a'.repeat(238)}.test.ts.json`)
  writeFileAtomic(path, '{}\n')
  writeFileAtomic(path, '{"again":1}\n')
  expect(readFileSync(path, 'utf8')).toBe('{"again":1}\n')
  expect(readdirSync(dir)).toEqual([path.split('/').pop()])
})

test('a name too long for the file system is said in words, without the temporary file or an errno', () => {
  const path = join(dir, `${'b'.repeat(300)}.json`)
  let problem = ''
  try {
    writeFileAtomic(path, '{}\n')
  } catch (error) {
    problem = atomicWriteProblem(error)
  }
  expect(problem).toBe('its name is too long for the file system (most take 255 bytes per name): shorten it, or the name it is made from')
  expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
})
