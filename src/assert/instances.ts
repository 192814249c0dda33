import type { RetentionEntry } from '../model/entries.js'
import { checkName } from '../model/names.js'
import { collectFully } from '../measure/gc.js'
import { prepareCalls } from '../measure/leak/calls.js'
import { liveInstances, type CountMethod, type LiveInstances } from '../measure/retention/instances.js'
import { parseInstancesOptions, type InstancesOptions, type InstancesSettings } from '../measure/retention/options.js'
import { entryId, getTestContext, recordEntry } from '../record/context.js'
import { outsideTestWarning } from '../record/outside-test.js'
import { awaited } from './awaited.js'
import { refuseExtraArguments } from '../units/extra-arguments.js'
import { formatCount } from '../units/format.js'
import { parseWholeNumber } from '../units/whole-number.js'
import { PerfAssertionError } from './assertion-error.js'
import { startChain } from './strict-matchers.js'
import { thrownText } from '../measure/thrown-text.js'

export type { InstancesOptions } from '../measure/retention/options.js'
export type { CountMethod } from '../measure/retention/instances.js'

/** What `expectInstances` counted. */
export interface InstancesResult {
  /** Name of the check: the `name` option, else `fn.name`, else the class name. */
  name: string
  /** Instances of the class alive after the calls and full garbage collections. */
  alive: number
  /** The most allowed. */
  limit: number
  /** Calls of `fn` made. */
  iterations: number
  /**
   * How they were counted: `v8.queryObjects` where Node has it and the class is of the main
   * realm, else `inspector queryObjects` (any realm), else `heap snapshot`.
   */
  method: CountMethod
  /** On failure, when found: how most of them are held, as a path from a GC root. */
  retainers?: string
}

/** The matcher of `expectInstances`. */
export interface InstancesMatchers {
  /**
   * Calls `fn` `iterations` times, collects garbage, counts the class's live instances (all of
   * them, made by `fn` or not) and passes when at most `limit` are alive. Resolves with the
   * count; rejects with an assertion error that gives the count, the limit, how they were
   * counted and how most of them are held.
   */
  toBeAtMost(limit: number): Promise<InstancesResult>
}

/** Most instances a limit may allow. */
const MAX_LIMIT = 1_000_000_000

/**
 * Counts the live instances of a class after `fn` has been called `iterations` times, e.g.
 * `await expectInstances(() => openAndClose(), { iterations: 100, of: Session }).toBeAtMost(1)`:
 * a leak of one object per call shows as a count that grows with the calls, whatever its size.
 * Counted exactly after full garbage collections: with `v8.queryObjects` (Node 20.13+ and 22+,
 * for classes of the main realm), else with the inspector's `Runtime.queryObjects` (any realm:
 * Jest's test files run in a `vm` context), else from a heap snapshot; instances of subclasses
 * count, the prototypes of subclasses do not.
 * `fn` may be async (each call is awaited). Arguments are checked at once (`TypeError`).
 */
export function expectInstances(fn: () => unknown, options: InstancesOptions): InstancesMatchers {
  refuseExtraArguments('expectInstances()', arguments, ['fn', 'options'])
  const settings = parseInstancesOptions(fn, options)
  const fix = "pass a name of printable text instead: expectInstances(fn, { of, name: 'sessions' })"
  if (settings.nameFrom === 'option') checkName('expectInstances()', settings.name)
  else checkName(settings.nameFrom === 'function' ? 'expectInstances(): the function' : 'expectInstances(): the counted class', settings.name, fix)
  return startChain<InstancesMatchers>('expectInstances(…)', {
    toBeAtMost(limit: number) {
      refuseExtraArguments('expectInstances(…).toBeAtMost()', arguments, ['limit'])
      const most = parseWholeNumber(limit, 'expectInstances(…).toBeAtMost(limit)', 0, MAX_LIMIT, '1')
      return awaited(countAfterCalls(fn, settings, most), 'expectInstances(…).toBeAtMost(…)')
    },
  })
}

async function countAfterCalls(fn: () => unknown, settings: InstancesSettings, limit: number): Promise<InstancesResult> {
  const { name, iterations } = settings
  const test = getTestContext()
  const outside = test ? undefined : outsideTestWarning(`expectInstances("${name}")`)
  if (outside) console.warn(`perfspec: ${outside}`)
  const id = entryId(name, test)
  const base = { kind: 'retention', check: 'instances', id, name, limit, iterations } as const
  const fail = (message: string, error: unknown): Error => {
    recordEntry({ ...base, status: 'FAIL', alive: 0, method: 'none', message }, test)
    return new Error(message, { cause: error })
  }
  try {
    const calls = await prepareCalls(fn)
    await calls(iterations - 1)
  } catch (error) {
    throw fail(`perfspec: "${name}" threw during expectInstances: ${errorText(error)}`, error)
  }
  let counted: LiveInstances
  try {
    await collectFully(3)
    counted = await liveInstances(settings.of, (alive) => alive > limit && settings.retainers)
  } catch (error) {
    throw fail(`perfspec: expectInstances("${name}") could not count the ${settings.className} instances: ${errorText(error)}`, error)
  }
  const passed = counted.alive <= limit
  const message = instancesMessage(settings, counted, limit)
  const retainers = counted.retainers?.path
  const entry: RetentionEntry = { ...base, status: passed ? 'PASS' : 'FAIL', alive: counted.alive, method: counted.method, ...(retainers && { retainers }), message }
  recordEntry(entry, test)
  if (!passed) throw new PerfAssertionError(message)
  return { name, alive: counted.alive, limit, iterations, method: counted.method, ...(retainers && { retainers }) }
}

function errorText(error: unknown): string {
  return thrownText(error)
}

function instancesMessage(settings: InstancesSettings, counted: LiveInstances, limit: number): string {
  const { name, className, iterations } = settings
  // A function without a name is not called after the class it counts.
  const of = settings.nameFrom === 'class' ? 'fn' : `"${name}"`
  const alive = `${formatCount(counted.alive)} ${className} ${counted.alive === 1 ? 'instance' : 'instances'} alive after ${formatCount(iterations)} ${iterations === 1 ? 'call' : 'calls'} of ${of}`
  const how = `counted by ${counted.method} after full GCs`
  if (counted.alive <= limit) return `${alive}, at most ${formatCount(limit)} expected (${how})`
  const lines = [`${alive}, expected at most ${formatCount(limit)} (${formatCount(counted.alive - limit)} too many; ${how})`]
  const held = counted.retainers
  if (held) lines.push(`  ${held.held === counted.alive ? (counted.alive === 1 ? 'held by' : 'all held like this') : `${formatCount(held.held)} of them held like this`}: ${held.path}`)
  else if (settings.retainers) lines.push('  no path from a GC root to them was found in a heap snapshot')
  return lines.join('\n')
}
