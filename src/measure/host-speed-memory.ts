import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { privateTempFolder } from './private-folder.js'
import { launchEnv } from './launch-env.js'

/**
 * The lowest host-speed probe reading that processes of this machine saw lately, kept in a small
 * file in the system's temporary folder. A test worker is often a fresh process that lives for
 * one test file: on its own it knows only the readings of its few benchmarks, which a slow
 * stretch of the host may cover entirely. Only a hint: a missing, unreadable or stale file is
 * ignored, and failing to write it changes nothing but how many measurements a baseline takes.
 */
export interface HostSpeedMemory {
  /** The lowest reading remembered for this machine within {@link HOST_SPEED_MEMORY_MS}, ns per element. */
  recall(): number | undefined
  /** Remembers `reading` when it is lower than what is remembered (or nothing is). */
  remember(reading: number): void
}

/** How long a remembered reading stands for this machine, ms: a VM moved to another host is another machine. */
export const HOST_SPEED_MEMORY_MS = 60 * 60 * 1000

/**
 * The kind of process that reads the probe: the test runner whose worker it is. The kernel runs at
 * another speed under another runner (Jest's workers read it faster than Vitest's on the same
 * machine), so a reading of one kind says nothing of another's host: a Vitest worker set against
 * a Jest worker's best read as a slow host, and a real regression was excused as one.
 */
export function processKind(env: NodeJS.ProcessEnv = launchEnv()): string {
  if (env.VITEST) return 'vitest'
  if (env.JEST_WORKER_ID) return 'jest'
  return 'node'
}

/**
 * This user's own folder for the memory (`perfspec-<uid>` in the temporary folder, closed to
 * others), or none: a shared folder would let another user choose what is read, or, through a
 * link, what is overwritten.
 */
function userFolder(): string | undefined {
  const uid = process.getuid?.()
  return privateTempFolder(`perfspec${uid === undefined ? '' : `-${uid}`}`)
}

/**
 * The memory of this machine and kind of process (CPU model, cores, OS, arch, Node major and
 * {@link processKind} name the file), read from `folder` (default: this user's own folder in the
 * system's temporary folder; `null`, also when that cannot be had: nothing is remembered).
 */
export function hostSpeedMemory(folder: string | null = userFolder() ?? null, now: () => number = Date.now, kind = processKind()): HostSpeedMemory {
  if (folder === null) return { recall: () => undefined, remember: () => undefined }
  const cpus = os.cpus()
  const key = `${cpus[0]?.model ?? 'unknown'}|${cpus.length}|${os.platform()}|${process.arch}|${process.versions.node.split('.')[0]}|${kind}`
  const file = join(folder, `host-speed-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`)
  let known: number | undefined
  let read = false
  return {
    recall() {
      if (!read) {
        read = true
        try {
          const data = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; best?: unknown; at?: unknown }
          if (data.key === key && typeof data.best === 'number' && data.best > 0 && typeof data.at === 'number' && now() - data.at < HOST_SPEED_MEMORY_MS) known = data.best
        } catch {
          // No memory yet, or not readable: this process's own readings decide.
        }
      }
      return known
    },
    remember(reading) {
      const current = this.recall()
      if (current !== undefined && current <= reading) return
      known = reading
      try {
        mkdirSync(folder, { recursive: true })
        const temporary = `${file}.${process.pid}.tmp`
        writeFileSync(temporary, JSON.stringify({ key, best: reading, at: now() }))
        renameSync(temporary, file)
      } catch {
        // A read-only temporary folder: the hint is lost, nothing else.
      }
    },
  }
}
