import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { acquireAbLock, takeOver } from '../src/ab/lock.js'
import { REPO } from './helpers/temp-project.js'
import { processView } from '../src/measure/process-alive.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
function folder(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-lock-')))
  dirs.push(dir)
  return dir
}
/** A pid no process has: above Linux's highest. */
const GONE = 2 ** 22 + 12345

describe('the lock of perfspec ab', () => {
  test('a second run in the project is refused, naming the first; released, it can start', () => {
    const dir = folder()
    const first = acquireAbLock(dir)
    expect(() => acquireAbLock(dir)).toThrow(new RegExp(`another perfspec ab is running in this repository \\(process ${process.pid}, since`))
    first.release()
    first.release()
    acquireAbLock(dir).release()
    expect(readdirSync(dir)).toEqual([])
  })

  test('a lock left by a process that is gone is taken over; nothing is left beside it', () => {
    const dir = folder()
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: GONE, host: hostname(), startedAt: 0 }))
    const lock = acquireAbLock(dir)
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid })
    lock.release()
    expect(readdirSync(dir)).toEqual([])
  })

  test('an unreadable lock is taken over once it is old, and refused while it may be being written', () => {
    const dir = folder()
    writeFileSync(join(dir, 'lock'), 'half writ')
    expect(() => acquireAbLock(dir)).toThrow(/another perfspec ab is starting in this repository \(its lock file .*lock is being written\).*If no other run is there, remove/)
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toBe('half writ')
    acquireAbLock(dir, () => Date.now() + 60_000).release()
    expect(readdirSync(dir)).toEqual([])
  })

  test('a stale lock taken over by another run between the look and the rename goes back, and this run is refused', () => {
    const dir = folder()
    const path = join(dir, 'lock')
    const stale = { pid: GONE, host: hostname(), startedAt: 0 }
    const winner = { pid: process.pid, host: hostname(), startedAt: 1_700_000_000_000 }
    writeFileSync(path, `${JSON.stringify(winner)}\n`)
    expect(() => takeOver(path, stale, { pid: GONE + 1, host: hostname(), startedAt: 5 })).toThrow(new RegExp(`another perfspec ab is running in this repository \\(process ${process.pid}, since 2023`))
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(winner)
    expect(readdirSync(dir)).toEqual(['lock'])
  })

  test('a lock on another machine is never taken over', () => {
    const dir = folder()
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: GONE, host: `not-${hostname()}`, startedAt: 0 }))
    expect(() => acquireAbLock(dir)).toThrow(/\(process \d+ on not-/)
    expect(existsSync(join(dir, 'lock'))).toBe(true)
  })

  test('a lock of a run in another PID namespace of this host (a container sharing the folder) is never taken over: its pid means nothing here', () => {
    const dir = folder()
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: GONE, host: hostname(), startedAt: 0, view: `${hostname()} pid:[1]` }))
    expect(() => acquireAbLock(dir)).toThrow(/another perfspec ab is running in this repository \(process \d+, since/)
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: GONE, host: hostname(), startedAt: 0, view: processView() }))
    acquireAbLock(dir).release()
  })

  test('six processes that find one stale lock at once: exactly one takes it', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: GONE, host: hostname(), startedAt: 0 }))
    const go = join(dir, 'go')
    const done = join(dir, 'done')
    // Each waits for the go file, tries once, and the winner holds the lock until the done file.
    const script = `
      import { existsSync } from 'node:fs'
      import { acquireAbLock } from ${JSON.stringify(join(REPO, 'src/ab/lock.ts'))}
      const wait = (p) => new Promise((r) => { const t = setInterval(() => { if (existsSync(p)) { clearInterval(t); r() } }, 5) })
      await wait(${JSON.stringify(go)})
      let lock
      try { lock = acquireAbLock(${JSON.stringify(dir)}); console.log('won') } catch (e) { console.log('refused: ' + e.message) }
      await wait(${JSON.stringify(done)})
      lock?.release()
    `
    const children = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      child.stdout.on('data', (d) => (out += d))
      child.stderr.on('data', (d) => (out += d))
      const said = new Promise<string>((resolve) => {
        const t = setInterval(() => {
          if (out.includes('\n')) {
            clearInterval(t)
            resolve(out)
          }
        }, 10)
      })
      const ended = new Promise<number | null>((resolve) => child.on('close', resolve))
      return { said, ended }
    })
    // Every child started and waits at the go file before any tries.
    await new Promise((r) => setTimeout(r, 200))
    writeFileSync(go, '')
    const said = await Promise.all(children.map((c) => c.said))
    writeFileSync(done, '')
    await Promise.all(children.map((c) => c.ended))
    expect(said.filter((s) => s.startsWith('won')), said.join('')).toHaveLength(1)
    expect(said.filter((s) => s.startsWith('refused: another perfspec ab is')), said.join('')).toHaveLength(5)
    expect(readdirSync(dir).sort()).toEqual(['done', 'go'])
  }, 60_000)
})
