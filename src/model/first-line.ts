/**
 * The first line of a message that is not blank, trimmed: how a runner's error or a tool's output
 * is quoted in one sentence. `undefined` for a message that is not a string or holds no text.
 */
export function firstLine(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined
  return message.split('\n').find((line) => line.trim() !== '')?.trim()
}
