import v8 from 'node:v8'
import vm from 'node:vm'
import { withInspector } from '../inspector-session.js'

/** `v8.queryObjects` (Node 20.13+, 22+), where this Node has it. */
type QueryObjects = (ctor: Function, options: { format: 'count' }) => number
const queryObjects = (v8 as unknown as { queryObjects?: QueryObjects }).queryObjects

/**
 * The live instances of `ctor` (subclasses' included) by `v8.queryObjects`, which collects
 * garbage first; `undefined` where it cannot count them: on a Node without it, for a class of
 * another realm than Node's main one (under Jest, or Vitest's `vmThreads` pool, test files run in
 * a `vm` context of their own), whose instances it does not see, and for a built-in class
 * (`WeakRef`, `Map`): Node's own subclasses of those (`SafeWeakRef`, `SafeMap`) have prototypes
 * cut from the class's, which the subclass count below would take away all the same (a count of
 * −1 `WeakRef`s). The inspector counts those exactly.
 */
export function v8QueryCount(ctor: Function): number | undefined {
  if (!queryObjects || !inMainRealm(ctor) || isBuiltIn(ctor)) return undefined
  return quietly(() => queryObjects(ctor, { format: 'count' }) - queryObjects(subclassProbe(ctor), { format: 'count' }))
}

/**
 * `v8.queryObjects(ctor)` counts every object with `ctor.prototype` in its prototype chain: the
 * prototype objects of subclasses too. Those are exactly as many as the subclass constructors,
 * which have `ctor` itself in their chain: a function whose `prototype` is `ctor` counts them.
 */
function subclassProbe(ctor: Function): Function {
  const probe = function perfspecSubclassProbe() {}
  probe.prototype = ctor
  return probe
}

/** Whether `ctor` is the engine's own (its source is `[native code]`), not a class of JavaScript. */
function isBuiltIn(ctor: Function): boolean {
  try {
    return /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(ctor))
  } catch {
    return false
  }
}

let mainFunction: Function | undefined

function inMainRealm(ctor: Function): boolean {
  mainFunction ??= vm.runInThisContext('Function') as Function
  return ctor instanceof mainFunction
}

/**
 * Calls `fn` without Node's one-time "v8.queryObjects() is an experimental feature" warning on
 * the test's output: perfspec's use of it is an implementation detail its users did not choose.
 * The main realm's `process` (Jest hands test files a copy), only for the call, only that warning.
 */
function quietly<T>(fn: () => T): T {
  const proc = vm.runInThisContext('process') as NodeJS.Process
  const emit = proc.emitWarning
  proc.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message
    if (/queryObjects/.test(text)) return
    return (emit as (...args: unknown[]) => void).call(this, warning, ...rest)
  } as typeof emit
  try {
    return fn()
  } finally {
    proc.emitWarning = emit
  }
}

const GROUP = 'perfspec-query-objects'

/** Keeps an object for the inspector to find, on its realm's global object, under a unique key. */
const KEY = `__perfspecQueryObjects${process.pid}`

/**
 * The live instances of `ctor` (subclasses' included) by the inspector's `Runtime.queryObjects`,
 * which collects garbage first and, unlike `v8.queryObjects`, counts in the realm of the
 * prototype it is given: the prototype is fetched in its own realm (put on that realm's global
 * object for a moment and read there), and the subclasses' prototype objects in the result are
 * left out. `undefined` when the inspector cannot be used.
 */
export async function inspectorQueryCount(ctor: Function): Promise<number | undefined> {
  let realm: Record<string, unknown>
  try {
    // The Function constructor of the class's own realm evaluates in that realm.
    realm = (ctor.constructor as FunctionConstructor)('return globalThis')() as Record<string, unknown>
  } catch {
    return undefined
  }
  return withInspector(async (post, on) => {
    // Enabling the Runtime domain reports every execution context (realm); it is disabled again at once.
    const contexts: number[] = []
    on('Runtime.executionContextCreated', (message) => contexts.push(message.params.context.id as number))
    realm[KEY] = (ctor as { prototype: unknown }).prototype
    try {
      await post('Runtime.enable')
      await post('Runtime.disable')
      let prototype: string | undefined
      for (const contextId of contexts) {
        const found = await post('Runtime.evaluate', { expression: `globalThis[${JSON.stringify(KEY)}]`, contextId, objectGroup: GROUP }).catch(() => undefined)
        if (found?.result?.type === 'object' && found.result.objectId) {
          prototype = found.result.objectId as string
          break
        }
      }
      if (!prototype) return undefined
      const { objects } = await post('Runtime.queryObjects', { prototypeObjectId: prototype, objectGroup: GROUP })
      const counted = await post('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: NOT_PROTOTYPES, returnByValue: true })
      return typeof counted.result?.value === 'number' ? (counted.result.value as number) : undefined
    } finally {
      delete realm[KEY]
      await post('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined)
    }
  }).catch(() => undefined)
}

/** Counts the objects of an array that are not some function's `prototype`. */
const NOT_PROTOTYPES = `function () {
  return this.filter((o) => {
    try {
      return !(Object.prototype.hasOwnProperty.call(o, 'constructor') && typeof o.constructor === 'function' && o.constructor.prototype === o)
    } catch {
      return true
    }
  }).length
}`
