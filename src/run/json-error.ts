/**
 * Where JSON text first goes wrong, as a character offset, or `undefined` when it is valid.
 * Node 20+ no longer puts a position in every `JSON.parse` error ("Unexpected token 'o',
 * ..."id": oops"... is not valid JSON"), and a user fixing a file wants the line: this small
 * recursive-descent scan finds it.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0
  const fail = (): never => {
    throw i
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const string = () => {
    i++ // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++
      else if (text.charCodeAt(i) < 0x20) fail()
      i++
    }
    if (i >= text.length) fail()
    i++
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match || match[0] === '') fail()
    i += match![0].length
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === '{') {
      i++
      space()
      if (text[i] === '}') return void i++
      for (;;) {
        space()
        if (text[i] !== '"') fail()
        string()
        space()
        if (text[i] !== ':') fail()
        i++
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (c === '[') {
      i++
      space()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    return number()
  }
  try {
    value()
    space()
    return i < text.length ? i : undefined
  } catch (offset) {
    return offset as number
  }
}

/** A `JSON.parse` error with where it is: `… (line 7, column 3)`. */
export function jsonErrorWithLine(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message)
  const position = match ? Number(match[1]) : jsonErrorOffset(text)
  // Node quotes the text around the error over several lines: keep its first line only, and
  // never pass a control character of the file on to the terminal.
  const message = error.message.split('\n')[0]!.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  if (position === undefined) return message
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}

/**
 * Parses the text of a JSON file, or says what is wrong with it as the end of a sentence that
 * starts with the file's path: `is empty`, `holds binary data, not JSON text`, `is not valid
 * JSON: … (line 7, column 3)`. A leading UTF-8 byte-order mark is skipped.
 */
export function parseJson(file: string): { ok: true; data: unknown } | { ok: false; problem: string } {
  // Editors on Windows (Notepad, PowerShell's Out-File) start UTF-8 files with a byte-order mark,
  // which JSON.parse refuses; the file is JSON all the same.
  const text = file.startsWith('\ufeff') ? file.slice(1) : file
  if (text.trim() === '') return { ok: false, problem: 'is empty: expected JSON text' }
  try {
    return { ok: true, data: JSON.parse(text) }
  } catch (error) {
    // A NUL, or bytes that are not UTF-8 (read as U+FFFD): an archive, an image, a corrupt copy.
    if (/[\u0000\ufffd]/.test(text)) return { ok: false, problem: 'holds binary data, not JSON text' }
    return { ok: false, problem: `is not valid JSON: ${jsonErrorWithLine(text, error as Error)}` }
  }
}
