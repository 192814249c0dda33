import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { createHostSpeedProbe } from '../src/measure/host-speed.js'
import { HOST_SPEED_MEMORY_MS, hostSpeedMemory, processKind } from '../src/measure/host-speed-memory.js'

const folders: string[] = []
const folder = () => {
  const f = mkdtempSync(join(os.tmpdir(), 'perfspec-host-'))
  folders.push(f)
  return f
}
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
})

describe('the host-speed probe', () => {
  test('reads a positive time per element and keeps the lowest', () => {
    const probe = createHostSpeedProbe()
    const a = probe.read(2)
    const b = probe.read(2)
    expect(a).toBeGreaterThan(0)
    expect(probe.best).toBe(Math.min(a, b))
  })

  test("its best includes what the machine's earlier processes remembered", () => {
    const dir = folder()
    hostSpeedMemory(dir).remember(1e-9)
    const probe = createHostSpeedProbe(undefined, hostSpeedMemory(dir))
    probe.read(1)
    expect(probe.best).toBe(1e-9)
  })

  test('one memory per kind of process: a Jest worker\'s faster readings are not a Vitest worker\'s best', () => {
    const dir = folder()
    hostSpeedMemory(dir, Date.now, 'jest').remember(0.48)
    expect(hostSpeedMemory(dir, Date.now, 'vitest').recall()).toBeUndefined()
    hostSpeedMemory(dir, Date.now, 'vitest').remember(0.62)
    expect(hostSpeedMemory(dir, Date.now, 'jest').recall()).toBe(0.48)
    expect(hostSpeedMemory(dir, Date.now, 'vitest').recall()).toBe(0.62)
    expect(processKind({ VITEST: 'true' })).toBe('vitest')
    expect(processKind({ JEST_WORKER_ID: '1' })).toBe('jest')
    expect(processKind({})).toBe('node')
  })
})

describe("the machine's memory of its fastest reading", () => {
  test('keeps the lowest reading, across instances (processes)', () => {
    const dir = folder()
    hostSpeedMemory(dir).remember(0.6)
    hostSpeedMemory(dir).remember(0.8)
    expect(hostSpeedMemory(dir).recall()).toBe(0.6)
    hostSpeedMemory(dir).remember(0.5)
    expect(hostSpeedMemory(dir).recall()).toBe(0.5)
    expect(readdirSync(dir)).toHaveLength(1)
  })

  test('forgets after an hour, and ignores a file it cannot read', () => {
    const dir = folder()
    let now = 0
    hostSpeedMemory(dir, () => now).remember(0.5)
    now = HOST_SPEED_MEMORY_MS + 1
    expect(hostSpeedMemory(dir, () => now).recall()).toBeUndefined()
    writeFileSync(join(dir, readdirSync(dir)[0]!), '{not json')
    expect(hostSpeedMemory(dir, () => now).recall()).toBeUndefined()
  })

  test('an unwritable folder loses the hint and nothing else', () => {
    const dir = folder()
    const file = join(dir, 'a-file')
    writeFileSync(file, '')
    const memory = hostSpeedMemory(join(file, 'inside'))
    expect(() => memory.remember(0.5)).not.toThrow()
    expect(memory.recall()).toBe(0.5)
  })
})
