import { formatBytes, formatCount } from '../units/format.js'
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs'

/**
 * The largest file perfspec reads: 64 MiB. A baseline file holds one test file's benchmarks
 * (kilobytes each) and a run report one run's; a larger file is a mistake (a log, a dump, a
 * path to a device) that reading whole would only slow down or exhaust memory with.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

/** Why a file was not read: nothing there, a directory, a FIFO, device or socket, over the limit, or an error. */
export type UnreadReason = 'missing' | 'directory' | 'special' | 'too-large' | 'unreadable'

/** A file's text, or why it was not read, with `problem` the end of a sentence that starts with its path. */
export type FileText = { ok: true; text: string } | { ok: false; reason: UnreadReason; problem: string }

/** What kind of file `stats` is, for a message: "a FIFO (named pipe)", "a character device". */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

/**
 * Reads a regular file (or a symlink to one) as UTF-8 text, refusing anything else without
 * reading it: a FIFO would block the run forever, a device such as `/dev/zero` never ends, and
 * a file over `limit` bytes is no file perfspec wrote. The file is opened without blocking and
 * checked through its descriptor, so what is checked is what is read, and reading stops at the
 * limit even when the file grows meanwhile. Never throws.
 *
 * @param limit - the most bytes read; default {@link MAX_FILE_BYTES}
 */
export function readRegularFile(path: string, limit = MAX_FILE_BYTES): FileText {
  let fd: number
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. Windows has none.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      const dangling = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false
      return dangling ? { ok: false, reason: 'unreadable', problem: 'is a symbolic link to a file that does not exist' } : { ok: false, reason: 'missing', problem: 'does not exist' }
    }
    if (code === 'EISDIR') return { ok: false, reason: 'directory', problem: 'is a directory, not a file' }
    return { ok: false, reason: 'unreadable', problem: `cannot be read: ${(error as Error).message}` }
  }
  try {
    const stats = fstatSync(fd)
    if (stats.isDirectory()) return { ok: false, reason: 'directory', problem: 'is a directory, not a file' }
    if (!stats.isFile()) return { ok: false, reason: 'special', problem: `is ${kindOf(stats)}, not a regular file` }
    const tooLarge = (size: string) => ({ ok: false as const, reason: 'too-large' as const, problem: `is ${size}, more than perfspec reads (${formatBytes(limit)}); it is no file perfspec wrote` })
    if (stats.size > limit) return tooLarge(`${formatCount(stats.size)} bytes`)
    // Files of /proc and the like say 0 bytes and have more: read until the end, up to the limit.
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size - total, 64 * 1024), limit + 1 - total))
      const read = readSync(fd, chunk, 0, chunk.length, null)
      if (read === 0) break
      chunks.push(chunk.subarray(0, read))
      total += read
      if (total > limit) return tooLarge(`longer than it said (${formatCount(stats.size)} bytes)`)
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') }
  } catch (error) {
    return { ok: false, reason: 'unreadable', problem: `cannot be read: ${(error as Error).message}` }
  } finally {
    closeSync(fd)
  }
}
