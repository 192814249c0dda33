import vm from 'node:vm'
import v8 from 'node:v8'
import { describe, expect, it } from 'vitest'
import { expectInstances } from '../src/index.js'
import { PerfAssertionError } from '../src/assert/assertion-error.js'
import { setTestContext, type TestContext } from '../src/record/context.js'
import { snapshotInstances } from '../src/measure/retention/instances.js'

// Real heaps: counts after full garbage collections, by v8.queryObjects where this Node has it
// (for classes of the main realm) and by heap snapshot otherwise.
class Session {
  closed = false
  close(): void {
    this.closed = true
  }
}
class AdminSession extends Session {}

const sessions: Session[] = []
const hasQueryObjects = typeof (v8 as { queryObjects?: unknown }).queryObjects === 'function'

describe('expectInstances counts live instances', () => {
  it('fails when every call keeps one, with the count, the limit, the method and how they are held', async () => {
    const error = await expectInstances(() => sessions.push(new Session()), { iterations: 40, of: Session, name: 'open session' })
      .toBeAtMost(1)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PerfAssertionError)
    const message = (error as Error).message
    expect(message).toMatch(/^40 Session instances alive after 40 calls of "open session", expected at most 1 \(39 too many; counted by (v8\.queryObjects|heap snapshot) after full GCs\)/)
    expect(message).toMatch(/all held like this: \(module\) sessions: Array → \[\d+\]: Session/)
    sessions.length = 0
  })

  it('passes when the calls keep nothing, and returns the count', async () => {
    const result = await expectInstances(() => new Session().close(), { iterations: 200, of: Session }).toBeAtMost(0)
    expect(result).toMatchObject({ name: 'Session', alive: 0, limit: 0, iterations: 200, method: hasQueryObjects ? 'v8.queryObjects' : 'heap snapshot' })
  })

  it("counts subclasses' instances but not their prototypes", async () => {
    const keep: Session[] = []
    const result = await expectInstances(() => keep.push(new AdminSession()), { iterations: 1, of: Session }).toBeAtMost(5)
    expect(result.alive).toBe(1)
    expect(keep).toHaveLength(1)
  })

  it('counts a class of another realm (a vm context, as under Jest) through the inspector, and says so', async () => {
    const realm = vm.createContext({})
    const Foreign = vm.runInContext('class Foreign {}; class Sub extends Foreign {}; globalThis.Sub = Sub; Foreign', realm) as new () => object
    const keep: object[] = [vm.runInContext('new Sub()', realm) as object]
    const result = await expectInstances(() => keep.push(new Foreign()), { iterations: 3, of: Foreign }).toBeAtMost(4)
    expect(result).toMatchObject({ alive: 4, method: 'inspector queryObjects' })
    const error = await expectInstances(() => keep.push(new Foreign()), { iterations: 2, of: Foreign }).toBeAtMost(5).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/^6 Foreign instances alive after 2 calls of fn, expected at most 5 \(1 too many; counted by inspector queryObjects after full GCs\)\n {2}5 of them held like this: .*keep: Array → \[\d\]: Foreign/)
  })

  it('counts the same by heap snapshot, the last resort, in either realm', async () => {
    const realm = vm.createContext({})
    const Foreign = vm.runInContext('class Foreign {}; Foreign', realm) as new () => object
    const keep: object[] = [new Foreign(), new Foreign(), new AdminSession(), new Session()]
    expect(await snapshotInstances(Foreign, () => false)).toEqual({ alive: 2, method: 'heap snapshot' })
    const sessions = await snapshotInstances(Session, () => true)
    // A variable of this (suspended) test function: register-held, so unnamed; one path per class.
    expect(sessions).toMatchObject({ alive: 2, method: 'heap snapshot', retainers: { held: 1, path: expect.stringMatching(/^suspended anonymous function → variable: Array → \[[23]\]: (Admin)?Session$/) } })
    expect(keep).toHaveLength(4)
  })

  it("counts a built-in class such as WeakRef exactly, though Node's own subclass of it (SafeWeakRef) has a prototype cut from it", async () => {
    const keep: WeakRef<object>[] = []
    const before = await expectInstances(() => {}, { iterations: 1, of: WeakRef }).toBeAtMost(1_000_000)
    expect(before.alive).toBeGreaterThanOrEqual(0)
    expect(before.method).not.toBe('v8.queryObjects')
    const target = {}
    const after = await expectInstances(() => keep.push(new WeakRef(target)), { iterations: 3, of: WeakRef }).toBeAtMost(1_000_000)
    expect(after.alive - before.alive).toBe(3)
    expect(keep).toHaveLength(3)
  })

  it('awaits an async fn', async () => {
    const result = await expectInstances(
      async () => {
        const s = new Session()
        await new Promise((resolve) => setTimeout(resolve, 0))
        s.close()
      },
      { iterations: 5, of: Session },
    ).toBeAtMost(0)
    expect(result.alive).toBe(0)
  })

  it('records PASS and FAIL entries for the report', async () => {
    const context: TestContext = { file: 'test/x.test.ts', titlePath: ['instances'], entries: [] }
    setTestContext(context)
    try {
      const keep: Session[] = []
      await expectInstances(() => new Session(), { iterations: 3, of: Session }).toBeAtMost(0)
      await expectInstances(() => keep.push(new Session()), { iterations: 3, of: Session, retainers: false }).toBeAtMost(2).catch(() => undefined)
      expect(context.entries).toMatchObject([
        { kind: 'retention', check: 'instances', id: 'test/x.test.ts > instances > Session', status: 'PASS', alive: 0, limit: 0, iterations: 3 },
        { kind: 'retention', check: 'instances', id: 'test/x.test.ts > instances > Session #2', status: 'FAIL', alive: 3, limit: 2 },
      ])
      expect(context.entries[1]).not.toHaveProperty('retainers')
    } finally {
      setTestContext(undefined)
    }
  })
})

