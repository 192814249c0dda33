import { describe, expect, test, vi } from 'vitest'
import { entryName, nameInTest } from '../src/report/row-name.js'
import { bench } from '../src/bench'
import { controlCharacterIn, printable, idPart } from '../src/model/names'
import { entryId, getTestContext, recordEntry, runInTestChain, setTestAdapter, setTestContext, type TestContext } from '../src/record/context'
import { CONCURRENT_WARNING, startMeasuring } from '../src/record/measuring-now'
import { outsideTestWarning } from '../src/record/outside-test'
import { baselinePath } from '../src/run/baseline-path'
import { FakeClock } from './fake-clock'

const contextOf = (titlePath: string[]): TestContext => ({ file: 'a.test.ts', titlePath, entries: [] })

describe('ids', () => {
  test("a test 'a > b', a describe 'a' with a test 'b', and a bench 'b > c' each get an id of their own", () => {
    const ids = [entryId('c', contextOf(['a > b'])), entryId('c', contextOf(['a', 'b'])), entryId('b > c', contextOf(['a']))]
    expect(ids).toEqual(['a.test.ts > a \\> b > c', 'a.test.ts > a > b > c', 'a.test.ts > a > b \\> c'])
    expect(new Set(ids).size).toBe(3)
  })

  test('control characters in test titles are written as escapes, so no printed line can start a workflow command', () => {
    const id = entryId('x', contextOf(['evil\n::error file=a.ts::boom\u001b[31m']))
    expect(id).toBe('a.test.ts > evil\\n::error file=a.ts::boom\\u001b[31m > x')
    expect(id).not.toMatch(/[\n\u001b]/)
    expect(printable('tab\there\r\u2028')).toBe('tab\\there\\r\\u2028')
    expect(idPart('plain name')).toBe('plain name')
    expect(printable('a\u2060b\u00adc')).toBe('a\\u2060b\\u00adc')
    // The zero-width joiner builds emoji: it stays.
    expect(printable('dev 👩\u200d💻')).toBe('dev 👩\u200d💻')
  })

  test('a bench name with a control character is a TypeError naming it', async () => {
    await expect(bench('two\nlines', () => 1)).rejects.toThrow(TypeError)
    await expect(bench('two\nlines', () => 1)).rejects.toThrow('bench() name "two\\nlines" contains the control character \\n')
  })

  test('a lone surrogate is not well-formed text: refused in names, escaped in ids; whole pairs (emoji) are kept', async () => {
    for (const [name, half] of [['\ud800', '\\ud800'], ['a\udfffb', '\\udfff'], ['x\ud83d', '\\ud83d']]) {
      await expect(bench(name!, () => 1)).rejects.toThrow(TypeError)
      await expect(bench(name!, () => 1)).rejects.toThrow(`is not well-formed text: it contains ${half}, half of a surrogate pair without its other half`)
    }
    await expect(bench('\ud800', () => 1)).rejects.toThrow('perfspec: bench() name "\\ud800" is not well-formed text')
    expect(printable('a\ud800b 😀')).toBe('a\\ud800b 😀')
    expect(/\p{Cs}/u.test(printable('a\ud800b'))).toBe(false)
    expect(entryId('x', contextOf(['t\udc00']))).toBe('a.test.ts > t\\udc00 > x')
    const r = await bench('rocket 🚀', () => 1, { time: '5ms', warmup: false, iterations: 1 })
    expect(r.name).toBe('rocket 🚀')
  })

  test('bidirectional overrides and zero-width characters are control text: refused in names, escaped in ids', async () => {
    // 'evil\u202egnp.js' shows as "evilsj.png"; 'a\u200bb' looks like 'ab'.
    for (const [name, escape] of [['evil\u202egnp.js', '\\u202e'], ['a\u200bb', '\\u200b'], ['x\u2066y', '\\u2066'], ['\ufeffbom', '\\ufeff'], ['rtl\u200f', '\\u200f']]) {
      await expect(bench(name!, () => 1)).rejects.toThrow(`contains the control character ${escape}`)
    }
    expect(printable('a\u202ab\u202ec\u2069d\u200be\u200ff\ufeff')).toBe('a\\u202ab\\u202ec\\u2069d\\u200be\\u200ff\\ufeff')
    expect(entryId('x', contextOf(['evil\u202egnp.js']))).toBe('a.test.ts > evil\\u202egnp.js > x')
    // A hyphen next to them is kept; a code point no Unicode assigns (U+2065) and a deprecated format character (U+206A) are not seen either.
    expect(printable('\u2010\u2065\u206a')).toBe('\u2010\\u2065\\u206a')
  })

  test('every invisible or blank-looking character is escaped, but inside an emoji Unicode recommends: tags, variation selectors, joiners, fillers, the braille blank', async () => {
    const cases: Array<[string, string]> = [
      ['a\u{e0041}', 'a\\u{e0041}'],
      ['a\ufe0f', 'a\\ufe0f'],
      ['a\u200d', 'a\\u200d'],
      ['a\u200db', 'a\\u200db'],
      ['a\u061c', 'a\\u061c'],
      ['a\u3164', 'a\\u3164'],
      ['a\u2800', 'a\\u2800'],
      ['\u115fa\u1160\uffa0', '\\u115fa\\u1160\\uffa0'],
      ['a\u180b', 'a\\u180b'],
      ['a\u17b4', 'a\\u17b4'],
      // Not emoji Unicode recommends: a selector after a digit that is no keycap, two emoji joined into none, a lone tag after the flag.
      ['1\ufe0f', '1\\ufe0f'],
      ['🔥\u200d🔥', '🔥\\u200d🔥'],
      ['🏴\u{e0041}', '🏴\\u{e0041}'],
    ]
    for (const [name, shown] of cases) {
      expect(printable(name)).toBe(shown)
      expect(entryId('x', contextOf([name]))).toBe(`a.test.ts > ${shown} > x`)
      await expect(bench(name, () => 1)).rejects.toThrow('contains the control character')
    }
    // Emoji stay as they are written: joined, with a variation selector or a skin tone, a keycap, a flag of tags.
    for (const emoji of ['👩\u200d💻', '❤\ufe0f', '1\ufe0f\u20e3', '👍🏽', '👩🏽\u200d💻', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}']) {
      expect(printable(`t ${emoji}`)).toBe(`t ${emoji}`)
      expect(controlCharacterIn(emoji)).toBeUndefined()
    }
  })
})

