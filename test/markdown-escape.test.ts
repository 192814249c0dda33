import { slug } from 'github-slugger'
import { marked } from 'marked'
import { describe, expect, test } from 'vitest'
import { renderMarkdown } from '../src/report/markdown.js'
import { markdownCode, markdownLinkTarget, markdownText } from '../src/report/markdown-text.js'
import { FIXED_SPECS, syntheticRun } from './support/synthetic-run.js'

describe('text that is not perfspec’s own, in Markdown', () => {
  test('shows letter for letter: no tag, link, emphasis or code of its own; readable where nothing is markup', () => {
    expect(markdownText('a <img src=x onerror=alert(1)> b')).toBe('a &lt;img src=x onerror=alert(1)> b')
    expect(markdownText('<details><summary>x</summary>')).toBe('&lt;details>&lt;summary>x&lt;/summary>')
    expect(markdownText('[link](http://evil) *b* _c_ `d` \\')).toBe('\\[link\\](http://evil) \\*b\\* \\_c\\_ \\`d\\` \\\\')
    // `&#60;` shows as written (its `#60` is defused too: see the issue references below).
    expect(markdownText('&amp; &#60; a & b')).toBe('&amp;amp; &amp;#\u200b60; a & b')
    expect(markdownText('two\nlines\u001b[31m')).toBe('two\\\\nlines\\\\u001b\\[31m')
    // Nothing here can be markup: kept as it is.
    expect(markdownText('a.test.ts > t > snake_case expected < 5ms, 2 > 1')).toBe('a.test.ts > t > snake_case expected < 5ms, 2 > 1')
  })

  test('no strikethrough, no LaTeX formula, no @mention (GitHub reads the last two outside Markdown)', () => {
    expect(markdownText('~~old~~ ~new~')).toBe('\\~\\~old\\~\\~ \\~new\\~')
    // GitHub documents `<span>$</span>` for a `$` that is not a formula's; a backslash it ignores.
    expect(markdownText('costs $x^2$ or $5')).toBe('costs <span>$</span>x^2<span>$</span> or <span>$</span>5')
    // A zero-width space after the `@`: GitHub shows `@octocat` and notifies no one.
    expect(markdownText('ping @octocat and @org/team-a (@x)')).toBe('ping @\u200boctocat and @\u200borg/team-a (@\u200bx)')
    // What cannot mention anyone is kept as it is: an e-mail address, a lone `@`, `@` before a space.
    expect(markdownText('a@b.c @ x @-y')).toBe('a@b.c @ x @-y')
    // A zero-width space in a name is shown as an escape (names are checked), so the one added here is perfspec's.
    expect(markdownText('@\u200bx')).toBe('@\\\\u200bx')
  })

  test('no issue or pull-request reference: #123, owner/repo#123 and GH-123 link nothing and notify no issue', () => {
    expect(markdownText('fixes #12, octo/repo#34, octo#5 and GH-56 (gh-7)')).toBe('fixes #\u200b12, octo/repo#\u200b34, octo#\u200b5 and GH-\u200b56 (gh-\u200b7)')
    // What cannot reference an issue is kept as it is.
    expect(markdownText('C# 2, #x, issue #, GH-x, GH 7')).toBe('C# 2, #x, issue #, GH-x, GH 7')
  })

  test('as inline code, whatever backticks it holds; as a link target, whatever its characters', () => {
    expect(markdownCode('Error: HTTP 503')).toBe('`Error: HTTP 503`')
    expect(markdownCode('a ``b`` c')).toBe('```a ``b`` c```')
    expect(markdownCode('`x`')).toBe('`` `x` ``')
    expect(markdownLinkTarget('r (1) [x].json')).toBe('r%20%281%29%20%5Bx%5D.json')
  })
})

describe('the Markdown report of a run with hostile names', () => {
  const hostileTest = 'pipe | col <details><summary>x</summary> > t'
  const hostileName = 'n <img src=x onerror=alert(1)> [link](http://evil) *b* _c_'
  const run = syntheticRun([
    ...FIXED_SPECS,
    { file: 'src/evil_<b>.test.ts', test: hostileTest, name: hostileName, median: 0.002, baseline: 0.001, expect: { limit: 0.001, status: 'FAIL' } },
    { file: 'src/evil_<b>.test.ts', test: 'broken', name: '<details>fold' },
  ])
  for (const test of run.report.tests) {
    for (const entry of test.entries) {
      if (entry.kind === 'bench' && entry.result?.errors) entry.result.errors.messages = ['`<img src=x onerror=alert(2)>`', '<details>']
      if (entry.kind === 'bench' && entry.error) entry.error = 'Error: <details><summary>boom'
      if (entry.kind === 'leak') entry.id = `${entry.id} <img src=x onerror=alert(3)>`
    }
  }
  run.report.environment.cpu = '<details>CPU'
  const markdown = renderMarkdown(run, 'r [x](javascript:alert(4)).json')
  const html = marked.parse(markdown, { async: false })

  test('no HTML of the names reaches the page or its charts, and no link or emphasis', () => {
    for (const block of markdown.match(/```mermaid[\s\S]*?```/g) ?? []) expect(block).not.toMatch(/<[a-z/]/i)
    expect(html).not.toMatch(/<img/)
    expect(html).not.toMatch(/<b>/)
    // A bare URL is shown as itself (GitHub links it, as in any text); no link hides it behind other words.
    expect(html).not.toMatch(/<a href="[^"]*evil[^"]*">(?!http:\/\/evil<)/)
    expect(html).not.toMatch(/<em>/)
    expect(html).toContain('onerror=alert(1)')
    expect(html).toContain('onerror=alert(2)')
    expect(html).toContain('onerror=alert(3)')
    expect(html).toContain('<a href="r%20%5Bx%5D%28javascript:alert%284%29%29.json"><code>r [x](javascript:alert(4)).json</code></a>')
  })

  test('only perfspec’s own <details> fold the report, each closed', () => {
    const own = markdown.split('\n').filter((line) => line === '<details>').length
    expect(own).toBeGreaterThan(0)
    expect(html.match(/<details>/g)?.length).toBe(own)
    expect(html.match(/<\/details>/g)?.length).toBe(own)
  })

  test('a pipe in a name stays in its cell; each list item stays on its line', () => {
    const row = markdown.split('\n').find((line) => line.startsWith('| pipe'))!
    expect(row.split(/(?<!\\)\|/).length).toBe(9) // 7 cells between the outer pipes
    const failures = markdown.split('## Regressions and failures\n\n')[1]!.split('\n\n')[0]!.split('\n')
    expect(failures.length).toBeGreaterThanOrEqual(5)
    for (const line of failures) expect(line).toMatch(/^- ❌ /)
  })
})

