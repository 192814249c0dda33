import stringWidth from 'string-width'
import { describe, expect, test } from 'vitest'
import { DEFAULT_GATE } from '../src/model/gate.js'
import { compareTable } from '../src/report/compare-table.js'
import { consoleSummary } from '../src/report/console-summary.js'
import { fitMiddle, padEndColumns, textWidth } from '../src/report/fit-text.js'
import { inertLines } from '../src/report/inert-lines.js'
import { syntheticRun } from './support/synthetic-run.js'

// A high surrogate not followed by a low one, or a low one not preceded by a high one: half an emoji.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment)

describe('widths in terminal columns', () => {
  test('a CJK character and an emoji take two columns, a combining mark and a joiner none', () => {
    expect(textWidth('abc')).toBe(3)
    expect(textWidth('数据库')).toBe(6)
    expect(textWidth('😀')).toBe(2)
    expect(textWidth('👩‍💻')).toBe(2) // woman, ZWJ, laptop: 5 code units
    expect(textWidth('🇯🇵')).toBe(2)
    expect(textWidth('e\u0301')).toBe(1) // e and a combining acute accent
    expect(padEndColumns('数据', 6)).toBe('数据  ')
    expect(padEndColumns('abcdef', 3)).toBe('abcdef')
  })
})

describe('fitMiddle', () => {
  test('ASCII is cut as before: the start and the end kept, the middle replaced by one ellipsis', () => {
    expect(fitMiddle('abcdefghij', 10)).toBe('abcdefghij')
    expect(fitMiddle('abcdefghij', 7)).toBe('abc…hij')
    expect(fitMiddle('abcdefghij', 6)).toBe('abc…ij')
    expect(fitMiddle('abcdefghij', 1)).toBe('…')
    expect(fitMiddle('abcdefghij', 0)).toBe('')
  })

  const names = {
    cjk: '数据库查询在一百万行上仍然很快速度测试',
    emoji: '😀 cache 👩‍💻👩‍💻👩‍💻 get 🇯🇵🇯🇵🇯🇵 hit 😀😀😀',
    combining: 'cafe\u0301 re\u0301sume\u0301 nai\u0308ve e\u0301le\u0301ve pre\u0301cis',
    mixed: 'ユーザー検索 › 👩‍👩‍👧‍👦 family › Ångström ñ e\u0301',
  }
  for (const [kind, name] of Object.entries(names)) {
    test(`${kind}: fits every width, whole graphemes only`, () => {
      const whole = new Set(graphemes(name))
      for (let width = 1; width <= textWidth(name) + 1; width++) {
        const fitted = fitMiddle(name, width)
        expect(stringWidth(fitted), `${JSON.stringify(fitted)} at ${width}`).toBeLessThanOrEqual(width)
        expect(fitted).not.toMatch(LONE_SURROGATE)
        // Every grapheme shown is one of the name's, unsplit (the ellipsis aside).
        for (const g of graphemes(fitted)) if (g !== '…') expect(whole.has(g), `${JSON.stringify(g)} of ${JSON.stringify(fitted)}`).toBe(true)
        // A cut loses at most one column to a wide character that did not fit.
        if (width >= 3 && fitted !== name) expect(stringWidth(fitted)).toBeGreaterThanOrEqual(width - 1)
      }
      expect(fitMiddle(name, textWidth(name))).toBe(name)
    })
  }
})