describe('rows of the report', () => {
  test('keep the #2 of a name used twice in one test, so that the rows can be told apart', () => {
    expect(entryName({ id: 'a.test.ts > t > dupn', name: 'dupn' })).toBe('dupn')
    expect(entryName({ id: 'a.test.ts > t > dupn #2', name: 'dupn' })).toBe('dupn #2')
    expect(entryName({ id: 'a.test.ts > t > x #2', name: 'x #2' })).toBe('x #2')
    expect(entryName({ id: 'a.test.ts > t > x #2 #3', name: 'x #2' })).toBe('x #2 #3')
    expect(entryName({ id: 'a.test.ts > t > a \\> b #2', name: 'a > b' })).toBe('a > b #2')
    expect(nameInTest('t', entryName({ id: 'a.test.ts > t > a #8', name: 'a' }))).toBe('t › a #8')
  })

  test("names that would read as another's are told apart: ' › ' inside a part, spaces other than the space, the two ways of writing é", () => {
    // A test 'a › b' and a describe 'a' with a test 'b' (each with a bench 'c').
    expect(nameInTest('a › b', 'c')).toBe('a \\› b › c')
    expect(nameInTest('a > b', 'c')).toBe('a › b › c')
    expect(nameInTest('t', 'x › y')).toBe('t › x \\› y')
    // A no-break space reads as a space: escaped, in titles (recorded printable) and bench names.
    expect(entryId('x', contextOf(['nbsp\u00a0x']))).toBe('a.test.ts > nbsp\\u00a0x > x')
    expect(entryId('x', contextOf(['nbsp x']))).toBe('a.test.ts > nbsp x > x')
    expect(entryName({ id: 'a.test.ts > t > 10\\u202f000', name: '10\u202f000' })).toBe('10\\u202f000')
    // 'e' and a combining accent is 'é': one name, so two such tests share an id (and are said to).
    expect(entryId('x', contextOf(['e\u0301']))).toBe(entryId('x', contextOf(['\u00e9'])))
  })
})