describe('names GitHub would read as strikethrough, a formula or a mention', () => {
  const test_ = 'pricing ~~old~~ > costs $x^2$ for @octocat'
  const name = '$total$ @org/team ~x~'
  const run = syntheticRun([
    ...FIXED_SPECS,
    { file: 'src/money$.test.ts', test: test_, name, median: 0.002, baseline: 0.001, expect: { limit: 0.001, status: 'FAIL' } },
    { file: 'src/money$.test.ts', test: 'broken @here', name: '~~gone~~' },
  ])
  for (const t of run.report.tests) for (const e of t.entries) if (e.kind === 'bench' && e.error) e.error = 'Error: $5 for @octocat ~~x~~'
  const markdown = renderMarkdown(run)
  const html = marked.parse(markdown, { async: false })
  // Text outside Mermaid blocks and code spans: where GitHub renders formulas and mentions.
  const prose = markdown.replace(/```mermaid[\s\S]*?```/g, '').replace(/(`+)[^`][\s\S]*?\1/g, '')

  test('no strikethrough in tables, headings or lists', () => {
    expect(markdown).toContain('## src/money<span>$</span>.test.ts')
    expect(html).not.toMatch(/<del>|<s>/)
    expect(html).toContain('~~old~~')
    expect(html).toContain('~~gone~~')
  })

  test('every $ outside code is a span, which GitHub does not take for a formula', () => {
    expect(prose.replace(/<span>\$<\/span>/g, '')).not.toContain('$')
    expect(prose.match(/<span>\$<\/span>/g)!.length).toBeGreaterThanOrEqual(6)
    expect(html).toContain('costs <span>$</span>x^2<span>$</span> for')
  })

  test('no @ outside code could start a mention', () => {
    expect(prose).not.toMatch(/(?<![A-Za-z0-9])@[A-Za-z0-9]/)
    expect(prose).toContain('@\u200boctocat')
    expect(prose).toContain('@\u200borg/team')
  })

  test('chart labels keep the name as it is (Mermaid draws them as plain text; GitHub runs neither math nor mentions in a code block)', async () => {
    const blocks = markdown.match(/```mermaid[\s\S]*?```/g) ?? []
    const labelled = blocks.filter((b) => b.includes('@org/team'))
    expect(labelled.length).toBeGreaterThan(0)
    for (const block of labelled) {
      expect(block).toContain('$total$ @org/team ~x~')
      expect(block).not.toMatch(/<span>|\\~|\u200b/)
    }
  })
})

describe('names GitHub would read as issue or pull-request references', () => {
  const file = 'src/#12 GH-3.test.ts'
  const run = syntheticRun([
    ...FIXED_SPECS,
    { file, test: 'GH-34 regression > octo/repo#56 slow path', name: 'fix for #78', median: 0.002, baseline: 0.001, expect: { limit: 0.001, status: 'FAIL' } },
    { file, test: 'broken since #9', name: 'gh-10 encode' },
  ])
  for (const t of run.report.tests) for (const e of t.entries) if (e.kind === 'bench' && e.error) e.error = 'Error: see #11 and other/repo#12'
  const markdown = renderMarkdown(run)
  const html = marked.parse(markdown, { async: false })
  const prose = markdown.replace(/```mermaid[\s\S]*?```/g, '').replace(/(`+)[^`][\s\S]*?\1/g, '')

  test('no #123, owner/repo#123 or GH-123 outside code: each shows as written, with a zero-width space after # or GH-', () => {
    expect(prose).not.toMatch(/#\d|GH-\d/i)
    for (const shown of ['#\u200b78', 'octo/repo#\u200b56', 'GH-\u200b34', 'gh-\u200b10', '#\u200b9', 'other/repo#\u200b12']) expect(prose).toContain(shown)
  })

  test('a test file named with one is still a heading, whose anchor GitHub makes as from the name itself', () => {
    const headings = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]!)
    const heading = headings.find((h) => h.startsWith('src/#'))!
    expect(heading).toBe('src/#\u200b12 GH-\u200b3.test.ts')
    expect(slug(heading)).toBe(slug(file))
  })
})
