import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { beforeAll, describe, expect, test } from 'vitest'
import { consoleSummary } from '../src/report/console-summary.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { FIXED_SPECS, manySpecs, syntheticRun } from './support/synthetic-run.js'

// Golden files of the reports of a fixed synthetic run. `UPDATE_GOLDEN=1 npx vitest run --config
// test/vitest.config.ts test/report-golden.test.ts` rewrites them after an intended change; the
// diff is then the review.
const goldenDir = join(new URL('.', import.meta.url).pathname, 'golden')
function golden(name: string, actual: string): void {
  const path = join(goldenDir, name)
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(goldenDir, { recursive: true })
    writeFileSync(path, actual)
  }
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

const ANSI = /\u001b\[[0-9;]*m/g

/** Every Mermaid block of a Markdown text. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!)
}

let parse: (text: string) => Promise<unknown>
beforeAll(async () => {
  // Mermaid's own parser, in a DOM of jsdom's: a chart it cannot parse fails the suite.
  const dom = new JSDOM('<!doctype html><html><body></body></html>')
  Object.assign(globalThis, { window: dom.window, document: dom.window.document })
  const mermaid = (await import('mermaid')).default
  parse = (text) => mermaid.parse(text)
}, 60_000)

describe('the console summary of a fixed run', () => {
  for (const width of [80, 120]) {
    for (const color of [false, true]) {
      test(`${width} columns, ${color ? 'in colour' : 'plain'}`, () => {
        const text = consoleSummary(syntheticRun(), ['BENCHMARK_RESULTS.json', 'BENCHMARK_RESULTS.md'], { color, width })
        golden(`console-${width}${color ? '-color' : ''}.txt`, text)
        // Rows are fitted to the width: names are shortened, never wrapped.
        const rows = text.replace(ANSI, '').split('\n').filter((l) => /^ {3}[✓!✗] /.test(l))
        expect(rows.length).toBe(9)
        for (const row of rows) expect(row.length).toBeLessThanOrEqual(width)
        expect(text.includes('\u001b[')).toBe(color)
      })
    }
  }

  test('what needs attention comes one line each, then the verdict', () => {
    const lines = consoleSummary(syntheticRun(), []).split('\n')
    expect(lines.filter((l) => l.startsWith(' ✗ '))).toEqual([
      expect.stringMatching(/^ ✗ cache\.set evicting \(src\/cache\.test\.ts:17\): regression: p95 .* \(\+\d+%, threshold 20%\)$/),
      expect.stringMatching(/^ ✗ decodeOrder \(src\/orders\.test\.ts:45\): p95 latency of "decodeOrder" was .*over the limit/),
      ' ✗ encodeOrder (src/orders.test.ts:52): failed: TypeError: cannot read properties of undefined (reading "items")',
    ])
    expect(lines.filter((l) => l.startsWith(' ! '))).toEqual([expect.stringMatching(/^ ! JSON\.parse 30KB \(src\/json\.test\.ts:24\): slower, within the threshold: p95/)])
    expect(lines.at(-2)).toMatch(/^ FAIL {2}8 benchmarks · 1 regression · expectations 3 pass \/ 0 warn \/ 1 fail · leak checks 1 pass \/ 0 fail · 1 scaling check$/)
  })
})

describe('the Markdown report of a fixed run', () => {
  test('matches its golden file: verdict first, then failures, a chart, a section per file, details folded', () => {
    const md = renderMarkdown(syntheticRun())
    golden('report.md', md)
    const order = ['# Benchmark results', '## Regressions and failures', '## Not failed, worth a look', '## Change vs baseline', '## src/cache.test.ts', '## src/json.test.ts', '## src/orders.test.ts', '## Scaling', '## Leak checks', '<summary>Environment</summary>']
    const at = order.map((h) => md.indexOf(h))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
  })

  test('every chart parses with Mermaid', async () => {
    const blocks = mermaidBlocks(renderMarkdown(syntheticRun()))
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    for (const block of blocks) await expect(parse(block), block).resolves.toBeTruthy()
  })

  test('a broken chart would fail: the parser is strict', async () => {
    await expect(parse('xychart-beta\n  x-axis ["a", "b\n  bar [1,')).rejects.toThrow()
  })

  test('charts of names with $, ~, @, quotes and brackets parse', async () => {
    const specs = [{ file: 'a.test.ts', test: 'costs $x^2$ > "quoted" [x]', name: '$total$ @org/team ~~x~~ <b>', median: 0.002, baseline: 0.001 }]
    const blocks = mermaidBlocks(renderMarkdown(syntheticRun([...FIXED_SPECS, ...specs])))
    expect(blocks.some((b) => b.includes('@org/team'))).toBe(true)
    for (const block of blocks) await expect(parse(block), block).resolves.toBeTruthy()
  })

  test('a 50-benchmark suite stays under 64 KB, and its charts parse', async () => {
    const md = renderMarkdown(syntheticRun(manySpecs(50)))
    expect(Buffer.byteLength(md)).toBeLessThan(64 * 1024)
    for (const block of mermaidBlocks(md)) await expect(parse(block), block).resolves.toBeTruthy()
  })
})
