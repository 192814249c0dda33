import { readFileSync, writeFileSync } from 'node:fs'
import type { AttemptLatency } from '../model/bench-result.js'

/**
 * The lowest reading of each gate statistic that the processes measuring new baselines took so
 * far, by benchmark ({@link benchKey}): what a further process is told, so that it stops measuring
 * a benchmark once it read the same speed (see `readEnough`).
 */
export type FastestReadings = ReadonlyMap<string, AttemptLatency>

/** A benchmark's key among {@link FastestReadings}: its test file, as records and test contexts name it, and its id. */
export function benchKey(file: string, id: string): string {
  return `${file}\0${id}`
}

/** Writes the readings where a further process's workers read them (a file: a suite's worth would not fit an environment variable). */
export function writeFastestReadings(path: string, fastest: FastestReadings): void {
  writeFileSync(path, JSON.stringify([...fastest]))
}

// Each worker reads the file once: it does not change while the process runs.
let cached: { path: string; readings: Map<string, AttemptLatency> } | undefined

/**
 * The readings a further process was told for benchmark `id` of test file `file`, or `undefined`
 * when it was told none (or the file cannot be read: then every measurement is taken, as before).
 */
export function fastestReadingOf(path: string, file: string, id: string): AttemptLatency | undefined {
  if (cached?.path !== path) {
    let readings = new Map<string, AttemptLatency>()
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
      if (Array.isArray(parsed)) readings = new Map(parsed.filter((e): e is [string, AttemptLatency] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'object' && e[1] !== null))
    } catch {
      // Unreadable: no reading is known, and the process measures as many times as asked.
    }
    cached = { path, readings }
  }
  return cached.readings.get(benchKey(file, id))
}
