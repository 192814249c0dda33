import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { appendRecord, clearRecords, createRecordFolder, folderOwner, recordsLost, removeRecordFolder, takeRecords, UNSEEN_OWNER_STALE_MS } from '../src/run/record-folder'
import { processView } from '../src/measure/process-alive'
import { undeliveredRecords, type ShippedVitestTest } from '../src/vitest/record-channel'

const entry = (name: string) => ({ kind: 'bench' as const, id: `x > ${name}`, name, error: 'not measured here' })
const shipped = (over: Partial<ShippedVitestTest>): ShippedVitestTest => ({ moduleId: '/repo/pkg/a.test.ts', file: 'a.test.ts', project: 'web', titles: ['[web]', 't'], state: 'passed', entries: [entry('b')], ...over })

describe("the Vitest records of a stopped run, by perfspec's own channel", () => {
  test('the tests Vitest did not deliver, named as Vitest names them in their project; the last attempt of each', () => {
    const lines = [
      shipped({ titles: ['[web]', 'first'], line: 3 }),
      shipped({ titles: ['[web]', 'retried'], state: 'failed', entries: [entry('try 1')] }),
      shipped({ titles: ['[web]', 'retried'], entries: [entry('try 2')] }),
      shipped({ titles: ['[web]', 'd', 'a > b'], state: 'failed', expectedToFail: true }),
      shipped({ titles: ['[web]', 'skipped midway'], state: 'skipped' }),
      shipped({ moduleId: '/repo/root.test.ts', file: 'root.test.ts', project: '', titles: ['top'] }),
      // Probe 44 #2: a retry withdrew the first attempt's record, and the run stopped before the second recorded.
      shipped({ titles: ['[web]', 'withdrawn'], state: 'failed', entries: [entry('try 1')] }),
      shipped({ titles: ['[web]', 'withdrawn'], state: 'skipped', entries: [] }),
      shipped({ state: 'unknown' as 'passed' }),
      { not: 'a record' },
      null,
    ]
    const delivered = (project: string, moduleId: string, test: string) => project === 'web' && moduleId === '/repo/pkg/a.test.ts' && test === '[web] > first'
    const records = undeliveredRecords(lines, delivered, '/repo')
    expect(records).toEqual([
      { file: 'a.test.ts', path: 'pkg/a.test.ts', test: '[web] > retried', state: 'passed', entries: [entry('try 2')] },
      { file: 'a.test.ts', path: 'pkg/a.test.ts', test: '[web] > d > a \\> b', state: 'failed', expectedToFail: true, entries: [entry('b')] },
      { file: 'a.test.ts', path: 'pkg/a.test.ts', test: '[web] > skipped midway', state: 'skipped', entries: [entry('b')] },
      { file: 'root.test.ts', test: 'top', state: 'passed', entries: [entry('b')] },
    ])
  })
})

