import { argumentError } from '../units/argument-error.js'
import { refuseExtraArguments } from '../units/extra-arguments.js'

// Under a registered symbol, so that a handle made by one copy of perfspec (the ESM build) is
// recognised by another (the CommonJS one) loaded in the same test.
const REF = Symbol.for('perfspec.collectable')

/**
 * A handle on an object that does not keep it alive: what {@link collectable} returns, for
 * `expectCollected`. It holds only a `WeakRef` to the object and the object's name.
 */
export class Collectable {
  /** What the object is: the name given, or its constructor's name (`Session`, `function onData`). */
  readonly name: string

  /** @internal Use {@link collectable}. */
  constructor(ref: WeakRef<object>, name: string) {
    this.name = name
    Object.defineProperty(this, REF, { value: ref })
  }
}

/**
 * Takes a handle on `target` that does not keep it alive, to check later that it was collected:
 * take it while you still hold the object, let go of the object, then
 * `await expectCollected(handle)`. Passing the object itself to `expectCollected` would hold it
 * for the length of the call, and the check could never pass.
 *
 * @param target - an object or function
 * @param name - name in messages and the report; default: `target`'s constructor name
 */
export function collectable(target: object, name?: string): Collectable {
  refuseExtraArguments('collectable()', arguments, ['target', 'name'])
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) {
    throw argumentError('collectable(target)', target, 'an object or function, the one that should be garbage-collected later, e.g. collectable(session)')
  }
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) throw argumentError('collectable(target, name)', name, "a non-empty string such as 'session'")
  return new Collectable(new WeakRef(target), name ?? kindOf(target))
}

/** The `WeakRef` inside a {@link Collectable} (from any copy of perfspec), else `undefined`. */
export function collectableRef(value: unknown): WeakRef<object> | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const ref = (value as Record<symbol, unknown>)[REF]
  return isWeakRef(ref) ? ref : undefined
}

/** Whether `value` is a `WeakRef`, from this realm or another (a test's `vm` context under Jest). */
export function isWeakRef(value: unknown): value is WeakRef<object> {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object WeakRef]'
}

/**
 * What an object is, for messages: its constructor's name, `function <name>` for a function.
 * Never throws: a proxy's traps or a throwing getter give `object`.
 */
export function kindOf(value: object): string {
  try {
    if (typeof value === 'function') return value.name ? `function ${value.name}` : 'function'
    const ctor = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor
    return typeof ctor === 'function' && ctor.name ? ctor.name : 'object'
  } catch {
    return 'object'
  }
}
