import type { RetentionEntry } from '../model/entries.js'
import { checkName, isCleanName } from '../model/names.js'
import { isThenable } from '../measure/leak/calls.js'
import { awaitCollection, isCollected, type CollectionOutcome } from '../measure/retention/collection.js'
import { parseCollectedOptions, type CollectedOptions } from '../measure/retention/options.js'
import { findRetainers, type RetainerFinding } from '../measure/retention/retainers.js'
import { entryId, getTestContext, recordEntry } from '../record/context.js'
import { outsideTestWarning } from '../record/outside-test.js'
import { awaited } from './awaited.js'
import { argumentError } from '../units/argument-error.js'
import { refuseExtraArguments } from '../units/extra-arguments.js'
import { formatCount, formatDuration } from '../units/format.js'
import { PerfAssertionError } from './assertion-error.js'
import { collectableRef, isWeakRef, kindOf, type Collectable } from './collectable.js'
import { isA, thrownText } from '../measure/thrown-text.js'

export type { CollectedOptions } from '../measure/retention/options.js'

/** What `expectCollected` found when the object was collected. */
export interface CollectedResult {
  /** Name of the check: the `name` option, else the object's constructor name. */
  name: string
  /** Full garbage collections run until the object was gone. */
  gcs: number
  /** Time the check took, ms. */
  elapsed: number
}

/** An object to watch: a factory perfspec calls, a {@link Collectable} handle, or a `WeakRef`. */
export type CollectedTarget = (() => unknown) | Collectable | WeakRef<object>

/**
 * Checks that an object is garbage-collected: runs full garbage collections, each after a
 * macrotask, until it is gone (resolves) or `gcs` of them have passed (rejects with an assertion
 * error that names what still holds it: a path from a GC root, from a heap snapshot, such as
 * `(module) cache: Map → entry: Session`). Records the check for the report inside a test.
 *
 * The object is given in a way that does not hold it:
 * - `() => createThing()`: perfspec calls the factory (awaiting it if it returns a promise) and
 *   keeps only a `WeakRef` to what it returns;
 * - `collectable(thing)`, taken while the test still holds `thing`, which it then lets go;
 * - a `WeakRef` the test made.
 * A function is always taken as a factory: to watch a function object, use `collectable(fn)`.
 */
export function expectCollected(target: CollectedTarget, options?: CollectedOptions): Promise<CollectedResult> {
  // Not awaited, its verdict would come after its test ended: the test fails saying so.
  return awaited(
    (async () => {
      refuseExtraArguments('expectCollected()', arguments, ['target', 'options'])
      return checkCollected(target, options)
    })(),
    'expectCollected(…)',
  )
}

async function checkCollected(target: CollectedTarget, options: CollectedOptions | undefined): Promise<CollectedResult> {
  const settings = parseCollectedOptions(options)
  const test = getTestContext()
  const given = await watched(target, settings.name, test)
  const name = settings.name ?? given.kind
  if (settings.name !== undefined) checkName('expectCollected()', name)
  else checkName("expectCollected(): the watched object's class", name, "pass a name of printable text instead: expectCollected(…, { name: 'session' })")
  const outside = test ? undefined : outsideTestWarning(`expectCollected("${name}")`)
  if (outside) console.warn(`perfspec: ${outside}`)
  const id = entryId(name, test)
  const outcome = await awaitCollection(given.ref, settings.gcs)
  let finding: RetainerFinding | { error: string } | undefined
  if (!outcome.collected && settings.retainers) {
    // Naming the holder is a courtesy: a snapshot that fails must not hide the finding itself.
    finding = await findRetainers(given.ref).catch((error: unknown) => ({ error: thrownText(error) }))
  }
  const collected = outcome.collected || (finding !== undefined && 'collected' in finding && finding.collected) || isCollected(given.ref)
  const message = collected ? collectedMessage(name, outcome) : retainedMessage(name, outcome, finding)
  const path = finding && 'path' in finding ? finding.path : undefined
  const entry: RetentionEntry = { kind: 'retention', check: 'collected', id, name, status: collected ? 'PASS' : 'FAIL', alive: collected ? 0 : 1, limit: 0, method: 'WeakRef', ...(path && { retainers: path }), message }
  recordEntry(entry, test)
  if (!collected) throw new PerfAssertionError(message)
  return { name, gcs: outcome.gcs, elapsed: outcome.elapsed }
}

