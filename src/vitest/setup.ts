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
  filepath?: string
  meta: Record<string, unknown>
}

function titlePath(task: NamedTask): string[] {
  const names: string[] = []
  // The file task (the one with a `filepath`) ends the chain: its name is the path, kept apart.
  for (let t: NamedTask | undefined = task; t && t.filepath === undefined; t = t.suite) names.unshift(t.name)
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
