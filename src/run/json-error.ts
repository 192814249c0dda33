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
  // Node quotes the text around the error over several lines: keep its first line only.
  const message = error.message.split('\n')[0]!
  if (position === undefined) return message
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}
