import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, expect, test } from 'vitest'
import { privateTempFolder } from '../src/measure/private-folder'
import { hostSpeedMemory } from '../src/measure/host-speed-memory'

const parent = mkdtempSync(join(tmpdir(), 'perfspec-private-'))
afterAll(() => rmSync(parent, { recursive: true, force: true }))

test.skipIf(process.platform === 'win32')("a temporary folder perfspec writes in is this user's alone: made closed to others, refused when it is a link, a file or open to others", () => {
  const made = privateTempFolder('mine', parent)
  expect(made).toBe(join(parent, 'mine'))
  expect(statSync(made!).mode & 0o077).toBe(0)
  expect(privateTempFolder('mine', parent)).toBe(made)
  // Planted by someone else in a shared temporary folder: a link to a user's folder, a file, a folder open to all.
  const victim = join(parent, 'victim')
  mkdirSync(victim)
  symlinkSync(victim, join(parent, 'linked'))
  writeFileSync(join(parent, 'a-file'), '')
  mkdirSync(join(parent, 'open'))
  chmodSync(join(parent, 'open'), 0o777)
  for (const name of ['linked', 'a-file', 'open']) expect(privateTempFolder(name, parent)).toBeUndefined()
})

test('without a folder of its own, the host-speed memory remembers nothing and reads nothing', () => {
  const memory = hostSpeedMemory(null, () => 0, 'node')
  memory.remember(5)
  expect(memory.recall()).toBeUndefined()
})
