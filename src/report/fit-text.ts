import stringWidth from 'string-width'

// Text is measured and cut by what a terminal draws, not by UTF-16 code units: a CJK character
// or an emoji takes two columns, a combining mark or a joiner none, and an emoji made of several
// code points (a surrogate pair, a ZWJ sequence such as 👩‍💻, a flag) is one grapheme that a cut
// must not split. `string-width` keeps the East Asian Width and emoji tables current.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Terminal columns that `text` takes: 2 for a wide character or an emoji, 0 for a combining mark. */
export function textWidth(text: string): number {
  return stringWidth(text)
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
  if (textWidth(text) <= width) return text
  if (width <= 1) return '…'.slice(0, Math.max(0, width))
  const parts = [...graphemes.segment(text)].map(({ segment }) => ({ segment, width: textWidth(segment) }))
  const keep = width - 1
  let head = 0
  let used = 0
  while (head < parts.length && used + parts[head]!.width <= Math.ceil(keep / 2)) used += parts[head++]!.width
  let tail = parts.length
  while (tail > head && used + parts[tail - 1]!.width <= keep) used += parts[--tail]!.width
  const join = (from: number, to: number) => parts.slice(from, to).map((p) => p.segment).join('')
  return `${join(0, head)}…${join(tail, parts.length)}`
}
