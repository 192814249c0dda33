#!/usr/bin/env node
/**
 * Renders a perfspec Markdown report the way GitHub shows it — Markdown to HTML, every Mermaid
 * block drawn by the real Mermaid library — in headless Chromium, then checks that every chart
 * became a drawing, and optionally takes a screenshot.
 *
 * Usage: `node tools/render-report.mjs <report.md> [--screenshot out.png] [--width 1000] [--height 4000]`
 * Needs Chromium (`chromium` on the PATH, or `CHROMIUM=/path/to/chrome`). Exit code 0 when every
 * chart rendered, 1 when one did not (its error is printed), 2 on bad arguments.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { marked } from 'marked'

const args = process.argv.slice(2)
const input = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--screenshot' && args[args.indexOf(a) - 1] !== '--width' && args[args.indexOf(a) - 1] !== '--height')
const screenshot = args.includes('--screenshot') ? args[args.indexOf('--screenshot') + 1] : undefined
const width = Number(args.includes('--width') ? args[args.indexOf('--width') + 1] : 1000)
const height = Number(args.includes('--height') ? args[args.indexOf('--height') + 1] : 4000)
if (!input || !(width > 0) || !(height > 0)) {
  process.stderr.write('usage: node tools/render-report.mjs <report.md> [--screenshot out.png] [--width 1000] [--height 4000]\n')
  process.exit(2)
}

const require = createRequire(import.meta.url)
const mermaidJs = pathToFileURL(join(require.resolve('mermaid/package.json'), '..', 'dist', 'mermaid.min.js')).href
const markdown = readFileSync(input, 'utf8')
// Mermaid blocks become <pre class="mermaid"> as GitHub's renderer treats them; <details> open, to see inside.
const renderer = new marked.Renderer()
const code = renderer.code.bind(renderer)
renderer.code = (token) => (token.lang === 'mermaid' ? `<pre class="mermaid">${token.text.replace(/</g, '&lt;')}</pre>` : code(token))
const body = marked.parse(markdown, { renderer }).replace(/<details>/g, '<details open>')
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: ${width - 40}px; margin: 20px; color: #1f2328 }
table { border-collapse: collapse; margin: 8px 0 } td, th { border: 1px solid #d1d9e0; padding: 4px 10px } th { background: #f6f8fa }
pre.mermaid { background: none } code { background: #eff1f3; padding: 1px 4px; border-radius: 4px } h2 { border-bottom: 1px solid #d1d9e0 }
</style></head><body>${body}
<script src="${mermaidJs}"></script>
<script>
mermaid.initialize({ startOnLoad: false })
mermaid.run({ querySelector: 'pre.mermaid', suppressErrors: true }).finally(() => {
  const charts = [...document.querySelectorAll('pre.mermaid')]
  const bad = charts.filter((c) => !c.querySelector('svg') || /Syntax error|Parse error/.test(c.textContent))
  document.body.setAttribute('data-charts', charts.length + '/' + bad.length)
  document.body.setAttribute('data-bad', bad.map((c) => c.getAttribute('data-processed') + ':' + c.textContent.slice(0, 200)).join(' || '))
})
</script></body></html>`

const dir = mkdtempSync(join(os.tmpdir(), 'perfspec-render-'))
const page = join(dir, 'report.html')
writeFileSync(page, html)
const chromium = process.env.CHROMIUM || 'chromium'
const common = ['--headless', '--no-sandbox', '--disable-gpu', '--virtual-time-budget=20000', `--window-size=${width},${height}`]
const dom = spawnSync(chromium, [...common, '--dump-dom', pathToFileURL(page).href], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
if (dom.error || dom.status !== 0) {
  process.stderr.write(`could not run ${chromium}: ${dom.error?.message ?? dom.stderr}\n`)
  process.exit(2)
}
const counts = /data-charts="(\d+)\/(\d+)"/.exec(dom.stdout)
if (!counts) {
  process.stderr.write('the page did not finish rendering its charts\n')
  process.exit(1)
}
const [total, bad] = [Number(counts[1]), Number(counts[2])]
process.stdout.write(`${total} charts rendered by Mermaid in ${chromium}, ${bad} failed\n`)
if (bad > 0) process.stdout.write(`${/data-bad="([^"]*)"/.exec(dom.stdout)?.[1] ?? ''}\n`)
if (screenshot) {
  const shot = spawnSync(chromium, [...common, `--screenshot=${resolve(screenshot)}`, pathToFileURL(page).href], { encoding: 'utf8' })
  process.stdout.write(shot.status === 0 ? `screenshot: ${screenshot}\n` : `screenshot failed: ${shot.stderr}\n`)
}
rmSync(dir, { recursive: true, force: true })
process.exit(bad > 0 ? 1 : 0)