describe('expectInstances checks its arguments', () => {
  const fn = () => {}
  it.each([
    [0, 'iterations'],
    [1.5, 'iterations'],
    ['10', 'iterations'],
    [1e8, 'iterations'],
  ])('iterations %j is a TypeError naming the option', (iterations, option) => {
    expect(() => expectInstances(fn, { iterations, of: Session } as never)).toThrow(new RegExp(`expectInstances option "${option}" must be a whole number from 1 to 10000000`))
  })

  it('of must be a class, not an instance, a name or an arrow function', () => {
    for (const of of [new Session(), 'Session', () => {}, undefined]) {
      expect(() => expectInstances(fn, { of } as never)).toThrow(/expectInstances option "of" must be a class or constructor function/)
    }
  })

  it("a name taken from the code with a control character is refused as the function's or the class's, saying to pass { name }", () => {
    const o = { ['open\n::error file=x.ts::injected']: () => new Session() }
    expect(() => expectInstances(Object.values(o)[0]!, { of: Session })).toThrow(
      `perfspec: expectInstances(): the function name "open\\n::error file=x.ts::injected" contains the control character \\n`,
    )
    expect(() => expectInstances(Object.values(o)[0]!, { of: Session })).toThrow("pass a name of printable text instead: expectInstances(fn, { of, name: 'sessions' })")
    const Bad = { ['Bad\u202eName']: class {} }['Bad\u202eName']!
    expect(() => expectInstances(() => new Bad(), { of: Bad })).toThrow(/^perfspec: expectInstances\(\): the counted class name .* contains the control character \\u202e.*pass a name of printable text instead/)
    expect(() => expectInstances(Object.values(o)[0]!, { of: Session, name: 'open' })).not.toThrow()
  })

  it('options are required; unknown ones, a non-function fn and a bad limit are refused', () => {
    expect(() => expectInstances(fn, undefined as never)).toThrow(/expectInstances options must be an object naming the class to count/)
    expect(() => expectInstances(fn, { of: Session, iteration: 5 } as never)).toThrow(/unknown expectInstances option "iteration"/)
    expect(() => expectInstances('fn' as never, { of: Session })).toThrow(/expectInstances\(fn\) must be a function/)
    expect(() => expectInstances(fn, { of: Session }).toBeAtMost(-1)).toThrow(TypeError)
    expect(() => expectInstances(fn, { of: Session }).toBeAtMost(0.5)).toThrow(/toBeAtMost\(limit\) must be a whole number/)
  })

  it('refuses extra arguments, which JavaScript would drop without a word', () => {
    const loose = (f: unknown) => f as (...args: unknown[]) => unknown
    expect(() => loose(expectInstances)(fn, { of: Session }, { iterations: 5 })).toThrow(
      'perfspec: expectInstances() takes 2 arguments (fn, options); received 3, and the extra {"iterations":5} would be ignored: remove it',
    )
    expect(() => loose(expectInstances(fn, { of: Session }).toBeAtMost)(1, 'per call')).toThrow(
      'perfspec: expectInstances(…).toBeAtMost() takes one argument (limit); received 2, and the extra "per call" would be ignored: remove it',
    )
  })

  it('a matcher name it lacks is a TypeError listing the one it has, as the other matchers do', () => {
    const m = expectInstances(fn, { of: Session }) as unknown as Record<string, unknown>
    expect(() => m.toBeLessThan).toThrow('perfspec: expectInstances(…) has no property "toBeLessThan"; valid properties: toBeAtMost')
    expect(m.then).toBeUndefined()
  })
})
