/**
 * Names as perfspec records and prints them. Test titles come from test files and reach
 * consoles, Markdown and GitHub's workflow commands, where a line break or an escape sequence
 * would start a line of its own (`::error …`) or end a list item; so they are made printable once,
 * where they are recorded, and every renderer can print them as they are.
 */

/** Separator of the parts of an id: test file, describe blocks, test, benchmark name. */
export const ID_SEPARATOR = ' > '

// C0 and C1 control characters, DEL, the line and paragraph separators; and the invisible
// characters that change what is shown without being seen: zero-width spaces, the non-joiner and
// the direction marks, the soft hyphen, the grapheme joiner, the word joiner and invisible
// operators (U+200B, U+200C, U+200E, U+200F, U+FEFF, U+00AD, U+034F, U+180E, U+2060–U+2064; the
// joiner U+200D stays: emoji such as 👩‍💻 are made with it) and the bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069), with which 'evil\u202egnp.js' shows as `evilsj.png`.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g

// Half of a UTF-16 surrogate pair without its other half: not well-formed text, which no file
// encoding or terminal can show (UTF-8 writes it as U+FFFD). With the `u` flag, a whole pair is
// one code point and does not match.
const LONE_SURROGATE = /\p{Cs}/gu

// Spaces other than the space itself (no-break, en, em, thin, ideographic, …): printed as escapes,
// so that 'a\u00a0b' does not read as 'a b'. Allowed in names, unlike the characters above.
const OTHER_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

const escaped = (c: string): string => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * `text` with each control or invisible character, each space other than the space itself, and
 * each lone surrogate, written as an escape (`\n`, `\u001b`, `\u202e`, `\u00a0`, `\ud800`):
 * printable on one line, well-formed, and not to be taken for another name; composed (NFC), so
 * that the two ways of writing `é` are one name.
 */
export function printable(text: string): string {
  // Composed (NFC) first: 'e\u0301' and 'é' are one name, as they look.
  return text.normalize('NFC').replace(CONTROL, escaped).replace(OTHER_SPACE, escaped).replace(LONE_SURROGATE, escaped)
}

/** The first control or invisible character of `text` as an escape, or `undefined`. */
export function controlCharacterIn(text: string): string | undefined {
  const found = text.match(new RegExp(CONTROL.source))
  return found ? printable(found[0]) : undefined
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
