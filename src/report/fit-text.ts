import stringWidth from 'string-width'

// Text is measured and cut by what a terminal draws, not by UTF-16 code units: a CJK character
// or an emoji takes two columns, a combining mark or a joiner none, and an emoji made of several
// code points (a surrogate pair, a ZWJ sequence such as 👩‍💻, a flag) is one grapheme that a cut
// must not split. `string-width` keeps the East Asian Width and emoji tables current.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

// Segmenting text costs memory that grows with the square of its length (an error message or a
// test name of 200,000 characters exhausted the heap): long text is measured in pieces.
const PIECE = 2048

/** Whether a grapheme surely starts at `i`: a character below U+0300 or in the CJK ideographs, after one that joins nothing. */
function startsGrapheme(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  const before = text.charCodeAt(i - 1)
  if (before === 0x200d || (before >= 0xd800 && before <= 0xdbff)) return false
  return c < 0x300 || (c >= 0x3000 && c <= 0x9fff)
}

/** Terminal columns that `text` takes: 2 for a wide character or an emoji, 0 for a combining mark. */
export function textWidth(text: string): number {
  if (text.length <= PIECE) return stringWidth(text)
  let width = 0
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + PIECE)
    // Cut where a grapheme starts; a text with no such place for long (emoji only) is cut anyway,
    // at the cost of a column or two.
    while (to < text.length && to < from + 4 * PIECE && !startsGrapheme(text, to)) to++
    width += stringWidth(text.slice(from, to))
    from = to
  }
  return width
}

/** `text` followed by spaces up to `width` columns (as `padEnd`, counted in columns). */
export function padEndColumns(text: string, width: number): string {
  return `${text}${' '.repeat(Math.max(0, width - textWidth(text)))}`
}

/**
 * `text` shortened to at most `width` terminal columns by cutting its middle: the start and the
 * end of a name (its file or describe block, and the benchmark) say the most. Never wraps, and
 * cuts between graphemes only; a column a wide character could not use goes to the other side.
 */
export function fitMiddle(text: string, width: number): string {
  // Only the ends are shown: each end is a window of code units far wider than the columns it
  // gives, so no grapheme shown is cut, and a text longer than both is taken as too wide (it would
  // need thousands of zero-width characters to fit).
  const window = width * 16 + 64
  if (text.length <= 2 * window && textWidth(text) <= width) return text
  if (width <= 1) return '…'.slice(0, Math.max(0, width))
  const keep = width - 1
  const segments = (part: string) => [...graphemes.segment(part)].map(({ segment }) => ({ segment, width: textWidth(segment) }))
  const start = segments(text.length > 2 * window ? text.slice(0, window) : text)
  const end = text.length > 2 * window ? segments(text.slice(-window)) : start
  let head = 0
  let used = 0
  while (head < start.length && used + start[head]!.width <= Math.ceil(keep / 2)) used += start[head++]!.width
  let tail = end.length
  const floor = end === start ? head : 0
  while (tail > floor && used + end[tail - 1]!.width <= keep) used += end[--tail]!.width
  const join = (parts: typeof start, from: number, to: number) => parts.slice(from, to).map((p) => p.segment).join('')
  return `${join(start, 0, head)}…${join(end, tail, end.length)}`
}
