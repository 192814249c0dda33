import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { appendRecord, clearRecords, createRecordFolder, recordsLost, removeRecordFolder, takeRecords } from '../src/run/record-folder.js'

// What test processes hand the reporter through a record folder, and what the reporter sees when
// someone else removes part of it.
const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) removeRecordFolder(dir)
})
const folder = () => {
  const dir = createRecordFolder('unit-test')
  made.push(dir)
  return dir
}

test('records written are read back, in order, and counted as all there', () => {
  const dir = folder()
  appendRecord(dir, { n: 1 }, 0)
  appendRecord(dir, { n: 2 }, 0)
  appendRecord(dir, { n: 3 }, 1)
  const read = takeRecords(dir)
  expect(read.records).toHaveLength(3)
  expect(read).toMatchObject({ unreadable: 0, missing: 0 })
  expect(recordsLost(dir)).toBe(false)
  // The count starts again with the next records.
  appendRecord(dir, { n: 4 }, 0)
  expect(takeRecords(dir)).toMatchObject({ records: [{ n: 4 }], missing: 0 })
})

test('probe 49 #3: records removed by someone else while the owner file and the count stay are counted as missing', () => {
  const dir = folder()
  appendRecord(dir, { n: 1 }, 0)
  appendRecord(dir, { n: 2 }, 7)
  appendRecord(dir, { n: 3 }, 7)
  // A test that removes the files that appeared while it ran: this thread's records.
  for (const name of readdirSync(dir).filter((n) => n.includes('-7.'))) rmSync(join(dir, name))
  expect(recordsLost(dir)).toBe(false)
  expect(takeRecords(dir)).toMatchObject({ records: [{ n: 1 }], missing: 2 })
})

test('a folder that lost its count or its owner file lost what its run wrote; records cleared unread are not missing', () => {
  const dir = folder()
  appendRecord(dir, { n: 1 }, 0)
  clearRecords(dir)
  expect(takeRecords(dir)).toMatchObject({ records: [], missing: 0 })
  rmSync(join(dir, '.shipped'))
  expect(recordsLost(dir)).toBe(true)
})
