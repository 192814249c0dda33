/**
 * `text` shortened to at most `width` characters by cutting its middle: the start and the end of
 * a name (its file or describe block, and the benchmark) say the most. Never wraps.
 */
export function fitMiddle(text: string, width: number): string {
  if (text.length <= width) return text
  if (width <= 1) return '…'.slice(0, Math.max(0, width))
  const keep = width - 1
  const head = Math.ceil(keep / 2)
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`
}
