import { AsyncLocalStorage } from 'node:async_hooks'
import type { RecordEntry } from '../model/entries.js'
import type { TestTimeBudget } from '../model/test-time.js'
import { ID_SEPARATOR, idPart } from '../model/names.js'

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
  /**
   * The test's timeout and when it fires, where the runner tells: the measurements perfspec adds
   * (a new baseline measured several times, a suspect measured again) fit into a share of it.
   */
  time?: TestTimeBudget
  /**
   * The runner expects this test to fail (Vitest `test.fails`, Jest `test.failing`): it passes
   * when its body fails, so its benchmarks are not measured again for a baseline or a confirmation.
   */
  expectedToFail?: boolean
  /**
   * How many attempts of this test came before this one (Vitest `retry`, Jest `jest.retryTimes`):
   * absent or 0 for the first. `perfspec ab` pairs the attempts both sides make together.
   */
  retries?: number
  /**
   * Expectations begun in this test and not yet finished (`expectLatency(r).p95` with no
   * `.toBeLessThan(…)`), which check nothing: the adapter fails the test at its end naming them
   * (see `unfinished.ts`). Kept here so that every copy of perfspec loaded in the realm sees them.
   */
  unfinished?: Map<object, UnfinishedExpectation>
}

/** An expectation begun and not finished: how it was reached, how it could go on, and where it was begun. */
export interface UnfinishedExpectation {
  /** `expectLatency(…).p95` */
  path: string
  /** How to finish it: `go on with .toBeLessThan(…) or .toBeLessThanOrEqual(…)`, `await it` */
  hint: string
  /** Taken where the expectation was begun (its stack is read only when it is reported). */
  begun: Error
  /** Called once it is reported (a check not awaited: its late failure is said already). */
  reported?: () => void
}

/** Names the test of one async chain; `undefined` once that test has ended. */
export type TestContextResolver = () => TestContext | undefined

interface ContextSlot {
  current?: TestContext
  resolve?: TestContextResolver
  /** The test of each async chain, for runners that run tests of one file concurrently. */
  chains?: AsyncLocalStorage<TestContextResolver>
  /** The runner adapter that loaded in this realm, if any: outside its tests, perfspec records nothing. */
  adapter?: string
  /** Concurrent tests running in this process now, as the adapter counts them. */
  concurrent?: number
}

// One slot per process (realm), shared by every copy of perfspec that gets loaded: the adapter's
// setup file and a test file may resolve perfspec through different paths (source vs. dist, ESM
// vs. CommonJS) and must still see the same test context.
const SLOT_KEY = Symbol.for('perfspec.testContext')
const slot: ContextSlot = ((globalThis as Record<symbol, ContextSlot | undefined>)[SLOT_KEY] ??= {})

const chains = (slot.chains ??= new AsyncLocalStorage<TestContextResolver>())

// The ids given out in each test, so far: each with the name it was asked for, and whether it
// was numbered (` #2`) because that name was taken.
const reservedIds = new WeakMap<TestContext, Map<string, { name: string; numbered: boolean }>>()

/**
 * Names the test of the current async chain and of everything it starts, so that tests that run
 * concurrently in one process each record into their own (`test.concurrent`). For runner
 * adapters, from a hook that runs in the test's own chain (Vitest's `beforeEach`), for concurrent
 * tests only, and followed by {@link leaveTestChains} when the last of them ends. Takes
 * precedence over {@link setTestContext} and the resolver; the resolver should return
 * `undefined` once its test has ended, since the chain may outlive it.
 */
export function enterTestChain(resolve: TestContextResolver): void {
  chains.enterWith(resolve)
}

/**
 * Stops naming tests by async chain, once no concurrent test runs: while a chain is named, Node
 * 20 tracks the context of every promise, which makes each `await` about 3x slower and would
 * slow every async benchmark that runs after it.
 */
export function leaveTestChains(): void {
  chains.disable()
}

/** Runs `fn` with its async chain naming the test `resolve` gives (see {@link enterTestChain}). */
export function runInTestChain<T>(resolve: TestContextResolver, fn: () => T): T {
  return chains.run(resolve, fn)
}

/**
 * For runner adapters: how many concurrent tests (`test.concurrent`) of this process run at this
 * moment. A heap reading of one of them counts what the others allocate meanwhile.
 */
export function setConcurrentTests(count: number): void {
  slot.concurrent = count
}

/** How many concurrent tests of this process run at this moment, as the adapter tells (0 when it does not). */
export function concurrentTests(): number {
  return slot.concurrent ?? 0
}

/** Tells perfspec that a runner adapter is loaded (`'vitest'`, `'jest'`; `undefined`: none): records made outside its tests are reported as lost. */
export function setTestAdapter(name: string | undefined): void {
  slot.adapter = name
}

/** The runner adapter that loaded in this realm, if any. */
export function testAdapter(): string | undefined {
  return slot.adapter
}

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
  return chains.getStore()?.() ?? slot.current ?? slot.resolve?.()
}

/**
 * Records an entry for the reporter into `context`; a no-op when it is `undefined` (outside a test).
 *
 * @param context - the test to record into, always given (no default: a measurement begun outside
 *   a test passes `undefined` and must not land in whatever test runs when it ends). A benchmark
 *   names its test when it starts, so that a test that starts meanwhile cannot take its entry, and
 *   a stopped one records its failure where it began; an expectation passes `getTestContext()`.
 */
export function recordEntry(entry: RecordEntry, context: TestContext | undefined): void {
  context?.entries.push(entry)
}

/**
 * The stable id of a benchmark (or leak check): test file, describe blocks, test name and the
 * given name joined by ` > ` (a ` > ` inside a part is written ` \> `, control characters as
 * escapes, see {@link idPart}). A second use of the same name in one test gets ` #2`, and so on.
 * Outside a test the id is the name alone.
 *
 * @throws TypeError when a name given is the numbered name of another (`"x #2"` beside a second
 *   `"x"`) in one test, in either order: which of them got which id, and so which baseline, would
 *   depend on the order they ran in.
 */
export function entryId(name: string, context: TestContext | undefined): string {
  if (!context) return name
  const base = [context.file, ...context.titlePath, name].map(idPart).join(ID_SEPARATOR)
  // Ids are reserved when a benchmark starts, not when it records: two benchmarks of one name
  // that run at the same time (Promise.all) must not both take the first.
  let taken = reservedIds.get(context)
  if (!taken) {
    taken = new Map(context.entries.filter((e) => e.kind !== 'expectation').map((e) => [(e as { id: string }).id, { name: (e as { name: string }).name, numbered: false }]))
    reservedIds.set(context, taken)
  }
  const clash = (given: string, numbered: string) =>
    new TypeError(`perfspec: the name "${given}" is the name perfspec gives to a second use of "${numbered}" in the test "${[context.file, ...context.titlePath].join(' > ')}", which also runs; which of them gets which id (and baseline) would depend on the order they run in; rename one of them`)
  const held = taken.get(base)
  if (held?.numbered) throw clash(name, held.name)
  let id = base
  for (let n = 2; taken.has(id); n++) {
    id = `${base} #${n}`
    const other = taken.get(id)
    if (other && !other.numbered) throw clash(other.name, name)
  }
  taken.set(id, { name, numbered: id !== base })
  return id
}
