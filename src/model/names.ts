/**
 * Names as perfspec records and prints them. Test titles come from test files and reach
 * consoles, Markdown and GitHub's workflow commands, where a line break or an escape sequence
 * would start a line of its own (`::error …`) or end a list item; so they are made printable once,
 * where they are recorded, and every renderer can print them as they are.
 */

/** Separator of the parts of an id: test file, describe blocks, test, benchmark name. */
export const ID_SEPARATOR = ' > '

// Characters that are not seen, or seen as nothing, and would make one name read as another or
// break a line: every control (Cc) and format (Cf) character — line breaks, escape, the zero-width
// spaces and joiners, the direction marks, embeddings, overrides and isolates (with which
// 'evil\u202egnp.js' shows as `evilsj.png`), the soft hyphen, the tag characters —, the line and
// paragraph separators, code points no Unicode version assigns, every code point Unicode says to
// show as nothing (Default_Ignorable_Code_Point: variation selectors, the combining grapheme
// joiner, the Hangul fillers, the Khmer and Mongolian invisible letters and selectors), and the
// braille blank. Those that are part of an emoji Unicode recommends (RGI: 👩‍💻, ❤️, 1️⃣, 🏴 and its
// tags) stay.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800]/gu

// Emoji as Unicode recommends them (RGI), sequences included: a property of strings, which
// needs the `v` flag (Node 20 has it; TypeScript's target does not, hence the constructor).
const RGI_EMOJI = new RegExp('\\p{RGI_Emoji}', 'gv')

/** The spans `[start, end)` of `text` that are emoji (see {@link RGI_EMOJI}). */
function emojiSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(RGI_EMOJI)].map((m) => [m.index, m.index + m[0].length])
}

/** `text` with every invisible character written as an escape, but those inside an emoji. */
function escapeInvisible(text: string): string {
  if (!INVISIBLE.test(text)) return text
  INVISIBLE.lastIndex = 0
  const spans = emojiSpans(text)
  return text.replace(INVISIBLE, (c: string, offset: number) => (spans.some(([a, b]) => offset >= a && offset < b) ? c : escaped(c)))
}

// Half of a UTF-16 surrogate pair without its other half: not well-formed text, which no file
// encoding or terminal can show (UTF-8 writes it as U+FFFD). With the `u` flag, a whole pair is
// one code point and does not match.
const LONE_SURROGATE = /\p{Cs}/gu

// Spaces other than the space itself (no-break, en, em, thin, ideographic, …): printed as escapes,
// so that 'a\u00a0b' does not read as 'a b'. Allowed in names, unlike the characters above.
const OTHER_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** `\n`, `\u001b`; a code point beyond U+FFFF as `\u{e0041}`. */
function escaped(c: string): string {
  const cp = c.codePointAt(0)!
  return NAMED[c] ?? (cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`)
}

/**
 * `text` with each control, format or otherwise invisible character (but those that make an
 * emoji), each space other than the space itself, and each lone surrogate, written as an escape
 * (`\n`, `\u001b`, `\u202e`, `\u00a0`, `\ud800`, `\u{e0041}`): printable on one line,
 * well-formed, and not to be taken for another name; composed (NFC), so that the two ways of
 * writing `é` are one name.
 */
export function printable(text: string): string {
  // Composed (NFC) first: 'e\u0301' and 'é' are one name, as they look.
  return escapeInvisible(text.normalize('NFC')).replace(OTHER_SPACE, escaped).replace(LONE_SURROGATE, escaped)
}

/**
 * A process's output as lines that are each {@link printable}, its colour codes (SGR escapes)
 * left out and its line breaks kept: what a runner printed, to be shown a few lines of.
 */
export function printableLines(output: string): string {
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/).map(printable).join('\n')
}

/** The first control or invisible character of `text` (but those inside an emoji) as an escape, or `undefined`. */
export function controlCharacterIn(text: string): string | undefined {
  const spans = emojiSpans(text)
  for (const found of text.matchAll(INVISIBLE)) if (!spans.some(([a, b]) => found.index >= a && found.index < b)) return escaped(found[0])
  return undefined
}

/**
 * The id part naming a test runner's project (Vitest's `test.projects`, Jest's `projects`), after
 * the test file: `a.test.ts > [node] > t > b`. Only configs that declare several projects have it.
 */
export function projectIdPart(name: string): string {
  return `[${name}]`
}

/**
 * One part of an id, printable, with the separator inside it escaped (`a \> b`), so that a test
 * named `'a > b'`, a describe `'a'` with a test `'b'`, and a benchmark named `'b > c'` get ids of
 * their own.
 */
export function idPart(part: string): string {
  return printable(part).split(ID_SEPARATOR).join(' \\> ')
}

/**
 * Checks a name perfspec is given (a benchmark's, a leak check's): no control characters, which
 * no report could show as they are, nor invisible ones (zero-width, bidirectional overrides),
 * which would make one name look like another, nor lone surrogates (`'\ud800'`), which are not
 * well-formed text (`String.prototype.isWellFormed()` is false).
 *
 * @param what - whose name it is, as the message says it: `expectCollected()`, or for a name
 *   perfspec took from the code, where from (`expectCollected(): the watched object's class`)
 * @param fix - what to do instead; default `use printable text only`
 * @throws TypeError naming the call and the character
 */
export function checkName(what: string, name: string, fix = 'use printable text only'): void {
  const found = controlCharacterIn(name)
  if (found !== undefined) {
    throw new TypeError(`perfspec: ${what} name "${printable(name)}" contains the control character ${found}; names are printed in consoles, Markdown and CI annotations, so ${fix}`)
  }
  const half = name.match(new RegExp(LONE_SURROGATE.source, 'u'))
  if (half) {
    throw new TypeError(`perfspec: ${what} name "${printable(name)}" is not well-formed text: it contains ${escaped(half[0])}, half of a surrogate pair without its other half, which no file or console can show; use whole characters (an emoji is two halves, written together)`)
  }
}

/** Whether {@link checkName} accepts `name`: a name taken from the code may be used as it is. */
export function isCleanName(name: string): boolean {
  return controlCharacterIn(name) === undefined && !new RegExp(LONE_SURROGATE.source, 'u').test(name)
}
