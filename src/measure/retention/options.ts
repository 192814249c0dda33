import { argumentError } from '../../units/argument-error.js'
import { optionsObject } from '../../units/options-object.js'
import { parseWholeNumber } from '../../units/whole-number.js'

/** Options of `expectCollected`. Every one is optional. */
export interface CollectedOptions {
  /**
   * Name in messages and the report; default: the object's constructor name (`Session`), as
   * read when the object was handed over.
   */
  name?: string
  /**
   * Full garbage collections to wait through, each after a macrotask, before the object counts
   * as retained; default 5, from 1 to 100. A collectable object is usually gone after the first:
   * the others give what the program lets go a turn or two of the event loop later its chance.
   */
  gcs?: number
  /**
   * When the object is still alive, take a heap snapshot and name what holds it; default true.
   * A snapshot blocks the process and needs about twice the heap for a moment.
   */
  retainers?: boolean
}

/** Options of `expectInstances`. `of` is required. */
export interface InstancesOptions {
  /** The class (constructor function) whose live instances are counted; subclasses' count too. */
  of: Function
  /** Calls of `fn` before counting; default 100, from 1 to 10,000,000. */
  iterations?: number
  /** Name in messages and the report; default `fn.name`, else the class name. */
  name?: string
  /** When too many are alive, name how they are held, from a heap snapshot; default true. */
  retainers?: boolean
}

/** {@link CollectedOptions} checked, with their defaults. */
export interface CollectedSettings {
  name?: string
  gcs: number
  retainers: boolean
}

/** {@link InstancesOptions} checked, with their defaults. */
export interface InstancesSettings {
  of: Function
  className: string
  iterations: number
  name: string
  /** Where `name` comes from: the `name` option, `fn`'s own name, or (neither given) the class's. */
  nameFrom: 'option' | 'function' | 'class'
  retainers: boolean
}

/** Most full collections of one `expectCollected`: each may take tens of milliseconds. */
const MAX_GCS = 100
const DEFAULT_GCS = 5
/** Most calls of one `expectInstances`: more is a typo, not a check. */
const MAX_ITERATIONS = 10_000_000
const DEFAULT_ITERATIONS = 100

/** Checks `expectCollected`'s options: a `TypeError` naming the option otherwise. */
export function parseCollectedOptions(options: unknown): CollectedSettings {
  const owner = 'expectCollected'
  const o = optionsObject(options, ['name', 'gcs', 'retainers'], owner, '{ gcs: 10 }')
  const name = o.name === undefined ? undefined : checkName(o.name, owner)
  const gcs = o.gcs === undefined ? DEFAULT_GCS : parseWholeNumber(o.gcs, `${owner} option "gcs"`, 1, MAX_GCS, '10')
  return { ...(name !== undefined && { name }), gcs, retainers: optionalBoolean(o.retainers, owner, 'retainers') ?? true }
}

/** Checks `expectInstances`' arguments: a `TypeError` naming the argument or option otherwise. */
export function parseInstancesOptions(fn: unknown, options: unknown): InstancesSettings {
  const owner = 'expectInstances'
  const example = '{ iterations: 100, of: Session }'
  if (typeof fn !== 'function') throw argumentError(`${owner}(fn)`, fn, 'a function, e.g. () => openSession()')
  if (options === undefined) throw argumentError(`${owner} options`, options, `an object naming the class to count, such as ${example}`)
  const o = optionsObject(options, ['of', 'iterations', 'name', 'retainers'], owner, example)
  if (typeof o.of !== 'function' || !isConstructor(o.of)) throw argumentError(`${owner} option "of"`, o.of, 'a class or constructor function, such as Session (the class itself, not an instance or its name)')
  const className = (o.of as Function).name || 'anonymous class'
  const iterations = o.iterations === undefined ? DEFAULT_ITERATIONS : parseWholeNumber(o.iterations, `${owner} option "iterations"`, 1, MAX_ITERATIONS, '100')
  const nameFrom = o.name !== undefined ? 'option' : fn.name ? 'function' : 'class'
  const name = o.name === undefined ? fn.name || className : checkName(o.name, owner)
  return { of: o.of as Function, className, iterations, name, nameFrom, retainers: optionalBoolean(o.retainers, owner, 'retainers') ?? true }
}

/** Whether `fn` can be called with `new` and has a prototype object to find instances by. */
function isConstructor(fn: Function): boolean {
  const prototype = (fn as { prototype?: unknown }).prototype
  return (typeof prototype === 'object' && prototype !== null) || typeof prototype === 'function'
}

function checkName(value: unknown, owner: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value
  throw argumentError(`${owner} option "name"`, value, "a non-empty string such as 'session'")
}

function optionalBoolean(value: unknown, owner: string, key: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value
  throw argumentError(`${owner} option "${key}"`, value, 'true or false')
}