describe('baseline paths', () => {
  test('stay under the baseline folder whatever the test path', () => {
    expect(baselinePath('/p/baselines', 'src/a.test.ts')).toBe('/p/baselines/src/a.test.ts.json')
    expect(baselinePath('/p/baselines', '../../shared/a.test.ts')).toBe('/p/baselines/_up/_up/shared/a.test.ts.json')
    // A real folder named like the one for ".." gets its own name: two test files never share a file.
    expect(baselinePath('/p/baselines', '_up/shared/a.test.ts')).toBe('/p/baselines/_up_/shared/a.test.ts.json')
    expect(baselinePath('/p/baselines', '../_up_/a.test.ts')).toBe('/p/baselines/_up/_up__/a.test.ts.json')
    expect(baselinePath('/p/baselines', '/abs/./a.test.ts')).toBe('/p/baselines/abs/a.test.ts.json')
    // A test file on another Windows drive: its path relative to the root is absolute.
    expect(baselinePath('/p/baselines', 'C:/x/a.test.ts')).toBe('/p/baselines/C%3A/x/a.test.ts.json')
  })
})

describe('concurrent tests', () => {
  test('each async chain records into its own test, and a bench keeps the test it started in', async () => {
    const one = contextOf(['one'])
    const two = contextOf(['two'])
    const clock1 = new FakeClock()
    const clock2 = new FakeClock()
    const tick = () => new Promise((done) => setImmediate(done))
    await Promise.all([
      runInTestChain(() => one, async () => {
        await tick()
        await bench('b1', () => clock1.advance(0.001), { clock: clock1, iterations: 50, time: '5ms', warmup: 0 })
      }),
      runInTestChain(() => two, async () => {
        await bench('b2', () => clock2.advance(0.001), { clock: clock2, iterations: 50, time: '5ms', warmup: 0 })
        recordEntry({ kind: 'expectation', benchId: 'x', metric: 'p95', status: 'PASS', message: 'm' } as never, getTestContext())
      }),
    ])
    expect(one.entries.map((e) => (e as { id?: string }).id)).toEqual(['a.test.ts > one > b1'])
    expect(two.entries.map((e) => e.kind)).toEqual(['bench', 'expectation'])
    expect((two.entries[0] as { id: string }).id).toBe('a.test.ts > two > b2')
  })

  test('a benchmark that measured while another did says so in its warnings', () => {
    const a = startMeasuring()
    expect(a.overlapped()).toBe(false)
    const b = startMeasuring()
    b.end()
    const c = startMeasuring()
    a.end()
    c.end()
    expect([a.overlapped(), b.overlapped(), c.overlapped()]).toEqual([true, true, true])
    const alone = startMeasuring()
    alone.end()
    expect(alone.overlapped()).toBe(false)
    expect(CONCURRENT_WARNING).toContain('competed for the CPU')
  })
})

describe('outside a test', () => {
  test('with a runner adapter loaded, a bench outside any test warns, naming where it was called', async () => {
    setTestContext(undefined)
    expect(outsideTestWarning('bench("x")')).toBeUndefined()
    setTestAdapter('vitest')
    try {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const clock = new FakeClock()
      const r = await bench('module level', () => clock.advance(0.001), { clock, iterations: 20, time: '2ms', warmup: 0 })
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^perfspec: bench\("module level"\) ran outside a test \(at .*names-and-ids\.test\.ts:\d+:\d+\): at module level or in beforeAll\/afterAll, vitest names no running test, so its result is not in the report/))
      expect(r.warnings.some((w) => w.includes('ran outside a test'))).toBe(true)
      warn.mockRestore()
    } finally {
      setTestAdapter(undefined)
    }
  })

  test('a bench begun outside any test that ends while a test runs is not filed under that test', async () => {
    setTestContext(undefined)
    setTestAdapter('vitest')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const t = contextOf(['a3'])
    try {
      const clock = new FakeClock()
      let started!: () => void
      const running = new Promise<void>((resolve) => (started = resolve))
      // Its setup lets a test start before it measures (a module-level bench not awaited).
      const pending = bench('m3', () => clock.advance(0.001), { clock, iterations: 20, time: '2ms', warmup: 0, setup: () => running })
      setTestContext(t)
      started()
      const r = await pending
      expect(r.warnings.some((w) => w.includes('ran outside a test'))).toBe(true)
      expect(t.entries).toEqual([])
    } finally {
      warn.mockRestore()
      setTestContext(undefined)
      setTestAdapter(undefined)
    }
  })
})

