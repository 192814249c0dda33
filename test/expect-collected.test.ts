import { EventEmitter } from 'node:events'
import { afterAll, describe, expect, it } from 'vitest'
import { collectable, expectCollected } from '../src/index.js'
import { PerfAssertionError } from '../src/assert/assertion-error.js'
import { setTestContext, type TestContext } from '../src/record/context.js'

// Real heaps and real garbage collections: each retention pattern must be caught with a path
// that names its holder, and each released object must pass.
class Thing {
  constructor(readonly label: string) {}
}

const registry: Thing[] = []
const cache = new Map<string, Thing>()
const bus = new EventEmitter()
const target = new EventTarget()
const timers: NodeJS.Timeout[] = []

afterAll(() => {
  for (const t of timers) clearTimeout(t)
})

async function failure(check: Promise<unknown>): Promise<string> {
  const error = await check.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(PerfAssertionError)
  return (error as Error).message
}

describe('expectCollected catches what is still held', () => {
  it('a module-level array', async () => {
    const message = await failure(expectCollected(() => {
      const thing = new Thing('array')
      registry.push(thing)
      return thing
    }))
    expect(message).toMatch(/^"Thing" was not garbage-collected: still alive after 5 full GCs/)
    expect(message).toMatch(/held by: .*registry: Array → \[\d+\]: Thing/)
  })

  it('an unbounded cache (Map)', async () => {
    const message = await failure(expectCollected(() => {
      const thing = new Thing('cached')
      cache.set('k', thing)
      return thing
    }))
    expect(message).toMatch(/held by: .*cache: Map → entry: Thing/)
  })

  it('an EventEmitter listener never removed', async () => {
    const message = await failure(expectCollected(() => {
      const thing = new Thing('listener')
      bus.on('data', function onData() {
        return thing.label
      })
      return thing
    }))
    expect(message).toMatch(/held by: .*bus: EventEmitter → .*onData\(\) → thing: Thing/)
  })

  it('an EventTarget listener never removed', async () => {
    const message = await failure(expectCollected(() => {
      const thing = new Thing('event')
      target.addEventListener('ping', function onPing() {
        return thing.label
      })
      return thing
    }))
    expect(message).toMatch(/held by: .*target: EventTarget → .*onPing\(\) → thing: Thing/)
  })

  it('a pending timer holding a closure', async () => {
    const message = await failure(expectCollected(() => {
      const thing = new Thing('timer')
      timers.push(setTimeout(function later() {
        return thing.label
      }, 60_000))
      return thing
    }))
    expect(message).toMatch(/held by: .*Timeout → _onTimeout: later\(\) → thing: Thing/)
  })

  it('an object the test itself still holds, in a variable of its suspended function', async () => {
    const thing = new Thing('kept')
    const message = await failure(expectCollected(collectable(thing), { gcs: 2 }))
    expect(message).toMatch(/still alive after 2 full GCs/)
    expect(message).toMatch(/held by: suspended anonymous function → variable: Thing/)
    expect(thing.label).toBe('kept')
  })

  it('without retainers, fails without a heap snapshot and says so', async () => {
    const message = await failure(expectCollected(() => {
      const thing = new Thing('quiet')
      registry.push(thing)
      return thing
    }, { retainers: false, name: 'quiet thing' }))
    expect(message).toBe(message.split('\n')[0] + '\n  (heap snapshot skipped: retainers: false)')
    expect(message).toMatch(/^"quiet thing" was not garbage-collected/)
  })
})

describe('expectCollected passes what is let go', () => {
  it('a factory result nothing keeps', async () => {
    const result = await expectCollected(() => new Thing('free'))
    expect(result).toMatchObject({ name: 'Thing' })
    expect(result.gcs).toBeLessThanOrEqual(2)
  })

  it('an object the test lets go, by handle', async () => {
    let thing: Thing | undefined = new Thing('released')
    const handle = collectable(thing)
    thing = undefined
    await expectCollected(handle)
  })

  it('an object let go after an await', async () => {
    let thing: Thing | undefined = new Thing('awaited')
    const ref = new WeakRef(thing)
    await new Promise((resolve) => setTimeout(resolve, 1))
    expect(thing.label).toBe('awaited')
    thing = undefined
    await expectCollected(ref)
  })

  it('an object reachable only as a WeakMap key, or as the value of a key let go', async () => {
    const weak = new WeakMap<object, unknown>()
    await expectCollected(() => {
      const thing = new Thing('key')
      weak.set(thing, { big: new Array(100).fill(0) })
      return thing
    })
    await expectCollected(() => {
      const thing = new Thing('value')
      weak.set({}, thing)
      return thing
    })
  })

  it('an async factory', async () => {
    await expectCollected(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return new Thing('async')
    })
  })
})

