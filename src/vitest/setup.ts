/**
 * Vitest setup file that the perfspec plugin adds to `setupFiles`: before each test it tells
 * perfspec which test is running and where its entries go (the task's `meta`, which Vitest
 * carries from the worker to the reporter); after the test it clears that.
 */
import { afterEach, beforeEach } from 'vitest'
import { setTestContext } from '../record/context.js'
import type { RecordEntry } from '../record/entries.js'

interface NamedTask {
  name: string
  suite?: NamedTask
  file?: { name: string }
  /** Set on the file task only. */
  filepath?: string
  meta: Record<string, unknown>
}

function titlePath(task: NamedTask): string[] {
  const names: string[] = []
  for (let t: NamedTask | undefined = task; t; t = t.suite) {
    // Skip the file task, whose name is the path, kept separately. Whether a top-level describe
    // links to it as its `suite` differs between Vitest versions (Vitest 4 does not).
    if (t.filepath === undefined) names.unshift(t.name)
  }
  return names
}

beforeEach((context) => {
  const task = context.task as unknown as NamedTask
  const meta = task.meta as { perfspec?: { entries: RecordEntry[] } }
  meta.perfspec = { entries: [] }
  setTestContext({ file: task.file?.name ?? 'unknown', titlePath: titlePath(task), entries: meta.perfspec.entries })
})

afterEach(() => {
  setTestContext(undefined)
})