describe('a name that is another\'s numbered name', () => {
  test('"x #2" beside a second "x" in one test is refused in either order, naming both; "x #2" twice is numbered as usual', () => {
    const message = /the name "x #2" is the name perfspec gives to a second use of "x" in the test "a\.test\.ts > (first|after)", which also runs; .* rename one of them/
    const first = contextOf(['first'])
    expect(entryId('x #2', first)).toBe('a.test.ts > first > x #2')
    expect(entryId('x', first)).toBe('a.test.ts > first > x')
    expect(() => entryId('x', first)).toThrow(message)
    const after = contextOf(['after'])
    entryId('x', after)
    expect(entryId('x', after)).toBe('a.test.ts > after > x #2')
    expect(() => entryId('x #2', after)).toThrow(message)
    const twice = contextOf(['twice'])
    entryId('y #2', twice)
    expect(entryId('y #2', twice)).toBe('a.test.ts > twice > y #2 #2')
  })

  test('bench() fails with that error before it measures', async () => {
    const t = contextOf(['clash'])
    const clock = new FakeClock()
    const opts = { clock, iterations: 20, time: '2ms', warmup: 0 } as const
    await runInTestChain(() => t, async () => {
      await bench('x', () => clock.advance(0.001), opts)
      await bench('x', () => clock.advance(0.001), opts)
      await expect(bench('x #2', () => clock.advance(0.001), opts)).rejects.toThrow(/the name "x #2" is the name perfspec gives to a second use of "x"/)
    })
    expect(t.entries.map((e) => (e as { id: string }).id)).toEqual(['a.test.ts > clash > x', 'a.test.ts > clash > x #2'])
  })
})

describe('two benchmarks of one name at the same time', () => {
  test('each gets an id of its own: the second is #2', async () => {
    const t = contextOf(['par'])
    const c1 = new FakeClock()
    const c2 = new FakeClock()
    await runInTestChain(() => t, () =>
      Promise.all([
        bench('x', () => c1.advance(0.001), { clock: c1, iterations: 20, time: '2ms', warmup: 0 }),
        bench('x', () => c2.advance(0.002), { clock: c2, iterations: 20, time: '2ms', warmup: 0 }),
      ]),
    )
    expect(t.entries.map((e) => (e as { id: string }).id).sort()).toEqual(['a.test.ts > par > x', 'a.test.ts > par > x #2'])
  })
})

describe('a teardown that never settles', () => {
  test('the measurement is recorded first; when the test ends, the bench fails naming its teardown', async () => {
    const ended = new AbortController()
    const t: TestContext = { ...contextOf(['slow teardown']), signal: ended.signal }
    const clock = new FakeClock()
    const run = runInTestChain(() => t, () => bench('td', () => clock.advance(0.001), { clock, iterations: 20, time: '2ms', warmup: 0, teardown: () => new Promise(() => {}) }))
    for (let i = 0; i < 200 && t.entries.length === 0; i++) await new Promise((done) => setTimeout(done, 10))
    // Recorded already, with its result, while the teardown hangs.
    expect(t.entries).toHaveLength(1)
    expect((t.entries[0] as { result?: unknown }).result).toBeDefined()
    ended.abort(new Error('Test timed out in 500ms'))
    await expect(run).rejects.toThrow(/bench "td" failed: teardown/)
    expect(t.entries).toHaveLength(1)
    expect(t.entries[0]).toMatchObject({ kind: 'bench', error: expect.stringMatching(/teardown.*Test timed out/) })
    expect((t.entries[0] as { result?: unknown }).result).toBeUndefined()
  })
})