describe('the record folder', () => {
  const made: string[] = []
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

  test('records come back in order, once; a line cut short and a folder that is gone are not fatal', () => {
    const dir = createRecordFolder('test-channel')
    made.push(dir)
    appendRecord(dir, { n: 1, x: Number.NaN }, 0)
    appendRecord(dir, { n: 2 }, 0)
    writeFileSync(join(dir, '.999999-1.records'), '{"n": 3}\n{"n": 4, "cut')
    const { records, unreadable } = takeRecords(dir)
    expect(records).toHaveLength(3)
    expect(records).toContainEqual({ n: 1, x: Number.NaN })
    expect(unreadable).toBe(1)
    expect(readdirSync(dir).sort()).toEqual(['.owner', '.shipped'])
    expect(takeRecords(dir)).toEqual({ records: [], unreadable: 0, missing: 0 })
    appendRecord(dir, { n: 5 }, 1)
    clearRecords(dir)
    expect(readdirSync(dir).sort()).toEqual(['.owner', '.shipped'])
    expect(recordsLost(dir)).toBe(false)
    removeRecordFolder(dir)
    expect(takeRecords(dir)).toEqual({ records: [], unreadable: 0, missing: 0 })
    expect(recordsLost(dir)).toBe(true)
  })

  test('a folder emptied while its run goes on says its records are lost', () => {
    const dir = createRecordFolder('test-lost')
    made.push(join(dir, '..'))
    appendRecord(dir, { n: 1 }, 0)
    for (const name of readdirSync(dir)) rmSync(join(dir, name))
    expect(recordsLost(dir)).toBe(true)
  })

  test("probe 29 #1: a folder whose maker this process cannot see (another PID namespace or host, or an older perfspec that did not say) is swept only once a day old", () => {
    made.push(join(tmpdir(), `perfspec-test-unseen-${process.getuid?.() ?? ''}`))
    const base = join(createRecordFolder('test-unseen'), '..')
    const other = join(base, '2147483646-contnr')
    mkdirSync(other)
    writeFileSync(join(other, '.owner'), 'another-host pid:[4026532999]')
    writeFileSync(join(other, '.7-0.records'), '{"n": 1}\n')
    const unsaid = join(base, '2147483645-oldver')
    mkdirSync(unsaid)
    const seen = join(base, '2147483644-mynsXX')
    mkdirSync(seen)
    writeFileSync(join(seen, '.owner'), processView())
    createRecordFolder('test-unseen')
    // Its pid is not alive here, yet a run in a container may be using it: kept; this view's is swept.
    expect(existsSync(join(other, '.7-0.records'))).toBe(true)
    expect(existsSync(unsaid)).toBe(true)
    expect(existsSync(seen)).toBe(false)
    createRecordFolder('test-unseen', Date.now() + UNSEEN_OWNER_STALE_MS + 60_000)
    expect(existsSync(other)).toBe(false)
    expect(existsSync(unsaid)).toBe(false)
  })

  test("a folder left by a process that is gone is removed by the next one's creation", () => {
    made.push(join(tmpdir(), `perfspec-test-orphans-${process.getuid?.() ?? ''}`))
    const first = createRecordFolder('test-orphans')
    const orphan = mkdtempSync(join(first, '..', '2147483646-'))
    writeFileSync(join(orphan, '.owner'), processView())
    createRecordFolder('test-orphans')
    const base = join(first, '..')
    expect(readdirSync(base)).not.toContain(orphan.split('/').pop())
    expect(readdirSync(base)).toContain(first.split('/').pop())
    expect(folderOwner(first)).toBe(process.pid)
  })

  test.skipIf(process.platform === 'win32')('a shared folder that is a link, or open to others, is left untouched: nothing it leads to is removed, a private folder is made beside it', () => {
    const uid = process.getuid?.() ?? ''
    // Someone else's folder, reached through the link: its entries look like stale record folders.
    const victim = mkdtempSync(join(tmpdir(), 'perfspec-victim-'))
    made.push(victim)
    for (const name of ['2024-taxes', '2147483646-abcdef']) mkdirSync(join(victim, name))
    writeFileSync(join(victim, '999999-notes.txt'), 'mine')
    const linked = join(tmpdir(), `perfspec-test-linked-${uid}`)
    rmSync(linked, { recursive: true, force: true })
    symlinkSync(victim, linked)
    made.push(linked)
    const dir = createRecordFolder('test-linked')
    made.push(join(dir, '..'))
    expect(readdirSync(victim).sort()).toEqual(['2024-taxes', '2147483646-abcdef', '999999-notes.txt'])
    expect(dir.startsWith(`${linked}/`)).toBe(false)
    expect(dir.startsWith(`${linked}-`)).toBe(true)
    expect(statSync(join(dir, '..')).mode & 0o077).toBe(0)
    expect(folderOwner(dir)).toBe(process.pid)
    // Open to others (another user could have planted what is in it): not swept either.
    const open = join(tmpdir(), `perfspec-test-open-${uid}`)
    rmSync(open, { recursive: true, force: true })
    mkdirSync(open)
    chmodSync(open, 0o777)
    made.push(open)
    mkdirSync(join(open, '2147483646-abcdef'))
    const beside = createRecordFolder('test-open')
    made.push(join(beside, '..'))
    expect(existsSync(join(open, '2147483646-abcdef'))).toBe(true)
    expect(beside.startsWith(`${open}-`)).toBe(true)
    // Removed with its record folder: no empty folder is left per run.
    removeRecordFolder(beside)
    expect(existsSync(join(beside, '..'))).toBe(false)
    expect(existsSync(open)).toBe(true)
  })

  test("only folders named as perfspec names them are swept from its own folder, never a file or another name", () => {
    const first = createRecordFolder('test-sweep')
    const base = join(first, '..')
    made.push(base)
    mkdirSync(join(base, '2147483646-notours'))
    writeFileSync(join(base, '2147483646-abcdef'), 'a file')
    mkdirSync(join(base, '2147483645-abcdef'))
    writeFileSync(join(base, '2147483645-abcdef', '.owner'), processView())
    createRecordFolder('test-sweep')
    expect(readdirSync(base)).toEqual(expect.arrayContaining(['2147483646-notours', '2147483646-abcdef']))
    expect(readdirSync(base)).not.toContain('2147483645-abcdef')
  })
})