describe('the console summary with names in any script', () => {
  const specs = [
    { file: 'src/数据库/查询.test.ts', test: '数据库查询 > 在一百万行上仍然很快', name: '按主键查询', median: 0.0012, baseline: 0.0011 },
    { file: 'src/emoji.test.ts', test: '😀 reactions > 👩‍💻 developers 👩‍👩‍👧‍👦 families 🇯🇵 flags', name: 'count 😀😀😀', median: 0.02 },
    { file: 'src/accents.test.ts', test: 'cafe\u0301 > re\u0301sume\u0301 parsing of nai\u0308ve input', name: 'e\u0301le\u0301ve pre\u0301cis', median: 0.3, baseline: 0.2 },
    { file: 'src/ascii.test.ts', test: 'plain', name: 'broken' },
  ]
  for (const width of [40, 80]) {
    test(`${width} columns: the header, each file and each row fit, names cut between graphemes`, () => {
      const text = consoleSummary(syntheticRun(specs), [], { color: false, width })
      const lines = text.split('\n')
      const table = lines.slice(2, lines.indexOf('', 2))
      // The header, then a line per file and a row per benchmark (the synthetic run adds a load test).
      expect(table.length).toBeGreaterThanOrEqual(1 + 2 * specs.length)
      for (const line of table) {
        expect(stringWidth(line), line).toBeLessThan(width)
        expect(line).not.toMatch(LONE_SURROGATE)
      }
      // Rows line up: the figures start in the same column on every row of a result.
      const rows = table.filter((l) => /^ {3}[✓!✗] /.test(l) && !l.includes('failed:'))
      const ends = rows.map((l) => stringWidth(l))
      expect(new Set(ends).size).toBe(1)
      if (width === 40) {
        // A narrow terminal keeps the gate's figures (p95 and the change) and leaves out the others.
        expect(table[0]).toMatch(/^ +p95 +vs base$/)
      }
    })
  }

  test('in colour, the colour codes take no columns', () => {
    const text = consoleSummary(syntheticRun(specs), [], { color: true, width: 40 })
    const lines = text.split('\n')
    const table = lines.slice(2, lines.indexOf('', 2))
    expect(table.some((l) => l.includes('\u001b['))).toBe(true)
    for (const line of table) expect(stringWidth(line)).toBeLessThan(40)
  })
})

describe('perfspec compare’s table', () => {
  test('stays aligned with ids in CJK and emoji', () => {
    const rows = [
      { benchId: 'a.test.ts > 数据库 > 查询', status: 'new' as const, current: 0.5 },
      { benchId: 'a.test.ts > 😀 > 👩‍💻', status: 'new' as const, current: 0.25 },
      { benchId: 'a.test.ts > plain > ascii', status: 'new' as const, current: 1 },
    ]
    const lines = compareTable(rows, DEFAULT_GATE, 'nothing-compared').split('\n').slice(0, 5)
    // Every row ends in the same column, as the header does.
    expect(new Set(lines.map((l) => stringWidth(l))).size).toBe(1)
  })
})

describe('long text', () => {
  // Segmenting a text whole took memory growing with the square of its length: an error message
  // of 200,000 characters exhausted the heap, a test name of 60,000 'é' took 3.9 GB.
  test('is measured and fitted in pieces, with the same widths', () => {
    const mixed = ['é'.repeat(5000) + '漢字'.repeat(3000), 'abc👩‍💻'.repeat(2000), 'x'.repeat(9000) + 'e\u0301'.repeat(3000)]
    for (const text of mixed) expect(textWidth(text)).toBe(stringWidth(text))
    expect(textWidth('é'.repeat(200_000))).toBe(200_000)
    const fitted = fitMiddle(`${'a'.repeat(100_000)}👩‍💻${'é'.repeat(100_000)}END`, 40)
    expect(fitted).toBe(`${'a'.repeat(20)}…${'é'.repeat(16)}END`)
    expect(textWidth(fitMiddle('x'.repeat(200_000), 20))).toBe(20)
  })
})

describe('file headings', () => {
  test('a folder named like a GitHub workflow command (its path relative to the root) cannot start one: the heading line gets a ›', () => {
    const run = syntheticRun([{ file: '::error title=fake::/x.test.ts', test: 't', name: 'b', median: 0.001 }])
    const lines = consoleSummary(run, [], { color: false, width: 100 }).split('\n')
    expect(lines.filter((l) => l.trimStart().startsWith('::'))).toEqual([])
    expect(lines.some((l) => l.includes('› ::error title=fake::/x.test.ts'))).toBe(true)
  })
})

describe('relayed text and names in other outputs', () => {
  test('inertLines puts a › before every line that would start a workflow command, indented or not', () => {
    expect(inertLines('a\n::error title=x::y\n    ::stop-commands::tok\n b')).toBe('a\n› ::error title=x::y\n›     ::stop-commands::tok\n b')
  })
})

describe('long messages', () => {
  test('a message of many lines shows its first 40 in the console and counts the rest', () => {
    const run = syntheticRun([{ file: 'a.test.ts', test: 't', name: 'b', median: 0.001, expect: { limit: 0.0001, status: 'FAIL' } }])
    const entry = run.report.tests[0]!.entries.find((e) => e.kind === 'expectation')
    if (entry?.kind !== 'expectation') throw new Error('no expectation in the synthetic run')
    entry.message = `first\n${'x\n'.repeat(1000)}last`
    const text = consoleSummary(run, [], { color: false, width: 100 })
    expect(text).toContain('… 962 more lines (in the JSON report)')
    expect(text.split('\n').length).toBeLessThan(80)
  })
})
