import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterEach, expect, test, vi } from 'vitest'
import { AB_ENV, encodeAbEnvironment } from '../src/model/ab-environment'
import { RECHECK_OUT_ENV } from '../src/run/recheck-env'
import { HANDED_ENV_GLOBAL } from '../src/measure/launch-env'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

test("probe 32 #2-3: the Jest reporter takes perfspec ab's and a fresh process's variables out of the environment a runner started by a test would inherit; its test files get perfspec ab's through their globals", async () => {
  const ab = encodeAbEnvironment({ v: 1, socket: '/tmp/perfspec-ab-1.sock', side: 'head', run: '1' })
  process.env[AB_ENV] = ab
  process.env[RECHECK_OUT_ENV] = '/tmp/perfspec-fresh-x/records.json'
  vi.resetModules()
  const { PerfJestReporter } = await import('../src/jest/reporter')
  const { takeFromEnv } = await import('../src/run/hand-over-env')
  const root = mkdtempSync(join(tmpdir(), 'perfspec-hand-over-'))
  try {
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, {})
    expect(process.env[AB_ENV]).toBeUndefined()
    expect(process.env[RECHECK_OUT_ENV]).toBeUndefined()
    // A second reporter of the process (Jest started twice) reads the same.
    expect(takeFromEnv(AB_ENV)).toBe(ab)
    const file = { path: join(root, 'a.test.ts'), context: { config: { rootDir: root, id: 'a', globals: {} } } }
    reporter.onTestFileStart(file)
    const handed = (file.context.config.globals as Record<string, Record<string, string>>)[HANDED_ENV_GLOBAL]!
    expect(handed[AB_ENV]).toBe(ab)
    expect(handed[RECHECK_OUT_ENV]).toBeUndefined()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

test("probe 33 #4 under perfspec ab: a Jest side whose test files were not handed perfspec's variables (a test environment without the config's globals) fails its runner, saying why, rather than measure alone in silence", async () => {
  process.env[AB_ENV] = encodeAbEnvironment({ v: 1, socket: '/tmp/perfspec-ab-1.sock', side: 'base', run: '1' })
  vi.resetModules()
  const { PerfJestReporter } = await import('../src/jest/reporter')
  const root = mkdtempSync(join(tmpdir(), 'perfspec-hand-over-'))
  const written: string[] = []
  const write = process.stderr.write
  process.stderr.write = ((text: string) => (written.push(text), true)) as typeof process.stderr.write
  try {
    const reporter = new PerfJestReporter({ rootDir: root, ci: false, updateSnapshot: 'new' }, {})
    reporter.onTestFileStart({ path: join(root, 'a.test.ts'), context: { config: { rootDir: root, id: 'a', globals: {}, setupFilesAfterEnv: ['/r/node_modules/perfspec/dist/jest/setup.js'], testEnvironment: '/r/own-env.js' } as never } })
    reporter.onRunComplete(undefined, { testResults: [{ testFilePath: join(root, 'a.test.ts'), testResults: [] }] })
    expect(reporter.getLastError()?.message).toContain("never received the run's record folder")
    expect(written.join('')).toContain('testEnvironment "/r/own-env.js"')
  } finally {
    process.stderr.write = write
    rmSync(root, { recursive: true, force: true })
  }
})
