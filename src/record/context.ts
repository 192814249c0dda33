import type { RecordEntry } from '../model/entries.js'

/**
 * Where the test that is running now stands, as a runner adapter tells it. The measuring code
 * never imports a runner: adapters set this before each test and read the entries after it.
 */
export interface TestContext {
  /** Test file, relative to the project root, with `/` separators. */
  file: string
  /** Describe blocks then the test name. */
  titlePath: string[]
  /** Receives every entry recorded during this test. */
  entries: RecordEntry[]
  /**
   * Aborted when the test times out or ends, where the runner tells: a benchmark still measuring
   * then stops instead of running on in the background.
   */
  signal?: AbortSignal
}

interface ContextSlot {
  current?: TestContext
  resolve?: () => TestContext | undefined
}

// One slot per process (realm), shared by every copy of perfspec that gets loaded: the adapter's
// setup file and a test file may resolve perfspec through different paths (source vs. dist, ESM
// vs. CommonJS) and must still see the same test context.
const SLOT_KEY = Symbol.for('perfspec.testContext')
const slot: ContextSlot = ((globalThis as Record<symbol, ContextSlot | undefined>)[SLOT_KEY] ??= {})

/** Sets (or clears, with `undefined`) the test that is running. For runner adapters. */
export function setTestContext(context: TestContext | undefined): void {
  slot.current = context
}

/**
 * Lets a runner adapter name the running test on demand instead of before every test: perfspec
 * asks only when a benchmark or check records something, so tests without any cost nothing.
 * A context set with {@link setTestContext} takes precedence.
 */
export function setTestContextResolver(resolve: (() => TestContext | undefined) | undefined): void {
  slot.resolve = resolve
}

/** The test that is running, if a runner adapter set one. */
export function getTestContext(): TestContext | undefined {
  return slot.current ?? slot.resolve?.()
}

/**
 * Records an entry for the reporter, when running inside a test; a no-op otherwise. A benchmark
 * passes the context it started in: by the time a stopped one records its failure, its test may
 * have ended and the next one begun.
 */
export function recordEntry(entry: RecordEntry, context: TestContext | undefined = getTestContext()): void {
  context?.entries.push(entry)
}

/**
 * The stable id of a benchmark (or leak check): test file, describe blocks, test name and the
 * given name joined by ` > `. A second use of the same name in one test gets ` #2`, and so on.
 * Outside a test the id is the name alone.
 */
export function entryId(name: string): string {
  const context = getTestContext()
  if (!context) return name
  const base = [context.file, ...context.titlePath, name].join(' > ')
  const taken = new Set(context.entries.filter((e) => e.kind !== 'expectation').map((e) => (e as { id: string }).id))
  if (!taken.has(base)) return base
  let n = 2
  while (taken.has(`${base} #${n}`)) n += 1
  return `${base} #${n}`
}