describe('expectCollected records its outcome and checks its arguments', () => {
  it('records PASS and FAIL entries, the FAIL with the path', async () => {
    const context: TestContext = { file: 'test/x.test.ts', titlePath: ['collected'], entries: [] }
    setTestContext(context)
    try {
      await expectCollected(() => new Thing('free'))
      await expectCollected(() => {
        const thing = new Thing('kept')
        registry.push(thing)
        return thing
      }, { name: 'kept thing' }).catch(() => undefined)
      expect(context.entries).toMatchObject([
        { kind: 'retention', check: 'collected', id: 'test/x.test.ts > collected > Thing', status: 'PASS', alive: 0, limit: 0, method: 'WeakRef' },
        { kind: 'retention', check: 'collected', id: 'test/x.test.ts > collected > kept thing', status: 'FAIL', alive: 1, limit: 0, method: 'WeakRef' },
      ])
      expect(context.entries[1]).toMatchObject({ retainers: expect.stringMatching(/registry: Array → \[\d+\]: Thing$/) })
      expect(context.entries[0]!.kind === 'retention' && context.entries[0]!.message).toMatch(/^"Thing" was garbage-collected after 1 full GC \(/)
    } finally {
      setTestContext(undefined)
    }
  })

  it('refuses the object itself, a primitive, or a factory that returns one', async () => {
    await expect(expectCollected(new Thing('x') as never)).rejects.toThrow(/expectCollected\(target\) must be a factory, a collectable\(\) handle or a WeakRef \(the object itself would be held by the call\)/)
    await expect(expectCollected(42 as never)).rejects.toThrow(TypeError)
    await expect(expectCollected(() => 'text')).rejects.toThrow(/the factory given to expectCollected\(\) must be a function that returns the object to watch/)
    expect(() => collectable(null as never)).toThrow(/collectable\(target\) must be an object or function/)
    expect(() => collectable({}, '')).toThrow(/collectable\(target, name\) must be a non-empty string/)
  })

  it('refuses extra arguments, which JavaScript would drop without a word', async () => {
    const loose = (f: unknown) => f as (...args: unknown[]) => unknown
    await expect(loose(expectCollected)(() => ({}), { gcs: 2 }, { retainers: false }) as Promise<unknown>).rejects.toThrow(
      'perfspec: expectCollected() takes 2 arguments (target, options); received 3, and the extra {"retainers":false} would be ignored: remove it',
    )
    expect(() => loose(collectable)({}, 'session', 'extra')).toThrow('perfspec: collectable() takes 2 arguments (target, name); received 3, and the extra "extra" would be ignored: remove it')
  })

  it('checks its options, naming the one that is wrong', async () => {
    for (const gcs of [0, 2.5, 101, '5']) await expect(expectCollected(() => ({}), { gcs } as never)).rejects.toThrow(/expectCollected option "gcs" must be a whole number from 1 to 100/)
    await expect(expectCollected(() => ({}), { retainers: 'yes' } as never)).rejects.toThrow(/expectCollected option "retainers" must be true or false/)
    await expect(expectCollected(() => ({}), { name: ' ' })).rejects.toThrow(/expectCollected option "name" must be a non-empty string/)
    await expect(expectCollected(() => ({}), { gc: 3 } as never)).rejects.toThrow(/unknown expectCollected option "gc"/)
  })

  it("a factory's name with a control character names no check: the check is \"factory\", and a class name with one is refused as the class's", async () => {
    const context: TestContext = { file: 'f', titlePath: ['t'], entries: [] }
    setTestContext(context)
    try {
      const o = {
        ['mk\n::error file=x.ts,line=1::injected']: (): Thing => {
          throw new Error('x')
        },
      }
      const error = await expectCollected(Object.values(o)[0]!).catch((e: unknown) => e)
      expect((error as Error).message).toBe('perfspec: the factory given to expectCollected("factory") threw: x')
      expect(context.entries).toMatchObject([{ kind: 'retention', status: 'FAIL', name: 'factory', id: 'f > t > factory' }])
    } finally {
      setTestContext(undefined)
    }
    const Bad = { ['Bad\u202eName']: class {} }['Bad\u202eName']!
    await expect(expectCollected(() => new Bad())).rejects.toThrow(
      `perfspec: expectCollected(): the watched object's class name "Bad\\u202eName" contains the control character \\u202e; names are printed in consoles, Markdown and CI annotations, so pass a name of printable text instead: expectCollected(…, { name: 'session' })`,
    )
    await expect(expectCollected(() => new Bad(), { name: 'bad', gcs: 1 })).resolves.toMatchObject({ name: 'bad' })
  })

  it('a factory that throws fails the check with its error, recorded', async () => {
    const context: TestContext = { file: 'f', titlePath: ['t'], entries: [] }
    setTestContext(context)
    try {
      const error = await expectCollected(function createThing(): Thing {
        throw new Error('no database')
      }).catch((e: unknown) => e)
      expect((error as Error).message).toBe('perfspec: the factory given to expectCollected("createThing") threw: no database')
      expect(context.entries).toMatchObject([{ kind: 'retention', status: 'FAIL', name: 'createThing' }])
    } finally {
      setTestContext(undefined)
    }
  })
})