/** The `WeakRef` to watch and what the object is. */
interface Watched {
  ref: WeakRef<object>
  kind: string
}

/** Reads the target argument; calls a factory (a factory that throws fails the check, recorded). */
async function watched(target: unknown, name: string | undefined, test: ReturnType<typeof getTestContext>): Promise<Watched> {
  const handle = collectableRef(target)
  if (handle) return { ref: handle, kind: (target as Collectable).name }
  if (isWeakRef(target)) return { ref: target, kind: weakRefKind(target) }
  if (typeof target !== 'function') {
    throw argumentError(
      'expectCollected(target)',
      target,
      'a factory, a collectable() handle or a WeakRef (the object itself would be held by the call): expectCollected(() => createThing()), or const handle = collectable(thing) before letting go of thing, then expectCollected(handle)',
    )
  }
  try {
    return await created(target as () => unknown)
  } catch (error) {
    if (isA(error, TypeError) && error.message.startsWith('perfspec:')) throw error
    // A function's name comes from its key, which may be any text: only a clean one names the check.
    const label = name ?? (target.name && isCleanName(target.name) ? (target.name as string) : 'factory')
    const message = `perfspec: the factory given to expectCollected("${label}") threw: ${thrownText(error)}`
    recordEntry({ kind: 'retention', check: 'collected', id: entryId(label, test), name: label, status: 'FAIL', alive: 0, limit: 0, method: 'WeakRef', message }, test)
    throw new Error(message, { cause: error })
  }
}

/**
 * Calls the factory and keeps only a `WeakRef` to its result. Not async for a sync factory, and
 * the awaited value of an async one is wrapped in a `.then` callback: a value held in a variable
 * of a suspended async function would stay alive as long as it is suspended.
 */
function created(factory: () => unknown): Watched | Promise<Watched> {
  const result = factory()
  return isThenable(result) ? Promise.resolve(result).then(weakRefTo) : weakRefTo(result)
}

function weakRefTo(value: unknown): Watched {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
    throw argumentError('the factory given to expectCollected()', value, 'a function that returns the object to watch (an object or function), e.g. () => new Session()')
  }
  return { ref: new WeakRef(value), kind: kindOf(value) }
}

/** The kind of a `WeakRef`'s target, or `object` if it is gone already. Not async: see {@link isCollected}. */
function weakRefKind(ref: WeakRef<object>): string {
  const target = ref.deref()
  return target === undefined ? 'object' : kindOf(target)
}

function gcsText(gcs: number): string {
  return `${formatCount(gcs)} full ${gcs === 1 ? 'GC' : 'GCs'}`
}

function collectedMessage(name: string, outcome: CollectionOutcome): string {
  if (!outcome.collected) return `"${name}" was garbage-collected by the collection of a heap snapshot, after ${gcsText(outcome.gcs)} had left it alive (${formatDuration(outcome.elapsed)})`
  return `"${name}" was garbage-collected after ${gcsText(outcome.gcs)} (${formatDuration(outcome.elapsed)})`
}

function retainedMessage(name: string, outcome: CollectionOutcome, finding: RetainerFinding | { error: string } | undefined): string {
  const head = `"${name}" was not garbage-collected: still alive after ${gcsText(outcome.gcs)}, each after a macrotask (${formatDuration(outcome.elapsed)})`
  return `${head}\n  ${holderText(finding)}`
}

function holderText(finding: RetainerFinding | { error: string } | undefined): string {
  if (!finding) return '(heap snapshot skipped: retainers: false)'
  if ('error' in finding) return `(no heap snapshot to name its holder: ${finding.error})`
  if (!finding.path) return 'no path from a GC root to it was found in a heap snapshot'
  return `held by: ${finding.path}`
}
