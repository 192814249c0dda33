import type { BaselineFile, BaselineRead } from '../../src/model/baseline.js'
import type { BaselineStore } from '../../src/run/baseline-store.js'

/** Baseline files in memory: what the session read and wrote, and a file that cannot be written. */
export class MemoryStore implements BaselineStore {
  readonly files = new Map<string, BaselineRead>()
  readonly writes: string[] = []
  readOnly = new Set<string>()
  pathOf(testFile: string) {
    return `baselines/${testFile}.json`
  }
  read(testFile: string): BaselineRead {
    return this.files.get(testFile) ?? { status: 'missing' }
  }
  write(testFile: string, data: BaselineFile) {
    if (this.readOnly.has(testFile)) throw new Error('EACCES: permission denied')
    this.writes.push(testFile)
    this.files.set(testFile, { status: 'ok', data: structuredClone(data) })
  }
  exists: (testFile: string) => boolean = () => true
  list() {
    return [...this.files.keys()]
  }
  remove(testFile: string) {
    this.files.delete(testFile)
  }
  testFileExists(testFile: string) {
    return this.exists(testFile)
  }
}

