import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'

// The packed package.json is this one: npm keeps its scripts as they are.
const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }

describe("package.json's scripts", () => {
  test('none runs when perfspec is installed: npm warns of (and may refuse) install-time scripts', () => {
    // preinstall, install and postinstall run on every install; prepare on installs from a tarball, a folder or git.
    for (const lifecycle of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts, lifecycle).not.toHaveProperty(lifecycle)
  })

  test('packing builds dist (npm pack, npm publish, and a git dependency, which npm packs)', () => {
    expect(scripts.prepack).toBe('npm run build --silent')
    expect(scripts.build).toBe('tsup')
  })

  test('every script that reads dist builds it first, so a fresh clone needs only npm install', () => {
    // The examples and the acceptance suite import 'perfspec' itself, which resolves to dist.
    for (const name of ['examples', 'test', 'typecheck']) expect(scripts[name], name).toMatch(/^npm run build --silent && /)
  })
})
