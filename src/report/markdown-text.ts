import { printable } from '../model/names.js'

// Put in after the `<` escape, which would otherwise take the span's tags for a name's.
const DOLLAR = '<span>$</span>'
const ZERO_WIDTH_SPACE = '\u200b'

/**
 * Text that is not perfspec's own — names, test files, error and expectation messages, and the
 * sentences made of them — as Markdown shows it letter for letter. A name such as
 * `<details><summary>x` would otherwise fold the rest of a step summary, `<img onerror=…>` reach
 * the page as HTML, `[link](http://…)` become a link and `*a*` turn italic.
 *
 * Control characters become escapes ({@link printable}), so the text stays on its line; `<`
 * that could open a tag, a comment or an autolink becomes `&lt;`, and `&` that would start an
 * entity `&amp;`; `\`, `` ` ``, `*`, `[`, `]` and `~` (GFM strikethrough: `~~a~~`) are
 * backslash-escaped, and `_` where it could start or end emphasis.
 *
 * Two of GitHub's own additions are not Markdown and ignore a backslash: `$…$` is rendered as a
 * LaTeX formula, so each `$` becomes `<span>$</span>` (the escape GitHub's page "Writing
 * mathematical expressions" gives for a `$` outside a formula); and `@name` or `@org/team` notifies that user or team wherever the
 * report is posted (a pull-request comment), so a zero-width space follows an `@` that could
 * start a mention: GitHub does not read `@\u200Bname` as one, and it shows as `@name`. An e-mail
 * address (`a@b.c`) is no mention and stays as it is. Issue and pull-request references
 * (`#123`, `owner/repo#123`, `GH-123`) would link the issue and add a "mentioned" event to it,
 * so a zero-width space follows a `#` or a `GH-` before a digit: `#\u200B123` shows as `#123`
 * and links nothing. Heading anchors are unchanged, as GitHub drops the zero-width space from them.
 *
 * What cannot be markup is kept as it is, for the file to stay readable: `expected < 5ms`,
 * `snake_case`, and `>`, which opens nothing inside a line (ids read `a.test.ts > t > b`).
 */
export function markdownText(text: string): string {
  return printable(text)
    .replace(/[\\`*[\]~]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
    .replace(/\$/g, () => DOLLAR)
    .replace(/(?<![A-Za-z0-9])@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`)
    // Wherever it stands: `owner/repo#1` follows a letter, and an invisible space costs nothing.
    .replace(/#(?=\d)|GH-(?=\d)/gi, `$&${ZERO_WIDTH_SPACE}`)
}

/**
 * {@link markdownText} of a message of several lines (`…\n  held by: …`), each line a line of
 * the rendered text (`<br>`, its leading spaces dropped), all on one line of the source: no line
 * of it can start a heading, a list or a table row of its own.
 */
export function markdownLines(text: string): string {
  return text
    .split('\n')
    .map((line, i) => markdownText(i === 0 ? line : line.trimStart()))
    .join('<br>')
}

/**
 * Text that is not perfspec's own as inline code: fenced by more backticks than it holds in a
 * row, so a backtick in it cannot end the span early. Nothing inside a code span is markup.
 */
export function markdownCode(text: string): string {
  const shown = printable(text)
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  // A span that starts or ends with a backtick needs a space there, which Markdown then drops.
  const pad = /^`|`$/.test(shown) ? ' ' : ''
  return `${fence}${pad}${shown}${pad}${fence}`
}

/** A relative file path as a Markdown link target: percent-encoded, parentheses too, so the path cannot end the link or add to it. */
export function markdownLinkTarget(path: string): string {
  return encodeURI(path).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
