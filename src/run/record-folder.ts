/**
 * A folder through which test processes hand their test records to the reporter's process: each
 * process (and thread) appends one JSON line per test to a file of its own, synchronously, so
 * that no two writers share a file and a process that dies loses nothing it wrote. The reporter
 * names the folder in an environment variable before the runner starts its workers, which
 * inherit it.
 */
import { appendFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { basename, dirname, join } from 'pathe'
import { isAlive, processView } from '../measure/process-alive.js'
import { privateTempFolder } from '../measure/private-folder.js'
import { parseRecords, stringifyRecords } from './record-json.js'
import { folderOwner, recordRootName } from '../record/runner-process.js'

/** The name of a folder {@link createRecordFolder} makes: its process id, a dash, six characters of `mkdtemp`. */
const OWN_FOLDER = /^[1-9]\d*-[A-Za-z0-9]{6}$/

/**
 * The file in each record folder that says who made it ({@link processView}), written when it is
 * made: a folder is swept only by a run that can see whether its maker is alive, and a folder
 * that lost it lost its records too.
 */
const OWNER_FILE = '.owner'

/**
 * How the files of records end. They and the owner file are named alike, with a leading dot and no
 * common extension (not `.json`, `.jsonl`, `.log`), so that a cleanup of the temporary folder that
 * spares dot-files or removes files by their extension takes all of them or none: records that
 * vanish take the owner file with them, and the loss is seen ({@link recordsLost}).
 */
const RECORDS = '.records'

/**
 * The file in each record folder that counts the records written, one line each, made with the
 * folder: a cleanup that removes the files that appeared while a test ran takes the records and
 * leaves it (and the owner file), and the count says what is missing ({@link takeRecords}).
 */
const SHIPPED = '.shipped'

/**
 * Age after which a folder whose maker cannot be seen from here (another PID namespace or host, or
 * a perfspec that wrote no {@link OWNER_FILE}) is swept all the same: no test run lasts a day.
 */
export const UNSEEN_OWNER_STALE_MS = 24 * 60 * 60 * 1000

/**
 * Creates a fresh, private folder `<pid>-<random>` under `perfspec-<kind>-<user id>` in the temp
 * folder, first removing the folders of that kind whose process is gone (a killed runner cannot
 * remove its own: the next run does; one that cannot be removed is left). Whether it is gone is
 * judged only for a folder made where this process can see its maker (the same host and PID
 * namespace: a run in a container that shares the temp folder has pids this one cannot see);
 * any other is removed once a day old ({@link UNSEEN_OWNER_STALE_MS}). The shared folder is
 * used only when it is a real folder (not a link) of this user that no one else may enter; one
 * that is not (made by another user in a shared temp folder, or a link to elsewhere) is left
 * untouched, and a private folder of its own is made beside it instead. Nothing but folders
 * named as this function names them is ever removed.
 *
 * @param now - time now, ms since the epoch (injectable for tests)
 * @throws the file system's error when the folder cannot be made
 */
export function createRecordFolder(kind: string, now = Date.now()): string {
  const name = recordRootName(kind)
  const base = privateTempFolder(name)
  const view = processView()
  if (!base) return ownFolder(mkdtempSync(join(mkdtempSync(join(os.tmpdir(), `${name}-`)), `${process.pid}-`)), view)
  for (const name of readdirSync(base)) {
    const pid = folderOwner(name)
    if (!OWN_FOLDER.test(name) || pid === undefined || pid === process.pid) continue
    try {
      const folder = join(base, name)
      const stat = lstatSync(folder)
      if (!stat.isDirectory()) continue
      const seen = ownerOf(folder) === view
      if (seen ? isAlive(pid) : now - stat.mtimeMs < UNSEEN_OWNER_STALE_MS) continue
      rmSync(folder, { recursive: true, force: true })
    } catch {
      // another's, or busy: the next run tries again
    }
  }
  return ownFolder(mkdtempSync(join(base, `${process.pid}-`)), view)
}

function ownFolder(dir: string, view: string): string {
  writeFileSync(join(dir, OWNER_FILE), view)
  writeFileSync(join(dir, SHIPPED), '')
  return dir
}

function ownerOf(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, OWNER_FILE), 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Whether `dir`, made by {@link createRecordFolder}, lost what its run wrote: the folder is gone,
 * or its owner file or its count of records is (a test that emptied the temporary folder, another
 * program sweeping it). Records read from it then are not all the run recorded; see also
 * `missing` of {@link takeRecords}.
 */
export function recordsLost(dir: string): boolean {
  return !existsSync(join(dir, OWNER_FILE)) || !existsSync(join(dir, SHIPPED))
}

export { folderOwner }

/** Appends one record to this process's (and thread's) file in `dir`. */
export function appendRecord(dir: string, record: unknown, threadId: number): void {
  appendFileSync(join(dir, `.${process.pid}-${threadId}${RECORDS}`), `${stringifyRecords(record)}\n`)
  // Counted once written: a count above what is read is records that vanished (probe 49 #3).
  appendFileSync(join(dir, SHIPPED), '1\n')
}

/**
 * Reads every record in `dir`, in each file's order, and removes the files read. A line that does
 * not parse (a process killed mid-write) is skipped and counted, never fatal; so is a file that
 * cannot be read. A folder that is gone reads as empty. `missing`: how many more records the
 * folder counts as written than were read or found unreadable (files removed by someone else);
 * the count starts again.
 */
export function takeRecords(dir: string): { records: unknown[]; unreadable: number; missing: number } {
  const records: unknown[] = []
  let unreadable = 0
  let names: string[] = []
  const shipped = takeCount(dir)
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(RECORDS))
  } catch {
    return { records, unreadable, missing: 0 }
  }
  for (const name of names) {
    const path = join(dir, name)
    let text = ''
    try {
      text = readFileSync(path, 'utf8')
      rmSync(path, { force: true })
    } catch {
      unreadable += 1
      continue
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue
      try {
        records.push(parseRecords(line))
      } catch {
        unreadable += 1
      }
    }
  }
  return { records, unreadable, missing: Math.max(0, shipped - records.length - unreadable) }
}

/** The records counted as written in `dir` (see {@link SHIPPED}), the count then emptied; 0 when it cannot be read. */
function takeCount(dir: string): number {
  try {
    const path = join(dir, SHIPPED)
    const count = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').length
    writeFileSync(path, '')
    return count
  } catch {
    return 0
  }
}

/** Removes the records in `dir` unread. */
export function clearRecords(dir: string): void {
  let names: string[] = []
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(RECORDS))
  } catch {
    return
  }
  for (const name of names) rmSync(join(dir, name), { force: true })
  takeCount(dir)
}

/** Removes the folder and what is left in it, and the private folder made for it beside a shared one that could not be used. */
export function removeRecordFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  const parent = dirname(dir)
  if (dirname(parent) === os.tmpdir() && /^perfspec-.+-[A-Za-z0-9]{6}$/.test(basename(parent))) {
    try {
      rmdirSync(parent)
    } catch {
      // not empty (a shared folder in use), or gone
    }
  }
}
